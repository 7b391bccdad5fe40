//! Keys of the Logs tab.

use crossterm::event::KeyCode::Char as C;

use crate::tui::keys::{Act, KeySection, key};

pub const FOLLOW: Act = Act::Pane("follow");
pub const NEXT: Act = Act::Pane("next match");
pub const PREV: Act = Act::Pane("previous match");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Logs tab", bindings: &[
    key(&[C('f')], "f", "follow", FOLLOW).hint(),
    key(&[C('/')], "/", "search", Act::Filter).hint(),
    key(&[C('n')], "n", "next match", NEXT).hint(),
    key(&[C('N')], "N", "previous match", PREV),
]};
