//! Keys of the Files tab: fold, the findings list, filter, the flagged entries only, sort,
//! another path (`p`, then `~` for the app dir).

use crossterm::event::KeyCode::{Char as C, Enter};

use crate::tui::keys::{Act, KeySection, key};

pub const FOLD: Act = Act::Pane("fold dir");
pub const FLAGGED: Act = Act::Pane("flagged only");
pub const FINDINGS: Act = Act::Pane("findings");
pub const GOTO: Act = Act::Pane("go to path");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Files tab", bindings: &[
    key(&[C(' '), Enter], "Space", "fold dir", FOLD).hint(),
    key(&[C('v')], "v", "findings", FINDINGS).hint(),
    key(&[C('/')], "/", "filter", Act::Filter).hint(),
    key(&[C('!')], "!", "flagged only", FLAGGED).hint(),
    key(&[C('o')], "o", "sort name/size", Act::Sort).hint(),
    key(&[C('p')], "p", "other path", GOTO).hint(),
]};
