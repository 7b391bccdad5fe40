//! Keys of the Health tab: the list's moves select a probe (its whole output shows below).
//! Output scrolling and "probe now" come with their own keys once the help has room (at
//! 80x24 it is full).

use crate::tui::keys::KeySection;

pub static KEYS: KeySection = KeySection {
    title: "Health tab",
    bindings: &[],
};
