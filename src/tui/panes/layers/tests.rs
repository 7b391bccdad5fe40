//! The layers pane on its own: one analysis per image, Esc cancels a running one.

use super::{Layers, job};
use crate::model::State;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::Act;
use crate::tui::msg::describe;
use crate::tui::pane::testing::{Fixture, container};
use crate::tui::pane::{Handled, Pane, Subject};

const T: Ticket = Ticket {
    owner: PaneId(3),
    seq: 1,
};

#[test]
fn one_analysis_per_image_kept_across_tab_switches() {
    let f = Fixture::new(vec![container("c1", "web", State::Running)]);
    let mut p = Layers::boxed();
    let on = Subject::Container("c1".into());
    assert_eq!(
        describe(&p.on_open(&on, &f.env())),
        ["job layers sha256:web"]
    );
    assert!(
        p.on_leave().is_empty(),
        "the analysis goes on behind other tabs"
    );
    assert!(
        p.on_open(&on, &f.env()).is_empty(),
        "and is not asked twice"
    );
    // A container that is gone: nothing to analyse.
    assert!(
        Layers::boxed()
            .on_open(&Subject::Container("nope".into()), &f.env())
            .is_empty()
    );
}

#[test]
fn esc_cancels_a_running_analysis_then_goes_back() {
    let f = Fixture::new(vec![]);
    let mut p = Layers::for_image("shop/web:1".into());
    p.on_open(&Subject::Image("sha256:abc".into()), &f.env());
    let Handled::Yes(fx) = p.on_act(Act::Back, &f.env()) else {
        panic!("Esc is the pane's while the analysis runs");
    };
    assert_eq!(
        describe(&fx),
        ["cancel layers sha256:abc", "flash layer analysis cancelled"]
    );
    assert!(p.state().is_some_and(|s| s.cancelled));
    assert!(matches!(p.on_act(Act::Back, &f.env()), Handled::No));
    // Opening it again starts over.
    let again = p.on_open(&Subject::Image("sha256:abc".into()), &f.env());
    assert_eq!(describe(&again), ["job layers sha256:abc"]);
}

#[test]
fn an_error_is_shown_and_progress_only_while_running() {
    let f = Fixture::new(vec![]);
    let mut p = Layers::for_image("x".into());
    p.on_open(&Subject::Image("x".into()), &f.env());
    p.on_done(
        T,
        Box::new(job::Analysed(Err("no such image".into()))),
        &f.env(),
    );
    let st = p.state().expect("state");
    assert_eq!(st.error.as_deref(), Some("no such image"));
    assert!(!st.running());
    let progress = crate::layers::Progress {
        phase: crate::layers::Phase::Export,
        bytes_done: 1,
        bytes_total: None,
        entries_done: 1,
        layers_done: 0,
        layers_total: None,
    };
    p.on_done(T, Box::new(job::Progressed(progress)), &f.env());
    assert!(p.state().is_some_and(|s| s.progress.is_none()));
}
