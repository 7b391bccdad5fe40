//! The comparison pane on its own: asked once, export only when finished, errors fill slots.

use super::{Compare, job, keys};
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::{Act, Avail};
use crate::tui::msg::describe;
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Handled, Pane, Subject};

#[test]
fn export_waits_for_every_slot_errors_included() {
    let f = Fixture::new(vec![]);
    let mut c = Compare::new(vec!["a".into(), "b".into()], vec!["A".into(), "B".into()])
        .exporting_to(std::path::PathBuf::from("/tmp"));
    assert_eq!(
        describe(&c.on_open(&Subject::Engine, &f.env())),
        ["job compare"]
    );
    assert!(
        c.on_open(&Subject::Engine, &f.env()).is_empty(),
        "asked once"
    );
    assert!(!c.available(keys::EXPORT, &f.env()).ready());
    let t = Ticket {
        owner: PaneId(5),
        seq: 1,
    };
    for slot in 0..2 {
        let one = job::One {
            slot,
            result: Err(format!("no image {slot}")),
        };
        c.on_done(t, Box::new(one), &f.env());
    }
    // A slot out of range (never sent) is ignored rather than a panic.
    let stray = job::One {
        slot: 9,
        result: Err("stray".into()),
    };
    c.on_done(t, Box::new(stray), &f.env());
    assert!(c.state().finished());
    assert_eq!(c.available(keys::EXPORT, &f.env()), Avail::Ready);
    let Handled::Yes(fx) = c.on_act(keys::EXPORT, &f.env()) else {
        panic!("x is the pane's");
    };
    assert_eq!(describe(&fx), ["job export comparison"]);
    // Nothing to scroll: the scroll stays put.
    c.on_act(Act::PageDown, &f.env());
    assert_eq!(c.state().scroll, 0);
}
