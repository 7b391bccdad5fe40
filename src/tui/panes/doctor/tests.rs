//! The Doctor view on its own: every gatherer starts at once, rows pending then filled as
//! facts arrive (snapshots at 80x24 and 120x40), colours that carry meaning, the jumps to
//! the details tab and the prune flow, leaving and coming back.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::keys::{AGAIN, DETAILS, FIX, PRUNE};
use super::{Arrived, Doctor, Missed};
use crate::diagnose::Fact;
use crate::diagnose::cases::{cache, runtime};
use crate::gather::Gathered;
use crate::model::State;
use crate::profile::Profile;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::msg::{Effect, describe};
use crate::tui::pane::testing::{Fixture, container};
use crate::tui::pane::{Handled, Pane, Subject};
use crate::tui::theme::Theme;

/// The gatherers of a container, in their order.
const ALL: [&str; 10] = [
    "container",
    "processes",
    "health",
    "env",
    "runtime_user",
    "registry",
    "build_cache",
    "database",
    "layers",
    "files",
];
/// Those `deliver_runtime` leaves waiting.
const SLOW: [&str; 7] = [
    "health",
    "env",
    "runtime_user",
    "registry",
    "database",
    "layers",
    "files",
];

const TICKET: Ticket = Ticket {
    owner: PaneId(7),
    seq: 1,
};

fn fixture(mono: bool) -> Fixture {
    let mut f = Fixture::new(vec![container("c0ffee", "web", State::Running)]);
    f.theme = Theme { mono };
    f
}

fn render(p: &Doctor, fx: &Fixture, w: u16, h: u16) -> (String, ratatui::buffer::Buffer) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        p.draw(f, f.area(), &fx.env());
    })
    .unwrap();
    let b = t.backend().buffer().clone();
    let s = (0..h)
        .map(|y| (0..w).map(|x| b[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    (s, b)
}

fn arrive(p: &mut Doctor, fx: &Fixture, g: Gathered) {
    let env = fx.env();
    p.on_done(
        TICKET,
        Box::new(Arrived(g, Arc::new(Profile::default()))),
        &env,
    );
}

/// The guide's container with no restart policy, its processes, and a big build cache.
fn deliver_runtime(p: &mut Doctor, fx: &Fixture) {
    let (f, _) = runtime::facts(|d, _, _| d.host_config.restart_policy.name = "no".into());
    arrive(
        p,
        fx,
        Gathered::part(Fact::Container, |f| &mut f.container, f.container.clone()),
    );
    arrive(
        p,
        fx,
        Gathered::part(Fact::Processes, |f| &mut f.processes, f.processes.clone()),
    );
    let (c, _) = cache::facts(|c| {
        c.total_bytes = 30_000_000_000;
        c.reclaimable_bytes = 25_000_000_000;
    });
    arrive(
        p,
        fx,
        Gathered::part(
            Fact::BuildCache,
            |f| &mut f.build_cache,
            c.build_cache.clone(),
        ),
    );
}

fn opened(fx: &Fixture) -> (Doctor, Vec<Effect>) {
    let mut p = Doctor::default();
    let effects = p.on_open(&Subject::Container("c0ffee".into()), &fx.env());
    (p, effects)
}

fn select(p: &mut Doctor, fx: &Fixture, id: &str) {
    let env = fx.env();
    p.on_act(crate::tui::keys::Act::Top, &env);
    for _ in 0..crate::diagnose::RULES.len() {
        if p.selected().map(|r| r.outcome.rule.id) == Some(id) {
            return;
        }
        p.on_act(crate::tui::keys::Act::Down, &env);
    }
    panic!("no row {id}");
}

#[test]
fn every_gatherer_starts_at_once_and_rows_wait_with_a_spinner() {
    let fx = fixture(true);
    let (p, effects) = opened(&fx);
    assert_eq!(
        describe(&effects),
        ALL.map(|a| format!("job doctor {a} c0ffee"))
    );
    let (s, _) = render(&p, &fx, 120, 40);
    assert!(s.contains("pending") && s.contains("reading 10"), "{s}");
    assert!(
        !s.contains("context.") && !s.contains(".dockerignore"),
        "no build-context rows: {s}"
    );
    insta::assert_snapshot!("doctor_pending_120x40", s);
}

#[test]
fn rows_fill_in_as_facts_arrive() {
    let fx = fixture(true);
    let (mut p, _) = opened(&fx);
    deliver_runtime(&mut p, &fx);
    let env = fx.env();
    p.on_done(
        TICKET,
        Box::new(Missed(Fact::Layers, "not connected".into())),
        &env,
    );
    select(&mut p, &fx, "runtime.restart-policy");
    let (s, _) = render(&p, &fx, 120, 40);
    assert!(
        s.contains("No restart policy") && s.contains("--restart unless-stopped"),
        "{s}"
    );
    assert!(
        s.contains("reading 6"),
        "health, env, the runtime user, database, the registry and the files are still read: {s}"
    );
    insta::assert_snapshot!("doctor_filled_120x40", s);
    let (s, _) = render(&p, &fx, 80, 24);
    insta::assert_snapshot!("doctor_filled_80x24", s);
}

#[test]
fn failures_are_red_warnings_yellow_passes_green() {
    let fx = fixture(false);
    let (mut p, _) = opened(&fx);
    deliver_runtime(&mut p, &fx);
    select(&mut p, &fx, "runtime.memory-limit");
    let (s, b) = render(&p, &fx, 120, 40);
    let find = |needle: &str| {
        s.lines()
            .enumerate()
            .find_map(|(y, l)| {
                l.find(needle)
                    .map(|x| (l[..x].chars().count() as u16, y as u16))
            })
            .unwrap_or_else(|| panic!("{needle} in {s}"))
    };
    let (x, y) = find("warn    A service restarts");
    assert_eq!(b[(x, y)].fg, Color::Yellow);
    let (x, y) = find("pass    The container has a memory limit");
    assert_eq!(b[(x, y)].fg, Color::Green);
    let (x, y) = find("pending");
    assert_eq!(b[(x, y)].fg, Color::DarkGray);
}

#[test]
fn enter_opens_the_details_tab_and_f_the_prune_flow() {
    let fx = fixture(true);
    let (mut p, _) = opened(&fx);
    deliver_runtime(&mut p, &fx);
    let env = fx.env();
    select(&mut p, &fx, "cache.reclaimable");
    let Handled::Yes(e) = p.on_act(DETAILS, &env) else {
        panic!("handled")
    };
    assert_eq!(describe(&e), ["show tab Build cache"]);
    let Handled::Yes(e) = p.on_act(FIX, &env) else {
        panic!("handled")
    };
    assert_eq!(
        describe(&e),
        [format!("show tab Build cache then {PRUNE:?}")]
    );
    // A check without a button says why, and is not offered.
    select(&mut p, &fx, "runtime.restart-policy");
    assert!(!p.available(FIX, &env).ready());
    assert!(!p.available(DETAILS, &env).ready());
    select(&mut p, &fx, "layers.env-file");
    let Handled::Yes(e) = p.on_act(DETAILS, &env) else {
        panic!("handled")
    };
    assert_eq!(describe(&e), ["show tab Layers"]);
    // Why a container stopped is in its logs.
    select(&mut p, &fx, "runtime.exited");
    let Handled::Yes(e) = p.on_act(DETAILS, &env) else {
        panic!("handled")
    };
    assert_eq!(describe(&e), ["show tab Logs"]);
}

#[test]
fn an_images_doctor_opens_its_layers() {
    let fx = fixture(true);
    let mut p = Doctor::for_image("shop/web:1".into());
    let e = p.on_open(&Subject::Image("sha256:abc".into()), &fx.env());
    assert_eq!(
        e.len(),
        8,
        "container, health, env, runtime user, registry, build cache, layers, files"
    );
    select(&mut p, &fx, "layers.env-file");
    let Handled::Yes(e) = p.on_act(DETAILS, &fx.env()) else {
        panic!("handled")
    };
    assert_eq!(describe(&e), ["open Layers"]);
    select(&mut p, &fx, "health.none");
    assert!(!p.available(DETAILS, &fx.env()).ready());
    // Its baked secrets are in its history, which the Layers view shows step by step.
    select(&mut p, &fx, "env.baked-build-arg");
    let Handled::Yes(e) = p.on_act(DETAILS, &fx.env()) else {
        panic!("handled")
    };
    assert_eq!(describe(&e), ["open Layers"]);
}

#[test]
fn leaving_cancels_what_is_still_read_and_coming_back_goes_on() {
    let fx = fixture(true);
    let (mut p, _) = opened(&fx);
    deliver_runtime(&mut p, &fx);
    select(&mut p, &fx, "runtime.restart-policy");
    let left = describe(&p.on_leave());
    assert_eq!(left, SLOW.map(|a| format!("cancel doctor {a} c0ffee")));
    let (s, _) = render(&p, &fx, 120, 40);
    assert!(s.contains("stopped (left the tab)"), "{s}");
    let back = describe(&p.on_open(&Subject::Container("c0ffee".into()), &fx.env()));
    assert_eq!(back, SLOW.map(|a| format!("job doctor {a} c0ffee")));
    // What arrived is kept; c starts everything again.
    assert!(render(&p, &fx, 120, 40).0.contains("No restart policy"));
    let Handled::Yes(e) = p.on_act(AGAIN, &fx.env()) else {
        panic!("handled")
    };
    let e = describe(&e);
    assert_eq!(
        e.iter().filter(|d| d.starts_with("job doctor")).count(),
        ALL.len(),
        "{e:?}"
    );
    assert!(!render(&p, &fx, 120, 40).0.contains("No restart policy"));
}
