//! The Health tab's jobs and keys: what opening and leaving ask for, how results fold into
//! the model, when probe now and the HTTP probe can run, and how a try's result shows.

use std::sync::Arc;

use super::Health;
use super::job::{CaptureEnded, Captured, Loaded, Opened, ToolsFound};
use super::keys::{HTTP, PROBE};
use super::tests::{model, render};
use super::trial::{Trial, Tried};
use crate::health::inspect::ProbeContext;
use crate::health::snapshot::Snapshot;
use crate::health::time::SECOND;
use crate::health::{Probe, Tools};
use crate::model::{Health as Status, State};
use crate::profile::Profile;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::Avail;
use crate::tui::msg::describe;
use crate::tui::pane::testing::{Fixture, container};
use crate::tui::pane::{Handled, Pane, Subject};

const ID: &str = "c0ffee";

fn fixture(state: State) -> Fixture {
    Fixture::new(vec![container(ID, "dfx-health-unhealthy", state)])
}

fn snap(m: &super::model::Model) -> Snapshot {
    Snapshot {
        id: ID.into(),
        name: m.name.clone(),
        image: "web".into(),
        running: true,
        started_at: None,
        config: m.facts.config.clone(),
        status: Status::Unhealthy,
        failing_streak: 5,
        log: vec![],
        exposed_ports: vec![8000],
    }
}

fn done<T: std::any::Any + Send>(h: &mut Health, f: &Fixture, r: T) -> Vec<String> {
    let t = Ticket {
        owner: PaneId(3),
        seq: 1,
    };
    describe(&h.on_done(t, Box::new(r), &f.env()))
}

const PLANTED: &str = "Pl4nted-health-pw";

/// What the load job gives the tab: a masker that learnt the container's DB_PASSWORD.
fn planted_masker() -> crate::envcheck::Masker {
    let mut m = crate::envcheck::Masker::new(&Profile::default());
    m.learn([("DB_PASSWORD", PLANTED)]);
    m
}

/// A tab opened on the fixture's container, its first read delivered.
fn opened(f: &Fixture) -> Health {
    let mut h = Health::default();
    let fx = describe(&h.on_open(&Subject::Container(ID.into()), &f.env()));
    assert_eq!(fx, ["job health-load c0ffee", "job health-tools c0ffee"]);
    let m = model();
    let o = Opened {
        snapshot: snap(&m),
        model: m,
        context: ProbeContext {
            user: "app".into(),
            ..Default::default()
        },
        profile: Arc::new(Profile::default()),
        store_note: None,
        since: std::time::SystemTime::UNIX_EPOCH,
        masker: planted_masker(),
    };
    assert_eq!(
        done(&mut h, f, Loaded(Ok(Box::new(o)))),
        ["job health-capture c0ffee"]
    );
    h
}

#[test]
fn opening_reads_then_follows_and_leaving_cancels_every_job() {
    let f = fixture(State::Running);
    let mut h = opened(&f);
    assert_eq!(h.model().map(|m| m.len()), Some(14));
    let probe = Probe::daemon(
        super::tests::T0 * SECOND + 60 * SECOND,
        Some(super::tests::T0 * SECOND + 61 * SECOND),
        1,
        "refused\n",
    );
    let mut s = snap(h.model().unwrap_or_else(|| panic!("model")));
    s.log = vec![probe.clone()];
    s.failing_streak = 6;
    assert!(
        done(
            &mut h,
            &f,
            Captured {
                snapshot: s,
                probe: Some(probe)
            }
        )
        .is_empty()
    );
    let m = h.model().unwrap_or_else(|| panic!("model"));
    assert_eq!((m.len(), m.facts.failing_streak), (15, Some(6)));
    assert_eq!(
        done(
            &mut h,
            &f,
            ToolsFound(Ok(Tools::probe(|p| p == "/bin/wget")))
        ),
        Vec::<String>::new()
    );
    assert!(h.model().is_some_and(|m| m.facts.tools.is_some()));
    assert_eq!(
        done(
            &mut h,
            &f,
            CaptureEnded("the container was removed: this is what was known".into())
        ),
        ["flash the container was removed: this is what was known"]
    );
    assert_eq!(
        describe(&h.on_leave()),
        [
            "cancel health-load c0ffee",
            "cancel health-tools c0ffee",
            "cancel health-capture c0ffee",
            "cancel health-probe c0ffee",
            "cancel health-wake c0ffee"
        ]
    );
}

#[test]
fn probe_now_and_the_http_probe_run_only_when_they_can() {
    let stopped = fixture(State::Exited);
    let h = opened(&stopped);
    assert!(
        matches!(h.available(PROBE, &stopped.env()), Avail::Not(w) if w.contains("not running"))
    );
    let f = fixture(State::Running);
    let mut h = opened(&f);
    assert_eq!(h.available(PROBE, &f.env()), Avail::Ready);
    let Handled::Yes(fx) = h.on_act(PROBE, &f.env()) else {
        panic!("handled")
    };
    let fx = describe(&fx);
    assert!(
        fx[0].contains("Docker's own health state is not changed"),
        "{fx:?}"
    );
    assert_eq!(fx[1], "job health-probe c0ffee");
    assert!(matches!(h.available(HTTP, &f.env()), Avail::Not(w) if w.contains("running")));
    let s = format!("{:?}", render(&h, 80, 24, true).backend());
    assert!(s.contains("Probe running…"), "{s}");
    let t = Trial {
        title: "Probe now: fails, exit 1 after 43 ms".into(),
        note: crate::health::probe_now::NOT_DOCKERS.into(),
        passed: Some(false),
        lines: vec!["wget: can't connect to remote host (127.0.0.1): Connection refused".into()],
    };
    done(&mut h, &f, Tried(t));
    insta::assert_snapshot!(render(&h, 80, 24, true).backend());
    // Moving the selection shows the probes' output again.
    h.on_act(crate::tui::keys::Act::Down, &f.env());
    assert!(h.trial().is_none());
    // Without tools known, the HTTP probe goes from the host to the container's address.
    let Handled::Yes(fx) = h.on_act(HTTP, &f.env()) else {
        panic!("handled")
    };
    assert_eq!(
        describe(&fx),
        [
            "flash HTTP probe: the container's tools could not be looked at, and port 8000 is neither published nor reachable at a container address"
        ]
    );
}

#[test]
fn captured_outputs_and_tries_are_masked() {
    let f = fixture(State::Running);
    let mut h = opened(&f);
    let start = super::tests::T0 * SECOND + 60 * SECOND;
    let out = format!("connecting with {PLANTED} to postgres://app:other-pw@db/app\n");
    let probe = Probe::daemon(start, Some(start + SECOND), 1, &out);
    let mut s = snap(h.model().unwrap_or_else(|| panic!("model")));
    s.log = vec![probe.clone()];
    done(
        &mut h,
        &f,
        Captured {
            snapshot: s,
            probe: Some(probe),
        },
    );
    let m = h.model().unwrap_or_else(|| panic!("model"));
    let shown = m
        .probe(0)
        .and_then(|p| p.output.clone())
        .unwrap_or_default();
    assert_eq!(shown, "connecting with *** to postgres://app:***@db/app\n");
    let screen = format!("{:?}", render(&h, 100, 30, true).backend());
    assert!(
        !screen.contains(PLANTED) && !screen.contains("other-pw"),
        "{screen}"
    );
    let t = Trial {
        title: "Probe now: fails, exit 1 after 43 ms".into(),
        note: crate::health::probe_now::NOT_DOCKERS.into(),
        passed: Some(false),
        lines: vec![format!("DB_PASSWORD={PLANTED}")],
    };
    done(&mut h, &f, Tried(t));
    assert_eq!(
        h.trial().map(|t| t.lines.clone()),
        Some(vec!["DB_PASSWORD=***".into()])
    );
    let screen = format!("{:?}", render(&h, 100, 30, true).backend());
    assert!(!screen.contains(PLANTED), "{screen}");
}

#[test]
fn a_check_that_has_not_run_yet_is_read_again_once_it_is_overdue() {
    use crate::health::config::{RawCheck, resolve};
    use crate::health::{HealthFacts, History};
    use std::time::Duration;
    let f = fixture(State::Running);
    let mut h = Health::default();
    h.on_open(&Subject::Container(ID.into()), &f.env());
    let raw = RawCheck {
        test: vec!["CMD".into(), "true".into()],
        interval: Some(Duration::from_secs(2)),
        timeout: Some(Duration::from_secs(1)),
        ..Default::default()
    };
    // Started 3 s ago, no probe: overdue at 2 × 2 s + 1 s + 10 s.
    let facts = HealthFacts {
        config: resolve(Some(&raw), None),
        status: Status::Starting,
        history: History::new(),
        running_for: Some(Duration::from_secs(3)),
        ..Default::default()
    };
    let m = super::model::Model::new(ID, "pd-web", facts, &Profile::default());
    let o = Opened {
        snapshot: snap(&m),
        model: m,
        context: ProbeContext::default(),
        profile: Arc::new(Profile::default()),
        store_note: None,
        since: std::time::SystemTime::UNIX_EPOCH,
        masker: planted_masker(),
    };
    assert_eq!(
        done(&mut h, &f, Loaded(Ok(Box::new(o)))),
        ["job health-capture c0ffee", "job health-wake c0ffee"]
    );
    assert_eq!(
        done(&mut h, &f, super::wake::Woke),
        ["job health-load c0ffee"],
        "the container is read again"
    );
    h.on_leave();
    assert!(
        done(&mut h, &f, super::wake::Woke).is_empty(),
        "not once the tab is left"
    );
}
