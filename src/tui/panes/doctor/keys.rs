//! Keys of the Doctor view: the tab with the details of the selected check, its fix (a
//! jump to the flow that does it, e.g. the Build cache tab's prune), and checking again.

use crossterm::event::KeyCode::{Char as C, Enter};

use crate::tui::keys::{Act, KeySection, key};

pub const DETAILS: Act = Act::Pane("details tab");
pub const FIX: Act = Act::Pane("fix");
pub const AGAIN: Act = Act::Pane("check again");

/// What the Build cache tab is handed by a fix: its own keys' acts, which start its prune
/// flow (preview, confirm, prune) for the build cache, or for dangling images.
pub use crate::tui::panes::build_cache::keys::{PRUNE, PRUNE_IMAGES};

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Doctor", bindings: &[
    key(&[Enter], "Enter", "details tab", DETAILS).hint(),
    key(&[C('f')], "f", "fix", FIX).hint().changes(),
    key(&[C('c')], "c", "check again", AGAIN).hint(),
]};
