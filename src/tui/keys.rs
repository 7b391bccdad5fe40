//! The one key table. Its sections: the global keys, the container actions and the tab keys
//! here; each pane's own keys in its folder (`panes/<name>/keys.rs`). The event handler, the
//! hint bar and the `?` help are all built from these sections; no pane reads raw keys
//! (except the text it types into a `TextInput`).
//!
//! Each binding says whether it changes something (`--read-only` hides it and refuses it) and
//! whether it goes in the hint bar; whether it is available *now* is asked of whoever owns it
//! (`Pane::available`, or the app for the container actions).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for. Shared verbs are variants; an action only one pane knows is
/// `Pane("name")`, named by a constant in that pane's `keys.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Act {
    Quit,
    Help,
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    Open,
    Filter,
    Sort,
    NextTab,
    PrevTab,
    /// Show or hide a container's labels in its header.
    Labels,
    Start,
    Stop,
    Restart,
    Shell,
    Pane(&'static str),
}

/// One key (or several for the same thing) and what it does.
#[derive(Debug)]
pub struct Binding {
    pub codes: &'static [KeyCode],
    /// How the key is written in the hint bar and the help.
    pub label: &'static str,
    pub desc: &'static str,
    pub act: Act,
    /// Shown in the hint bar (the help shows every binding).
    pub hint: bool,
    /// Changes something (a container, the engine's data): hidden and refused in read-only.
    pub changes: bool,
}

/// A binding shown in the help only; `.hint()` and `.changes()` add the flags.
pub const fn key(
    codes: &'static [KeyCode],
    label: &'static str,
    desc: &'static str,
    act: Act,
) -> Binding {
    Binding {
        codes,
        label,
        desc,
        act,
        hint: false,
        changes: false,
    }
}

impl Binding {
    pub const fn hint(mut self) -> Binding {
        self.hint = true;
        self
    }

    pub const fn changes(mut self) -> Binding {
        self.changes = true;
        self
    }
}

/// The bindings of one place (a pane, the tabs, everywhere), titled for the help.
#[derive(Debug)]
pub struct KeySection {
    pub title: &'static str,
    pub bindings: &'static [Binding],
}

/// Whether an action can be done in the current state. `Not` hides the binding from the hint
/// bar, and pressing it shows the reason instead of doing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Avail {
    Ready,
    Not(String),
}

impl Avail {
    pub fn not(why: impl Into<String>) -> Avail {
        Avail::Not(why.into())
    }

    pub fn ready(&self) -> bool {
        *self == Avail::Ready
    }
}

/// The one message for a refused change in read-only mode.
pub const READ_ONLY: &str = "read-only mode: actions that change containers are disabled";

use KeyCode::{Char as C, Down, End, Esc, Home, PageDown, PageUp, Tab, Up};

#[rustfmt::skip]
pub static GLOBAL: KeySection = KeySection { title: "Everywhere", bindings: &[
    key(&[C('q')], "q", "quit", Act::Quit).hint(),
    key(&[C('?')], "?", "help", Act::Help).hint(),
    key(&[Esc], "Esc", "back", Act::Back),
    key(&[C('k'), Up], "k/↑", "up", Act::Up),
    key(&[C('j'), Down], "j/↓", "down", Act::Down),
    key(&[C('g'), Home], "g", "first", Act::Top),
    key(&[C('G'), End], "G", "last", Act::Bottom),
    key(&[PageUp], "PgUp", "page up", Act::PageUp),
    key(&[PageDown], "PgDn", "page down", Act::PageDown),
]};

/// Actions on a container: on the list (the selected one) and on every tab of a container.
#[rustfmt::skip]
pub static CONTAINER: KeySection = KeySection { title: "Container actions", bindings: &[
    key(&[C('s')], "s", "start", Act::Start).hint().changes(),
    key(&[C('S')], "S", "stop", Act::Stop).hint().changes(),
    key(&[C('r')], "r", "restart", Act::Restart).hint().changes(),
    key(&[C('e')], "e", "shell", Act::Shell).hint().changes(),
]};

/// The tabs of a container.
#[rustfmt::skip]
pub static TABS: KeySection = KeySection { title: "Container tabs", bindings: &[
    key(&[Tab, C(']')], "Tab/]", "next tab", Act::NextTab).hint(),
    key(&[KeyCode::BackTab, C('[')], "[", "previous tab", Act::PrevTab),
    key(&[C('L')], "L", "labels", Act::Labels),
    key(&[Esc], "Esc", "back", Act::Back).hint(),
]};

/// Keys with Ctrl, the same everywhere (also while typing, for Ctrl-C and Ctrl-Z).
pub const CONTROL: [(char, Act); 4] = [
    ('c', Act::Quit),
    ('z', Act::Suspend),
    ('d', Act::PageDown),
    ('u', Act::PageUp),
];

/// What a key was found to mean, and where.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub act: Act,
    pub changes: bool,
    pub section: &'static KeySection,
}

/// The binding for `key` in `sections` (most specific first), if any.
pub fn lookup(sections: &[&'static KeySection], key: &KeyEvent) -> Option<Hit> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return control(key).map(|act| Hit {
            act,
            changes: false,
            section: &GLOBAL,
        });
    }
    sections.iter().find_map(|section| {
        section
            .bindings
            .iter()
            .find(|bd| bd.codes.contains(&key.code))
            .map(|bd| Hit {
                act: bd.act,
                changes: bd.changes,
                section,
            })
    })
}

/// The action of a Ctrl key, if it has one.
pub fn control(key: &KeyEvent) -> Option<Act> {
    let KeyCode::Char(c) = key.code else {
        return None;
    };
    if !key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    CONTROL.iter().find(|(k, _)| *k == c).map(|(_, a)| *a)
}

/// One entry of the hint bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub label: &'static str,
    pub desc: &'static str,
}

/// The hints of `sections` in order, each description once, keeping the bindings `shown`
/// accepts (read-only and availability are decided by the caller).
pub fn hints(
    sections: &[&'static KeySection],
    mut shown: impl FnMut(&'static KeySection, &'static Binding) -> bool,
) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    for section in sections {
        for bd in section.bindings.iter().filter(|bd| bd.hint) {
            if !out.iter().any(|h| h.desc == bd.desc) && shown(section, bd) {
                out.push(Hint {
                    label: bd.label,
                    desc: bd.desc,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn specific_section_wins_over_global() {
        static LOCAL: KeySection = KeySection {
            title: "t",
            bindings: &[key(&[C('j')], "j", "jump", Act::Pane("jump"))],
        };
        let hit = lookup(&[&LOCAL, &GLOBAL], &press(C('j')));
        assert_eq!(hit.map(|h| h.act), Some(Act::Pane("jump")));
        assert_eq!(
            lookup(&[&GLOBAL], &press(C('j'))).map(|h| h.act),
            Some(Act::Down)
        );
        assert!(lookup(&[&GLOBAL], &press(C('x'))).is_none());
    }

    #[test]
    fn ctrl_keys_mean_the_same_everywhere() {
        let k = KeyEvent::new(C('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[&CONTAINER], &k).map(|h| h.act), Some(Act::Quit));
        let z = KeyEvent::new(C('z'), KeyModifiers::CONTROL);
        assert_eq!(control(&z), Some(Act::Suspend));
        assert_eq!(control(&press(C('z'))), None);
    }

    #[test]
    fn container_actions_change_things() {
        assert!(CONTAINER.bindings.iter().all(|b| b.changes));
        assert!(GLOBAL.bindings.iter().all(|b| !b.changes));
    }

    #[test]
    fn hints_skip_what_the_caller_hides_and_repeat_nothing() {
        let h = hints(&[&TABS, &CONTAINER, &GLOBAL, &TABS], |_, b| {
            b.act != Act::Start
        });
        let descs: Vec<_> = h.iter().map(|h| h.desc).collect();
        assert_eq!(
            descs,
            [
                "next tab", "back", "stop", "restart", "shell", "quit", "help"
            ]
        );
    }
}
