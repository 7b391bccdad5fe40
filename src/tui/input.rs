//! Keyboard input: keys are looked up in the key table and turned into state changes and
//! effects. Split from `app.rs` so each file keeps one job.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, Overlay, TABS, Tab};
use super::keys::{self, Act};
use super::logbuf::LogBuf;
use crate::engine::containers::Action;

impl App {
    pub(crate) fn on_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.kind != crossterm::event::KeyEventKind::Press {
            return Vec::new();
        }
        // Ctrl-C quits from anywhere: overlays, filters and searches included.
        if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return Vec::new();
        }
        if let Some(ov) = self.overlay.clone() {
            return self.on_overlay_key(ov, k);
        }
        if self.layers_filtering() {
            return self.on_layers_text_key(k);
        }
        if self.images.filtering {
            return self.on_images_text_key(k);
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

    pub(crate) fn on_overlay_key(&mut self, ov: Overlay, k: KeyEvent) -> Vec<Effect> {
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
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
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
        if let Some(fx) = self.on_images_act(act) {
            return fx;
        }
        if matches!(self.detail, Some((_, Tab::Layers)))
            && let Some(fx) = self.on_layers_act(act)
        {
            return fx;
        }
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
            Act::FocusLeft
            | Act::FocusRight
            | Act::Collapse
            | Act::Sort
            | Act::Scope
            | Act::Waste
            | Act::Advice
            | Act::Largest => {}
            Act::Mark | Act::Compare | Act::Export => {}
            Act::Images => {
                self.view = super::app::View::Images;
                self.images.loading = true;
                return vec![Effect::LoadImages];
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
        let mut fx = match (tab, next) {
            (_, Tab::Logs) => {
                self.logs = LogBuf::new();
                vec![Effect::OpenLogs(id)]
            }
            (Tab::Logs, _) => vec![Effect::CloseLogs],
            _ => Vec::new(),
        };
        if next == Tab::Layers {
            fx.extend(self.open_layers_of_detail());
        }
        fx
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
