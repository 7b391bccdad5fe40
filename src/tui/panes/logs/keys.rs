//! Keys of the Logs tab.

use crossterm::event::KeyCode::{Char as C, Left, Right};

use crate::tui::keys::{Act, KeySection, key};

pub const FOLLOW: Act = Act::Pane("follow");
pub const NEXT: Act = Act::Pane("next match");
pub const PREV: Act = Act::Pane("previous match");
pub const WRAP: Act = Act::Pane("wrap");
pub const TIMES: Act = Act::Pane("timestamps");
pub const LEFT: Act = Act::Pane("scroll left");
pub const RIGHT: Act = Act::Pane("scroll right");
pub const REVEAL: Act = Act::Pane("reveal secrets");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Logs tab", bindings: &[
    key(&[C('f')], "f", "follow", FOLLOW).hint(),
    key(&[C('/')], "/", "search", Act::Filter).hint(),
    key(&[C('n')], "n", "next match", NEXT).hint(),
    key(&[C('N')], "N", "previous match", PREV),
    key(&[C('w')], "w", "wrap", WRAP).hint(),
    key(&[C('t')], "t", "timestamps", TIMES).hint(),
    key(&[C('h'), Left], "←/h", "scroll left", LEFT),
    key(&[C('l'), Right], "→/l", "scroll right", RIGHT).hint(),
    key(&[C('v')], "v", "reveal/hide secrets", REVEAL).hint(),
]};
