//! Keys of the Env tab: reveal (and hide) secret values, probe the database again.

use crossterm::event::KeyCode::Char as C;

use crate::tui::keys::{Act, KeySection, key};

pub const REVEAL: Act = Act::Pane("reveal secrets");
pub const PROBE: Act = Act::Pane("probe the database");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Env tab", bindings: &[
    key(&[C('v')], "v", "reveal/hide secrets", REVEAL).hint(),
    // The probe runs a command in the container or a helper container: not in read-only.
    key(&[C('p')], "p", "probe database", PROBE).hint().changes(),
]};
