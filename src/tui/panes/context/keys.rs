//! Keys of the build context screen (moving is the global keys: it scrolls).

use crossterm::event::KeyCode::Char as C;

use crate::tui::keys::{Act, KeySection, key};

pub const AGAIN: Act = Act::Pane("check again");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Build context", bindings: &[
    key(&[C('u')], "u", "check again", AGAIN).hint(),
]};
