//! Every tab and screen, one folder each (state and update in `mod.rs`, keys in `keys.rs`,
//! view in `view.rs`, background work in `job.rs`). A container's tabs are listed in `TABS`:
//! adding a tab is a new folder plus one line there.

pub mod build_cache;
pub mod compare;
pub mod context;
pub mod doctor;
pub mod env;
pub mod files;
pub mod health;
pub mod images;
pub mod layers;
pub mod list;
pub mod logs;

use super::keys::{self, KeySection};
use super::pane::Pane;

/// Makes a tab for a container (it learns which one in `on_open`).
pub type NewTab = fn() -> Box<dyn Pane>;

/// The tabs of a container, in order.
pub const TABS: &[NewTab] = &[
    doctor::Doctor::boxed,
    logs::Logs::boxed,
    layers::Layers::boxed,
    health::Health::boxed,
    files::Files::boxed,
    env::EnvTab::boxed,
    build_cache::BuildCache::boxed,
];

/// The tab a container opens on (by title): the guide's checklist first.
pub const OPENS_ON: &str = "Doctor";

/// Key sections of the screens that are not tabs, for the help.
const SCREENS: [&KeySection; 3] = [&list::KEYS, &images::KEYS, &compare::KEYS];

/// Every key section, in the order the help shows them; sections without keys are left out.
pub fn key_sections() -> Vec<&'static KeySection> {
    let mut all: Vec<&'static KeySection> =
        vec![&keys::GLOBAL, SCREENS[0], &keys::CONTAINER, &keys::TABS];
    all.extend(TABS.iter().map(|new| new().keys()));
    all.extend(&SCREENS[1..]);
    let mut out: Vec<&'static KeySection> = Vec::new();
    for s in all {
        if !s.bindings.is_empty() && !out.iter().any(|o| std::ptr::eq(*o, s)) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEvent, KeyModifiers};

    #[test]
    fn every_binding_is_reachable() {
        for section in key_sections() {
            for bd in section.bindings {
                for code in bd.codes {
                    let k = KeyEvent::new(*code, KeyModifiers::NONE);
                    let got = keys::lookup(&[section], &k).map(|h| h.act);
                    assert_eq!(got, Some(bd.act), "{} in {}", bd.label, section.title);
                }
            }
        }
    }

    #[test]
    fn tabs_do_not_take_the_keys_of_tabs_actions_or_help() {
        let reserved = [&keys::TABS, &keys::CONTAINER];
        for new in TABS {
            let pane = new();
            for bd in pane.keys().bindings {
                for code in bd.codes {
                    let clash = reserved
                        .iter()
                        .flat_map(|s| s.bindings.iter())
                        .chain(keys::GLOBAL.bindings.iter().filter(|b| b.hint))
                        .any(|r| r.codes.contains(code));
                    assert!(
                        !clash,
                        "{} of {} shadows a shared key",
                        bd.label,
                        pane.title()
                    );
                }
            }
        }
    }

    #[test]
    fn the_tab_a_container_opens_on_exists() {
        assert!(TABS.iter().any(|new| new().title() == OPENS_ON));
    }
}
