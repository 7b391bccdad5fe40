//! Keys, in this order: Ctrl-C and Ctrl-Z (always), a confirmation, the help, the text being
//! typed, then the key table — the pane's keys, the tabs', the container actions, the global
//! ones. Read-only and availability are checked here once for every binding; then the pane
//! acts, and what it leaves (Back, tabs, help, quit) the app does. The hint bar is built from
//! the same sections with the same checks.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{App, Screen, actions};
use crate::tui::keys::{self, Act, Avail, Hint, KeySection, READ_ONLY};
use crate::tui::msg::Effect;
use crate::tui::pane::Handled;
use crate::tui::widgets::confirm;

/// What the hint bar shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hints {
    /// The engine was never reached: only quitting makes sense.
    Offline,
    /// A text input is being typed into: its typing hints.
    Typing(String),
    /// The bindings offered now, in order.
    Keys(Vec<Hint>),
}

impl App {
    pub(super) fn on_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.kind != KeyEventKind::Press {
            return Vec::new();
        }
        match keys::control(&k) {
            Some(Act::Quit) => {
                self.quit = true;
                return Vec::new();
            }
            Some(Act::Suspend) => return vec![Effect::Suspend],
            _ => {}
        }
        if let Some((owner, c)) = self.confirms.pop_front() {
            if confirm::answer(&c, k.code) {
                return self.absorb(owner, c.on_yes);
            }
            self.flash = Some((c.on_no, false));
            return Vec::new();
        }
        if self.help {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            match k.code {
                KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter => self.help = false,
                KeyCode::Char('d') if ctrl => self.help_page += 1,
                KeyCode::Char('u') if ctrl => self.help_page -= 1,
                KeyCode::PageDown | KeyCode::Down | KeyCode::Char(' ' | 'j' | 'l') => {
                    self.help_page += 1;
                }
                KeyCode::PageUp | KeyCode::Up | KeyCode::Char('k' | 'h') => self.help_page -= 1,
                KeyCode::Home | KeyCode::Char('g') => self.help_page = 0,
                _ => {}
            }
            return Vec::new();
        }
        if self.typing() {
            let (id, fx) = self.with_top(|s, env| (s.id, s.pane.on_typed(&k, env)));
            return self.absorb(id, fx);
        }
        let Some(hit) = keys::lookup(&self.sections(), &k) else {
            return Vec::new();
        };
        self.flash = None;
        if hit.changes && self.core.read_only {
            self.flash = Some((READ_ONLY.into(), true));
            return Vec::new();
        }
        if let Avail::Not(why) = self.avail(hit.section, hit.act) {
            self.flash = Some((why, true));
            return Vec::new();
        }
        if is(hit.section, &keys::CONTAINER) {
            return actions::act(self, hit.act);
        }
        let (id, handled) = self.with_top(|s, env| (s.id, s.pane.on_act(hit.act, env)));
        match handled {
            Handled::Yes(fx) => self.absorb(id, fx),
            Handled::No => self.fallback(hit.act),
        }
    }

    /// What the app does with an action the pane left.
    fn fallback(&mut self, act: Act) -> Vec<Effect> {
        match act {
            Act::Quit => self.quit = true,
            Act::Help => {
                self.help = true;
                self.help_page = 0;
            }
            Act::Back => return self.close_top(),
            Act::NextTab | Act::PrevTab => return self.switch_tab(act == Act::NextTab),
            Act::Labels => self.labels = !self.labels,
            Act::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        Vec::new()
    }

    /// The key sections in force, most specific first.
    pub(crate) fn sections(&self) -> Vec<&'static KeySection> {
        let mut s = vec![self.top().pane.keys()];
        if matches!(self.screens.last(), Some(Screen::Tabs { .. })) {
            s.push(&keys::TABS);
        }
        if actions::target(self).is_some() {
            s.push(&keys::CONTAINER);
        }
        s.push(&keys::GLOBAL);
        s
    }

    /// Whether `act` of `section` can be done now: the container actions are the app's to
    /// judge, the pane's own and the global ones the pane's.
    fn avail(&self, section: &'static KeySection, act: Act) -> Avail {
        if is(section, &keys::CONTAINER) {
            return actions::avail(self, act);
        }
        let pane = &self.top().pane;
        if is(section, pane.keys()) || is(section, &keys::GLOBAL) {
            return pane.available(act, &self.core.env());
        }
        Avail::Ready
    }

    /// What the hint bar offers now.
    pub fn hints(&self) -> Hints {
        let c = &self.core;
        if matches!(c.conn, super::Conn::Down { ever: false, .. })
            && c.containers.is_empty()
            && self.top().pane.needs_engine()
        {
            return Hints::Offline;
        }
        if let Some(t) = self.top().pane.typing() {
            return Hints::Typing(t.hint());
        }
        Hints::Keys(keys::hints(&self.sections(), |section, bd| {
            !(bd.changes && c.read_only) && self.avail(section, bd.act).ready()
        }))
    }
}

fn is(a: &KeySection, b: &KeySection) -> bool {
    std::ptr::eq(a, b)
}
