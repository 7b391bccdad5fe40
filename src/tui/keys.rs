//! The one key table: the event handler, the hint bar and the `?` help are all built from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Global,
    List,
    Detail,
    Logs,
    Layers,
    Images,
    Compare,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Global => "Everywhere",
            Ctx::List => "Container list",
            Ctx::Detail => "Container detail",
            Ctx::Logs => "Logs tab",
            Ctx::Layers => "Layers",
            Ctx::Images => "Images",
            Ctx::Compare => "Comparison",
        }
    }
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    Open,
    Filter,
    ToggleAll,
    NextTab,
    PrevTab,
    Start,
    Stop,
    Restart,
    Shell,
    Follow,
    Search,
    NextMatch,
    PrevMatch,
    FocusLeft,
    FocusRight,
    Collapse,
    Sort,
    Scope,
    Waste,
    Advice,
    Largest,
    Images,
    Mark,
    Compare,
    Export,
}

pub struct Binding {
    pub codes: &'static [KeyCode],
    /// How the key is written in the hint bar and the help.
    pub label: &'static str,
    pub desc: &'static str,
    pub ctx: Ctx,
    pub act: Act,
    /// Shown in the hint bar (the help shows every binding).
    pub hint: bool,
}

const fn b(
    codes: &'static [KeyCode],
    label: &'static str,
    desc: &'static str,
    ctx: Ctx,
    act: Act,
    hint: bool,
) -> Binding {
    Binding {
        codes,
        label,
        desc,
        ctx,
        act,
        hint,
    }
}

use KeyCode::{Char as C, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b(&[C('q')], "q", "quit", Ctx::Global, Act::Quit, true),
    b(&[C('?')], "?", "help", Ctx::Global, Act::Help, true),
    b(&[Esc], "Esc", "back", Ctx::Global, Act::Back, false),
    b(&[C('k'), Up], "k/↑", "up", Ctx::Global, Act::Up, false),
    b(&[C('j'), Down], "j/↓", "down", Ctx::Global, Act::Down, false),
    b(&[C('g'), Home], "g", "first", Ctx::Global, Act::Top, false),
    b(&[C('G'), End], "G", "last", Ctx::Global, Act::Bottom, false),
    b(&[PageUp], "PgUp", "page up", Ctx::Global, Act::PageUp, false),
    b(&[PageDown], "PgDn", "page down", Ctx::Global, Act::PageDown, false),
    b(&[Enter], "Enter", "open", Ctx::List, Act::Open, true),
    b(&[C('/')], "/", "filter", Ctx::List, Act::Filter, true),
    b(&[C('a')], "a", "all/running", Ctx::List, Act::ToggleAll, true),
    b(&[C('s')], "s", "start", Ctx::List, Act::Start, true),
    b(&[C('S')], "S", "stop", Ctx::List, Act::Stop, true),
    b(&[C('r')], "r", "restart", Ctx::List, Act::Restart, true),
    b(&[C('e')], "e", "shell", Ctx::List, Act::Shell, true),
    b(&[C('i')], "i", "images", Ctx::List, Act::Images, true),
    b(&[Tab, C(']')], "Tab/]", "next tab", Ctx::Detail, Act::NextTab, true),
    b(&[KeyCode::BackTab, C('[')], "[", "previous tab", Ctx::Detail, Act::PrevTab, false),
    b(&[C('s')], "s", "start", Ctx::Detail, Act::Start, false),
    b(&[C('S')], "S", "stop", Ctx::Detail, Act::Stop, false),
    b(&[C('r')], "r", "restart", Ctx::Detail, Act::Restart, false),
    b(&[C('e')], "e", "shell", Ctx::Detail, Act::Shell, true),
    b(&[C('f')], "f", "follow", Ctx::Logs, Act::Follow, true),
    b(&[C('/')], "/", "search", Ctx::Logs, Act::Search, true),
    b(&[C('n')], "n", "next match", Ctx::Logs, Act::NextMatch, true),
    b(&[C('N')], "N", "previous match", Ctx::Logs, Act::PrevMatch, false),
    b(&[C('h'), Left], "h/l", "layers/files", Ctx::Layers, Act::FocusLeft, true),
    b(&[C('l'), Right], "l", "files", Ctx::Layers, Act::FocusRight, false),
    b(&[C(' '), Enter], "Space", "fold dir", Ctx::Layers, Act::Collapse, true),
    b(&[C('o')], "o", "sort size/name", Ctx::Layers, Act::Sort, true),
    b(&[C('a')], "a", "layer/whole fs", Ctx::Layers, Act::Scope, true),
    b(&[C('w')], "w", "wasted files", Ctx::Layers, Act::Waste, true),
    b(&[C('v')], "v", "advice", Ctx::Layers, Act::Advice, true),
    b(&[C('b')], "b", "biggest files", Ctx::Layers, Act::Largest, true),
    b(&[C('/')], "/", "filter files", Ctx::Layers, Act::Filter, true),
    b(&[Enter], "Enter", "layers", Ctx::Images, Act::Open, true),
    b(&[C(' ')], "Space", "mark", Ctx::Images, Act::Mark, true),
    b(&[C('c')], "c", "compare marked", Ctx::Images, Act::Compare, true),
    b(&[C('o')], "o", "sort", Ctx::Images, Act::Sort, true),
    b(&[C('/')], "/", "filter", Ctx::Images, Act::Filter, true),
    b(&[C('x')], "x", "export markdown", Ctx::Compare, Act::Export, true),
];

/// The action for `key` in the given contexts (most specific first), if any.
pub fn lookup(ctxs: &[Ctx], key: &KeyEvent) -> Option<Act> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            C('c') => Some(Act::Quit),
            C('d') => Some(Act::PageDown),
            C('u') => Some(Act::PageUp),
            _ => None,
        };
    }
    ctxs.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|bd| bd.ctx == *ctx && bd.codes.contains(&key.code))
            .map(|bd| bd.act)
    })
}

/// `label desc` pairs for the hint bar of the given contexts.
pub fn hints(ctxs: &[Ctx]) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    for ctx in ctxs {
        for bd in BINDINGS.iter().filter(|bd| bd.ctx == *ctx && bd.hint) {
            if !out.iter().any(|(_, d)| *d == bd.desc) {
                out.push((bd.label, bd.desc));
            }
        }
    }
    out
}

/// True for actions that change something: refused in read-only mode.
pub fn is_mutating(act: Act) -> bool {
    matches!(act, Act::Start | Act::Stop | Act::Restart | Act::Shell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn specific_context_wins_over_global() {
        assert_eq!(
            lookup(&[Ctx::Logs, Ctx::Detail, Ctx::Global], &key(C('/'))),
            Some(Act::Search)
        );
        assert_eq!(
            lookup(&[Ctx::List, Ctx::Global], &key(C('/'))),
            Some(Act::Filter)
        );
        assert_eq!(
            lookup(&[Ctx::List, Ctx::Global], &key(C('j'))),
            Some(Act::Down)
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let k = KeyEvent::new(C('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Ctx::Logs], &k), Some(Act::Quit));
    }

    #[test]
    fn every_binding_is_reachable() {
        for bd in BINDINGS {
            for code in bd.codes {
                let got = lookup(&[bd.ctx], &key(*code));
                assert_eq!(got, Some(bd.act), "{} in {:?}", bd.label, bd.ctx);
            }
        }
    }
}
