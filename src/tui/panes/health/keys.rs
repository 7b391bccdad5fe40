//! Keys of the Health tab: the list's moves select a probe (its whole output shows below,
//! J/K scroll it); `p` runs the check once now and `h` the HTTP probe of the profile's
//! endpoint — both exec in the container, so both are refused in read-only mode.

use crossterm::event::KeyCode::Char as C;

use crate::tui::keys::{Act, KeySection, key};

pub const PROBE: Act = Act::Pane("probe now");
pub const HTTP: Act = Act::Pane("HTTP probe");
pub const OUT_DOWN: Act = Act::Pane("output down");
pub const OUT_UP: Act = Act::Pane("output up");

#[rustfmt::skip]
pub static KEYS: KeySection = KeySection { title: "Health tab", bindings: &[
    key(&[C('p')], "p", "probe now", PROBE).hint().changes(),
    key(&[C('h')], "h", "HTTP probe", HTTP).hint().changes(),
    key(&[C('J')], "J", "output down", OUT_DOWN),
    key(&[C('K')], "K", "output up", OUT_UP),
]};
