//! Keys of the Health tab.

use crossterm::event::KeyCode::Char as C;

use crate::tui::keys::{Act, KeySection, key};

pub const OUT_DOWN: Act = Act::Pane("scroll output down");
pub const OUT_UP: Act = Act::Pane("scroll output up");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Health tab", bindings: &[
    key(&[C('J')], "J", "scroll the output down", OUT_DOWN).hint(),
    key(&[C('K')], "K", "scroll the output up", OUT_UP),
]};
