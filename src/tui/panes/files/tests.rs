//! The Files tab on its own: one walk per container, kept across tab switches; keys that
//! wait for the rules; another path, relative or absolute; `~` back to the app dir.

use std::sync::Arc;

use super::{Files, job, keys};
use crate::files::synthetic::runtime;
use crate::model::State;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::{Act, Avail};
use crate::tui::msg::describe;
use crate::tui::pane::testing::{Fixture, container};
use crate::tui::pane::{Pane, Subject};

const T: Ticket = Ticket {
    owner: PaneId(4),
    seq: 1,
};

#[test]
fn one_walk_per_container_kept_across_tab_switches() {
    let f = Fixture::new(vec![container("c1", "web", State::Exited)]);
    let mut p = Files::boxed();
    let on = Subject::Container("c1".into());
    assert_eq!(describe(&p.on_open(&on, &f.env())), ["job files c1"]);
    assert!(
        p.on_leave().is_empty(),
        "the walk goes on behind other tabs"
    );
    assert!(
        p.on_open(&on, &f.env()).is_empty(),
        "and is not asked twice"
    );
    assert!(
        Files::boxed()
            .on_open(&Subject::Container("gone".into()), &f.env())
            .is_empty()
    );
    assert!(
        Files::boxed()
            .on_open(&Subject::Engine, &f.env())
            .is_empty()
    );
}

#[test]
fn findings_keys_wait_for_the_rules_and_home_for_another_path() {
    let f = Fixture::new(vec![container("c1", "web", State::Running)]);
    let mut p = Files::default();
    p.on_open(&Subject::Container("c1".into()), &f.env());
    assert!(matches!(
        p.available(keys::FINDINGS, &f.env()),
        Avail::Not(_)
    ));
    p.on_done(
        T,
        Box::new(job::Prepared(Ok((Arc::new(runtime("app")), "/app".into())))),
        &f.env(),
    );
    assert_eq!(p.state().map(|s| s.path.as_str()), Some("/app"));
    // `p` then a relative path: a new walk below the current one, the old one cancelled.
    p.on_act(keys::GOTO, &f.env());
    assert!(p.typing().is_some());
    let mut fx = Vec::new();
    for c in "media\n".chars() {
        let code = if c == '\n' {
            crossterm::event::KeyCode::Enter
        } else {
            crossterm::event::KeyCode::Char(c)
        };
        fx = p.on_typed(&crossterm::event::KeyEvent::from(code), &f.env());
    }
    assert_eq!(describe(&fx), ["cancel files c1", "job files c1"]);
    assert!(p.state().is_some_and(|s| !s.home));
    // `p` `~`: back to the app dir.
    p.on_act(keys::GOTO, &f.env());
    let mut back = Vec::new();
    for code in [
        crossterm::event::KeyCode::Char('~'),
        crossterm::event::KeyCode::Enter,
    ] {
        back = p.on_typed(&crossterm::event::KeyEvent::from(code), &f.env());
    }
    assert_eq!(describe(&back), ["cancel files c1", "job files c1"]);
    assert!(p.state().is_some_and(|s| s.home));
    assert!(matches!(
        p.on_act(Act::Sort, &f.env()),
        crate::tui::pane::Handled::Yes(_)
    ));
}
