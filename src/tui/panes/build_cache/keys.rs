//! Keys of the Build cache tab: sort, and the prunes (each previewed and confirmed; hidden
//! and refused in read-only mode).

use crossterm::event::KeyCode::Char as C;

use crate::tui::keys::{Act, KeySection, key};

pub const PRUNE: Act = Act::Pane("prune build cache");
pub const PRUNE_LAYERS: Act = Act::Pane("prune layers only");
pub const PRUNE_IMAGES: Act = Act::Pane("prune dangling images");
pub const PRUNE_CONTAINERS: Act = Act::Pane("prune stopped containers");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Build cache", bindings: &[
    key(&[C('p')], "p", "prune build cache", PRUNE).hint().changes(),
    key(&[C('l')], "l", "prune layers only", PRUNE_LAYERS).hint().changes(),
    key(&[C('d')], "d", "prune dangling", PRUNE_IMAGES).hint().changes(),
    key(&[C('c')], "c", "prune stopped", PRUNE_CONTAINERS).hint().changes(),
    key(&[C('o')], "o", "sort size/used/uses", Act::Sort).hint(),
]};
