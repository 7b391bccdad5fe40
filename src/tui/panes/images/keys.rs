//! Keys of the Images view.

use crossterm::event::KeyCode::{Char as C, Enter};

use crate::tui::keys::{Act, KeySection, key};

pub const MARK: Act = Act::Pane("mark");
pub const COMPARE: Act = Act::Pane("compare");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Images", bindings: &[
    key(&[Enter], "Enter", "layers", Act::Open).hint(),
    key(&[C(' ')], "Space", "mark", MARK).hint(),
    key(&[C('c')], "c", "compare marked", COMPARE).hint(),
    key(&[C('o')], "o", "sort", Act::Sort).hint(),
    key(&[C('/')], "/", "filter", Act::Filter).hint(),
]};
