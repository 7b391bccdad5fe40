//! Keys of the comparison.

use crossterm::event::KeyCode::Char as C;

use crate::tui::keys::{Act, KeySection, key};

pub const EXPORT: Act = Act::Pane("export");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Comparison", bindings: &[
    key(&[C('x')], "x", "export markdown", EXPORT).hint(),
]};
