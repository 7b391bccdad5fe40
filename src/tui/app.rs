//! The TUI's state and its one `update` function: messages in, effects out. No I/O here.

use crossterm::event::{KeyCode, KeyEvent};

use super::keys::{self, Act, Ctx};
use super::logbuf::LogBuf;
use super::theme::Theme;
use crate::engine::containers::Action;
use crate::engine::logs::LogLine;
use crate::model::{Container, EngineInfo};

/// Everything that can happen to the UI.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Resize,
    /// Wall clock, Unix seconds (uptimes are computed against it).
    Tick(i64),
    Connected(EngineInfo),
    Disconnected {
        uri: String,
        reason: String,
    },
    Containers(Vec<Container>),
    Started {
        id: String,
        at: Option<i64>,
    },
    Logs {
        id: String,
        lines: Vec<LogLine>,
    },
    LogEnded {
        id: String,
        why: Option<String>,
    },
    ActionDone(Result<String, String>),
}

/// What the event loop must do on the app's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenLogs(String),
    CloseLogs,
    Act(Action, String),
    Shell(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Logs,
    Layers,
    Health,
    Files,
    Env,
    BuildCache,
}

pub const TABS: [Tab; 6] = [
    Tab::Logs,
    Tab::Layers,
    Tab::Health,
    Tab::Files,
    Tab::Env,
    Tab::BuildCache,
];

impl Tab {
    pub fn title(self) -> &'static str {
        match self {
            Tab::Logs => "Logs",
            Tab::Layers => "Layers",
            Tab::Health => "Health",
            Tab::Files => "Files",
            Tab::Env => "Env",
            Tab::BuildCache => "Build cache",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conn {
    Connecting(String),
    Up(EngineInfo),
    /// Lost (or never had) the daemon; `ever` says whether the list is from an earlier connection.
    Down {
        uri: String,
        reason: String,
        ever: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm {
        action: Action,
        id: String,
        name: String,
    },
}

pub struct App {
    pub conn: Conn,
    pub containers: Vec<Container>,
    pub show_all: bool,
    pub filter: String,
    pub filtering: bool,
    /// Index into `visible()`.
    pub selected: usize,
    /// Open container (by ID) and its tab.
    pub detail: Option<(String, Tab)>,
    pub logs: LogBuf,
    pub overlay: Option<Overlay>,
    pub read_only: bool,
    /// One-line message in the status bar (`true` = an error).
    pub flash: Option<(String, bool)>,
    pub now: i64,
    pub theme: Theme,
    pub quit: bool,
    /// Rows available for lists (set by the renderer's last layout), for paging.
    pub page: usize,
}

impl App {
    pub fn new(uri: String, read_only: bool, theme: Theme) -> Self {
        App {
            conn: Conn::Connecting(uri),
            containers: Vec::new(),
            show_all: true,
            filter: String::new(),
            filtering: false,
            selected: 0,
            detail: None,
            logs: LogBuf::new(),
            overlay: None,
            read_only,
            flash: None,
            now: 0,
            theme,
            quit: false,
            page: 20,
        }
    }

    /// The containers the list shows: all or running, then the filter.
    pub fn visible(&self) -> Vec<&Container> {
        let f = self.filter.to_lowercase();
        self.containers
            .iter()
            .filter(|c| self.show_all || c.state.is_up())
            .filter(|c| {
                f.is_empty()
                    || c.name.to_lowercase().contains(&f)
                    || c.image.to_lowercase().contains(&f)
                    || c.id.starts_with(&f)
            })
            .collect()
    }

    pub fn selected_container(&self) -> Option<&Container> {
        self.visible().get(self.selected).copied()
    }

    pub fn detail_container(&self) -> Option<&Container> {
        let (id, _) = self.detail.as_ref()?;
        self.containers.iter().find(|c| &c.id == id)
    }

    /// Key contexts, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match &self.detail {
            Some((_, Tab::Logs)) => vec![Ctx::Logs, Ctx::Detail, Ctx::Global],
            Some(_) => vec![Ctx::Detail, Ctx::Global],
            None => vec![Ctx::List, Ctx::Global],
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) => return self.on_key(k),
            Msg::Resize => {}
            Msg::Tick(now) => self.now = now,
            Msg::Connected(info) => {
                self.conn = Conn::Up(info);
                // A reconnect: reopen the logs of the open container.
                if let Some((id, Tab::Logs)) = &self.detail {
                    return vec![Effect::OpenLogs(id.clone())];
                }
            }
            Msg::Disconnected { uri, reason } => {
                let ever = matches!(self.conn, Conn::Up(_))
                    || matches!(self.conn, Conn::Down { ever: true, .. });
                self.conn = Conn::Down { uri, reason, ever };
            }
            Msg::Containers(mut list) => {
                let keep = self.selected_container().map(|c| c.id.clone());
                crate::engine::containers::carry_over(&mut list, &self.containers);
                self.containers = list;
                self.reselect(keep);
            }
            Msg::Started { id, at } => {
                if let Some(c) = self.containers.iter_mut().find(|c| c.id == id) {
                    c.started_at = at;
                }
            }
            Msg::Logs { id, lines } => {
                if self.detail.as_ref().is_some_and(|(d, _)| *d == id) {
                    for l in lines {
                        self.logs.push(l);
                    }
                }
            }
            Msg::LogEnded { id, why } => {
                if self.detail.as_ref().is_some_and(|(d, _)| *d == id) {
                    self.logs.ended = Some(why.unwrap_or_else(|| "end of log stream".into()));
                }
            }
            Msg::ActionDone(r) => {
                self.flash = Some(match r {
                    Ok(m) => (m, false),
                    Err(m) => (m, true),
                })
            }
        }
        Vec::new()
    }

    fn reselect(&mut self, keep: Option<String>) {
        let vis = self.visible();
        if let Some(id) = keep
            && let Some(i) = vis.iter().position(|c| c.id == id)
        {
            self.selected = i;
            return;
        }
        self.selected = self.selected.min(vis.len().saturating_sub(1));
    }

    fn on_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.kind != crossterm::event::KeyEventKind::Press {
            return Vec::new();
        }
        if let Some(ov) = self.overlay.clone() {
            return self.on_overlay_key(ov, k);
        }
        if self.filtering || self.logs.searching {
            return self.on_text_key(k);
        }
        let Some(act) = keys::lookup(&self.contexts(), &k) else {
            return Vec::new();
        };
        self.flash = None;
        if keys::is_mutating(act) && self.read_only {
            self.flash = Some((
                "read-only mode: actions that change containers are disabled".into(),
                true,
            ));
            return Vec::new();
        }
        self.on_act(act)
    }

    fn on_overlay_key(&mut self, ov: Overlay, k: KeyEvent) -> Vec<Effect> {
        match ov {
            Overlay::Help => {
                if matches!(
                    k.code,
                    KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter
                ) {
                    self.overlay = None;
                }
                Vec::new()
            }
            Overlay::Confirm { action, id, .. } => {
                self.overlay = None;
                if matches!(k.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    vec![Effect::Act(action, id)]
                } else {
                    self.flash = Some((format!("{} cancelled", action.verb()), false));
                    Vec::new()
                }
            }
        }
    }

    fn on_text_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let in_logs = self.logs.searching;
        let text = if in_logs {
            &mut self.logs.search
        } else {
            &mut self.filter
        };
        match k.code {
            KeyCode::Char(c)
                if !k
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL) =>
            {
                text.push(c)
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Esc => {
                text.clear();
                self.filtering = false;
                self.logs.searching = false;
                self.logs.current = None;
            }
            KeyCode::Enter => {
                self.filtering = false;
                self.logs.searching = false;
                if in_logs {
                    self.logs.current = None;
                    let page = self.page;
                    if !self.logs.jump(false, page) {
                        self.flash =
                            Some((format!("no line matches '{}'", self.logs.search), true));
                    }
                }
            }
            _ => {}
        }
        if !in_logs {
            self.selected = 0;
        }
        Vec::new()
    }

    fn on_act(&mut self, act: Act) -> Vec<Effect> {
        let n = self.visible().len();
        let page = self.page.max(1);
        let in_logs = matches!(self.detail, Some((_, Tab::Logs)));
        match act {
            Act::Quit => self.quit = true,
            Act::Help => self.overlay = Some(Overlay::Help),
            Act::Back => {
                if self.detail.take().is_some() {
                    return vec![Effect::CloseLogs];
                }
                self.filter.clear();
            }
            Act::Up | Act::Down | Act::PageUp | Act::PageDown if in_logs => {
                let d = match act {
                    Act::Up => -1,
                    Act::Down => 1,
                    Act::PageUp => -(page as isize),
                    _ => page as isize,
                };
                self.logs.scroll(d, page);
            }
            Act::Top if in_logs => self.logs.to_top(),
            Act::Bottom if in_logs => self.logs.to_bottom(),
            Act::Up => self.selected = self.selected.saturating_sub(1),
            Act::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Act::PageUp => self.selected = self.selected.saturating_sub(page),
            Act::PageDown => self.selected = (self.selected + page).min(n.saturating_sub(1)),
            Act::Top => self.selected = 0,
            Act::Bottom => self.selected = n.saturating_sub(1),
            Act::Open => {
                if let Some(c) = self.selected_container() {
                    let id = c.id.clone();
                    self.detail = Some((id.clone(), Tab::Logs));
                    self.logs = LogBuf::new();
                    return vec![Effect::OpenLogs(id)];
                }
            }
            Act::Filter => self.filtering = true,
            Act::ToggleAll => {
                self.show_all = !self.show_all;
                self.selected = 0;
            }
            Act::NextTab | Act::PrevTab => return self.switch_tab(act == Act::NextTab),
            Act::Start | Act::Stop | Act::Restart | Act::Shell => {
                return self.container_action(act);
            }
            Act::Follow => self.logs.follow = !self.logs.follow,
            Act::Search => {
                self.logs.searching = true;
                self.logs.search.clear();
            }
            Act::NextMatch | Act::PrevMatch => {
                if !self.logs.jump(act == Act::NextMatch, page) {
                    self.flash = Some(("no match: search with /".into(), true));
                }
            }
        }
        Vec::new()
    }

    fn switch_tab(&mut self, forward: bool) -> Vec<Effect> {
        let Some((id, tab)) = self.detail.clone() else {
            return Vec::new();
        };
        let i = TABS.iter().position(|t| *t == tab).unwrap_or(0);
        let next = TABS[(i + if forward { 1 } else { TABS.len() - 1 }) % TABS.len()];
        self.detail = Some((id.clone(), next));
        match (tab, next) {
            (_, Tab::Logs) => {
                self.logs = LogBuf::new();
                vec![Effect::OpenLogs(id)]
            }
            (Tab::Logs, _) => vec![Effect::CloseLogs],
            _ => Vec::new(),
        }
    }

    fn container_action(&mut self, act: Act) -> Vec<Effect> {
        let target = if self.detail.is_some() {
            self.detail_container()
        } else {
            self.selected_container()
        };
        let Some(c) = target else {
            self.flash = Some(("no container selected".into(), true));
            return Vec::new();
        };
        let (id, name) = (c.id.clone(), c.name.clone());
        match act {
            Act::Shell if c.state.is_up() => vec![Effect::Shell(id)],
            Act::Shell => {
                self.flash = Some((format!("{name} is not running: start it first (s)"), true));
                Vec::new()
            }
            Act::Start => vec![Effect::Act(Action::Start, id)],
            Act::Stop => {
                self.overlay = Some(Overlay::Confirm {
                    action: Action::Stop,
                    id,
                    name,
                });
                Vec::new()
            }
            _ => {
                self.overlay = Some(Overlay::Confirm {
                    action: Action::Restart,
                    id,
                    name,
                });
                Vec::new()
            }
        }
    }
}
