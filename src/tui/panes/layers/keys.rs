//! Keys of the layers pane: the layer list and the files, folding, sorting, scope, the side
//! lists (wasted files, advice, largest files) and the file filter.

use crossterm::event::KeyCode::{Char as C, Enter, Left, Right};

use crate::tui::keys::{Act, KeySection, key};

pub const FOCUS_LEFT: Act = Act::Pane("focus layers");
pub const FOCUS_RIGHT: Act = Act::Pane("focus files");
pub const FOLD: Act = Act::Pane("fold");
pub const SCOPE: Act = Act::Pane("scope");
pub const WASTE: Act = Act::Pane("wasted files");
pub const ADVICE: Act = Act::Pane("advice");
pub const LARGEST: Act = Act::Pane("largest files");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Layers", bindings: &[
    key(&[C('h'), Left], "h/l", "layers/files", FOCUS_LEFT).hint(),
    key(&[C('l'), Right], "l", "files", FOCUS_RIGHT),
    key(&[C(' '), Enter], "Space", "fold dir", FOLD).hint(),
    key(&[C('o')], "o", "sort size/name", Act::Sort).hint(),
    key(&[C('a')], "a", "layer/whole fs", SCOPE).hint(),
    key(&[C('w')], "w", "wasted files", WASTE).hint(),
    key(&[C('v')], "v", "advice", ADVICE).hint(),
    key(&[C('b')], "b", "biggest files", LARGEST).hint(),
    key(&[C('/')], "/", "filter files", Act::Filter).hint(),
]};
