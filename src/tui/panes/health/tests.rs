//! The Health tab on its own: snapshots at 80x24 and 120x40, styles that carry meaning,
//! selection and output scrolling.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::Health;
use super::model::Model;
use crate::health::config::{RawCheck, resolve};
use crate::health::time::SECOND;
use crate::health::{HealthFacts, History, Probe, Source, Tools};
use crate::model::Health as Status;
use crate::profile::Profile;
use crate::tui::keys::Act;
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Pane, Subject};
use crate::tui::theme::Theme;

/// 2026-12-01 09:15:00 UTC.
pub(super) const T0: i64 = 1_796_116_500;

pub(super) fn model() -> Model {
    let raw = RawCheck {
        test: vec![
            "CMD-SHELL".into(),
            "wget -q -O- http://127.0.0.1:8001/health/ || exit 1".into(),
        ],
        interval: Some(std::time::Duration::from_secs(3)),
        timeout: Some(std::time::Duration::from_secs(2)),
        retries: Some(2),
        ..Default::default()
    };
    let refused = "wget: can't connect to remote host (127.0.0.1): Connection refused\n";
    let mut probes = Vec::new();
    for i in 0..14i64 {
        let start = (T0 + 3 * i) * SECOND;
        let (code, out) = if i < 4 { (0, "ok\n") } else { (1, refused) };
        let mut p = Probe::daemon(start, Some(start + (40 + 7 * i) * 1_000_000), code, out);
        p.source = if i < 9 {
            Source::Recorded
        } else {
            Source::Daemon
        };
        probes.push(p);
    }
    let more: String = (2..=10)
        .map(|i| format!("line {i} of the output\n"))
        .collect();
    probes[13].output = Some(format!("{refused}{more}"));
    let facts = HealthFacts {
        config: resolve(Some(&raw), None),
        status: Status::Unhealthy,
        failing_streak: Some(5),
        history: History::from_probes(probes, &[(T0 - 60) * SECOND, (T0 + 26) * SECOND]),
        tools: Some(Tools::probe(|p| p == "/bin/wget" || p == "/bin/sh")),
        exposed_ports: vec![8000],
        start_interval_supported: Some(false),
        ..Default::default()
    };
    Model::new("c0ffee", "dfx-health-unhealthy", facts, &Profile::default())
}

fn pane() -> Health {
    let mut h = Health::default();
    h.set_model(model());
    h
}

pub(super) fn render(h: &Health, w: u16, hh: u16, mono: bool) -> Terminal<TestBackend> {
    let mut f = Fixture::new(vec![]);
    f.theme = Theme { mono };
    let mut term = Terminal::new(TestBackend::new(w, hh)).unwrap_or_else(|e| panic!("{e}"));
    let mut env = f.env();
    env.now = T0 + 12 * 60;
    term.draw(|fr| {
        h.draw(fr, fr.area(), &env);
    })
    .unwrap_or_else(|e| panic!("{e}"));
    term
}

#[test]
fn health_tab_80x24() {
    insta::assert_snapshot!(render(&pane(), 80, 24, true).backend());
}

#[test]
fn health_tab_120x40() {
    insta::assert_snapshot!(render(&pane(), 120, 40, true).backend());
}

#[test]
fn failing_is_red_and_passing_green() {
    let term = render(&pane(), 120, 40, false);
    let buf = term.backend().buffer();
    let find = |text: &str| {
        (0..buf.area.height).find_map(|y| {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            row.find(text).map(|i| (row[..i].chars().count() as u16, y))
        })
    };
    let (x, y) = find("failing since").unwrap_or_else(|| panic!("failing since on screen"));
    assert_eq!(buf[(x, y)].fg, Color::Red);
    let (x, y) = find("timeline ").unwrap_or_else(|| panic!("timeline"));
    assert_eq!(buf[(x + 9, y)].symbol(), "✔");
    assert_eq!(buf[(x + 9, y)].fg, Color::Green);
}

#[test]
fn selection_moves_over_probes_and_shows_their_output() {
    let f = Fixture::new(vec![]);
    let mut h = pane();
    assert_eq!(h.selected(), 0);
    let s = format!("{:?}", render(&h, 80, 24, true).backend());
    assert!(s.contains("(lines 1–6 of 10, J/K scroll)"), "{s}");
    h.on_act(super::keys::OUT_DOWN, &f.env());
    h.on_act(super::keys::OUT_DOWN, &f.env());
    let s = format!("{:?}", render(&h, 80, 24, true).backend());
    assert!(s.contains("(lines 3–8 of 10, J/K scroll)"), "{s}");
    for _ in 0..20 {
        h.on_act(super::keys::OUT_DOWN, &f.env());
    }
    let s = format!("{:?}", render(&h, 80, 24, true).backend());
    assert!(
        s.contains("(lines 5–10 of 10, J/K scroll)"),
        "the end stays in view: {s}"
    );
    h.on_act(super::keys::OUT_UP, &f.env());
    let s = format!("{:?}", render(&h, 120, 40, true).backend());
    assert!(
        s.contains("line 10 of the output"),
        "the whole output at 120x40: {s}"
    );
    h.on_act(Act::Bottom, &f.env());
    assert_eq!(h.selected(), 13);
    h.on_act(Act::Up, &f.env());
    assert_eq!(h.selected(), 12);
    // A new model keeps the same probe selected.
    h.set_model(model());
    assert_eq!(h.selected(), 12);
}

#[test]
fn without_a_model_it_says_what_it_waits_for() {
    let f = Fixture::new(vec![]);
    let mut h = Health::default();
    h.on_open(&Subject::Container("abc".into()), &f.env());
    let s = format!("{:?}", render(&h, 80, 24, true).backend());
    assert!(s.contains("Reading the health check"), "{s}");
    h.set_status("cannot read the history store /x: not a SQLite database");
    let s = format!("{:?}", render(&h, 80, 24, true).backend());
    assert!(s.contains("not a SQLite database"), "{s}");
}

/// The tab at 120x40 on the model's container with `facts`.
fn screen_of(facts: HealthFacts) -> String {
    let mut h = Health::default();
    h.set_model(Model::new(
        "c0ffee",
        "dfx-health-unhealthy",
        facts,
        &Profile::default(),
    ));
    format!("{:?}", render(&h, 120, 40, true).backend())
}

#[test]
fn a_streak_older_than_the_probes_known_is_estimated() {
    // Only the daemon's last 5, every 3 s, all failing; the daemon counts 45 in a row.
    let mut m = model();
    let probes: Vec<Probe> = m.facts.history.probes()[9..].to_vec();
    m.facts.history = History::from_probes(probes, &[(T0 - 600) * SECOND]);
    m.facts.failing_streak = Some(45);
    let s = screen_of(m.facts);
    // The first failure known is at T0+27 s; 40 more, 3 s apart, began at 09:13:27.
    assert!(
        s.contains("failing since about 2026-12-01 09:13:27 (~13m ago, estimated)"),
        "{s}"
    );
}

#[test]
fn a_stopped_container_says_no_probe_runs() {
    let mut m = model();
    m.facts.running = Some(false);
    let s = screen_of(m.facts);
    assert!(s.contains("not running: no probe runs now"), "{s}");
    assert!(s.contains("timeline "), "the timeline stays: {s}");
    assert!(
        !s.contains("health.failing"),
        "not judged while stopped: {s}"
    );
}
