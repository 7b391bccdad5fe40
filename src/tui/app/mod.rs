//! The app: the connection, the container list, the screens (routing), the overlays and the
//! status line. `update` takes a message and returns effects; it does no I/O. Everything a
//! tab or screen shows and does is in its pane (`tui::panes`).

mod actions;
mod route;
mod screens;

use std::collections::VecDeque;

use ratatui::Frame;

pub use route::Hints;
pub(crate) use screens::{Screen, Slot};

use super::jobs::PaneId;
use super::msg::{Effect, Msg};
use super::pane::{Env, Notice, Pane, Subject};
use super::panes::compare::Compare;
use super::panes::list::List;
use super::theme::Theme;
use super::widgets::confirm::Confirm;
use crate::model::{Container, EngineInfo};

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

/// What the app knows that panes may read (see `Env`).
pub(crate) struct Core {
    pub conn: Conn,
    pub containers: Vec<Container>,
    pub listed: bool,
    pub now: i64,
    pub page: usize,
    pub read_only: bool,
    pub theme: Theme,
}

impl Core {
    pub fn env(&self) -> Env<'_> {
        Env {
            containers: &self.containers,
            listed: self.listed,
            conn: &self.conn,
            now: self.now,
            page: self.page,
            read_only: self.read_only,
            theme: &self.theme,
        }
    }
}

/// Where the user is: for tests, traces and the clock's redraw decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    List,
    /// A container's tabs: its ID and the title of the tab on screen.
    Container {
        id: String,
        tab: String,
    },
    /// Another screen, by title (Images, Layers, Comparison).
    Screen(String),
}

pub struct App {
    pub(crate) core: Core,
    /// The container list: the bottom screen, always there.
    pub(crate) list: Slot,
    /// The screens opened above the list; the last is on screen.
    pub(crate) screens: Vec<Screen>,
    pub(crate) help: bool,
    /// Confirmations asked for, and the pane that asked; the first is on screen.
    pub(crate) confirms: VecDeque<(PaneId, Confirm)>,
    /// One-line message in the status bar (`true` = an error).
    pub(crate) flash: Option<(String, bool)>,
    quit: bool,
    last_id: u64,
    /// Effects that wait for the engine (e.g. the comparison `docktor demo` opens with).
    on_connect: Vec<Effect>,
}

impl App {
    pub fn new(uri: String, read_only: bool, theme: Theme) -> App {
        App {
            core: Core {
                conn: Conn::Connecting(uri),
                containers: Vec::new(),
                listed: false,
                now: 0,
                page: 20,
                read_only,
                theme,
            },
            list: Slot {
                id: PaneId(1),
                pane: Box::new(List::new()),
            },
            screens: Vec::new(),
            help: false,
            confirms: VecDeque::new(),
            flash: None,
            quit: false,
            last_id: 1,
            on_connect: Vec::new(),
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) => return self.on_key(k),
            Msg::Resize | Msg::Ended(_) => {}
            Msg::Connected(info) => {
                self.core.conn = Conn::Up(info);
                if !self.on_connect.is_empty() {
                    let fx = std::mem::take(&mut self.on_connect);
                    return fx;
                }
                return self.notify(Notice::Reconnected);
            }
            Msg::Disconnected { uri, reason } => {
                let ever = matches!(self.core.conn, Conn::Up(_) | Conn::Down { ever: true, .. });
                self.core.conn = Conn::Down { uri, reason, ever };
            }
            Msg::Containers(mut list) => {
                crate::engine::containers::carry_over(&mut list, &self.core.containers);
                self.core.listed = true;
                self.core.containers = list;
                return self.notify(Notice::Containers);
            }
            Msg::Started { id, at } => {
                if let Some(c) = self.core.containers.iter_mut().find(|c| c.id == id) {
                    c.started_at = at;
                }
            }
            Msg::Done { ticket, result } => {
                if ticket.owner == PaneId::APP {
                    actions::on_done(self, result);
                    return Vec::new();
                }
                let env = self.core.env();
                // A pane that is gone gets nothing (its jobs were cancelled when it closed).
                let Some(slot) = screens::all_mut(&mut self.list, &mut self.screens)
                    .find(|s| s.id == ticket.owner)
                else {
                    return Vec::new();
                };
                let fx = slot.pane.on_done(ticket, result, &env);
                return self.absorb(ticket.owner, fx);
            }
        }
        Vec::new()
    }

    /// Tells every pane; returns what they ask for.
    fn notify(&mut self, notice: Notice) -> Vec<Effect> {
        let env = self.core.env();
        let asked: Vec<(PaneId, Vec<Effect>)> = screens::all_mut(&mut self.list, &mut self.screens)
            .map(|s| (s.id, s.pane.on_notice(notice, &env)))
            .collect();
        asked
            .into_iter()
            .flat_map(|(id, fx)| self.absorb(id, fx))
            .collect()
    }

    fn slot(&mut self, pane: Box<dyn Pane>) -> Slot {
        self.last_id += 1;
        Slot {
            id: PaneId(self.last_id),
            pane,
        }
    }

    /// Opens `pane` on top, about `subject`. Returns the effects it asks for.
    pub fn open(&mut self, pane: Box<dyn Pane>, subject: Subject) -> Vec<Effect> {
        self.push(pane, subject)
    }

    /// Opens a comparison of `images` (the first is the baseline), shown with `labels`.
    pub fn open_compare(&mut self, images: Vec<String>, labels: Vec<String>) -> Vec<Effect> {
        self.open(Box::new(Compare::new(images, labels)), Subject::Engine)
    }

    /// Keeps `fx` until the engine answers (they need it).
    pub fn defer_until_connected(&mut self, fx: Vec<Effect>) {
        self.on_connect.extend(fx);
    }

    pub fn draw(&self, f: &mut Frame) -> usize {
        super::chrome::draw(f, self)
    }

    /// Rows of the main list area, from the last draw (for paging).
    pub fn set_page(&mut self, rows: usize) {
        self.core.page = rows.max(1);
    }

    pub fn set_now(&mut self, now: i64) {
        self.core.now = now;
    }

    pub fn now(&self) -> i64 {
        self.core.now
    }

    pub fn conn(&self) -> &Conn {
        &self.core.conn
    }

    pub fn containers(&self) -> &[Container] {
        &self.core.containers
    }

    pub fn read_only(&self) -> bool {
        self.core.read_only
    }

    pub fn theme(&self) -> &Theme {
        &self.core.theme
    }

    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// Shows the outcome of something the event loop did itself (the shell hand-over).
    pub fn set_flash(&mut self, outcome: Result<String, String>) {
        self.flash = Some(match outcome {
            Ok(m) => (m, false),
            Err(m) => (m, true),
        });
    }

    pub fn flash(&self) -> Option<(&str, bool)> {
        self.flash.as_ref().map(|(m, e)| (m.as_str(), *e))
    }

    pub fn help_open(&self) -> bool {
        self.help
    }

    /// The confirmation on screen, if any.
    pub fn confirming(&self) -> Option<&Confirm> {
        self.confirms.front().map(|(_, c)| c)
    }

    fn list(&self) -> Option<&List> {
        self.list.pane.as_any().downcast_ref::<List>()
    }

    /// The containers the list shows (all or running, then the filter).
    pub fn visible(&self) -> Vec<&Container> {
        match self.list() {
            Some(l) => l.visible(&self.core.containers),
            None => Vec::new(),
        }
    }

    pub fn selected_container(&self) -> Option<&Container> {
        self.list()?.selected(&self.core.containers)
    }

    /// The container of the container screen on top, if it is one.
    pub fn detail_container(&self) -> Option<&Container> {
        match self.screens.last()? {
            Screen::Tabs { container, .. } => {
                self.core.containers.iter().find(|c| c.id == *container)
            }
            Screen::One(_) => None,
        }
    }

    pub fn location(&self) -> Location {
        match self.screens.last() {
            Some(Screen::Tabs { container, .. }) => Location::Container {
                id: container.clone(),
                tab: self.top().pane.title().to_string(),
            },
            Some(Screen::One(_)) => Location::Screen(self.top().pane.title().to_string()),
            None => Location::List,
        }
    }

    /// The pane on screen, if it is a `T`.
    pub fn pane<T: Pane>(&self) -> Option<&T> {
        self.top().pane.as_any().downcast_ref::<T>()
    }

    /// The pane on screen (the list when nothing else is).
    pub(crate) fn top(&self) -> &Slot {
        self.screens.last().map_or(&self.list, Screen::active)
    }

    /// True while a text input is being typed into.
    pub fn typing(&self) -> bool {
        self.top().pane.typing().is_some()
    }

    /// The uptimes on screen: the clock only asks for a redraw when one changes.
    pub fn clock_signature(&self) -> String {
        use crate::report::ps::uptime;
        let mut s = String::new();
        if let Some(c) = self.detail_container() {
            s.push_str(&uptime(c, self.core.now));
        }
        if self.screens.is_empty() {
            let upto = self.list().map_or(0, |l| l.selected_index()) + self.core.page + 2;
            for c in self.visible().iter().take(upto) {
                s.push_str(&uptime(c, self.core.now));
                s.push(' ');
            }
        }
        s
    }
}
