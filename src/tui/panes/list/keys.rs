//! Keys of the container list (the container actions s/S/r/e are the app's, in `tui::keys`).

use crossterm::event::KeyCode::{Char as C, Enter};

use crate::tui::keys::{Act, KeySection, key};

pub const ALL: Act = Act::Pane("all/running");
pub const IMAGES: Act = Act::Pane("images");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Container list", bindings: &[
    key(&[Enter], "Enter", "open", Act::Open).hint(),
    key(&[C('/')], "/", "filter", Act::Filter).hint(),
    key(&[C('a')], "a", "all/running", ALL).hint(),
    key(&[C('i')], "i", "images", IMAGES).hint(),
    key(&[C('o')], "o", "sort state, health", Act::Sort),
]};
