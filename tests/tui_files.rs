//! The Files tab through the app, results delivered as its jobs deliver them: the tree on
//! screen from the first batch (before the walk ends), Esc cancels, folding, sorting,
//! filtering, the flagged entries, the findings list; snapshots at 80x24 and 120x40 and the
//! styles that carry meaning (an error flag is red, the selection stands out).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use common::tui::{buffer, deliver, key, screen};
use crossterm::event::KeyCode;
use docktor::diagnose::{Facts, Part, Subject, evaluate, findings};
use docktor::files::gather::WalkMeta;
use docktor::files::synthetic::{CLEAN_APP, entry, runtime};
use docktor::files::walk::Progress;
use docktor::files::{Entry, Runtime, Via, Walked};
use docktor::model::{Container, EngineInfo, Health, State};
use docktor::profile::Profile;
use docktor::tui::app::{App, Location};
use docktor::tui::jobs::PaneId;
use docktor::tui::msg::{Effect, Msg};
use docktor::tui::panes::files::job;
use docktor::tui::theme::Theme;
use ratatui::style::Color;

const NOW: i64 = 1_800_000_000;

fn app(mono: bool) -> App {
    let mut a = App::new("unix:///x.sock".into(), false, Theme { mono });
    a.set_now(NOW);
    a.update(Msg::Connected(EngineInfo {
        kind: "docker".into(),
        version: "20.10.24".into(),
        api_version: "1.41".into(),
        uri: "unix:///x.sock".into(),
    }));
    a.update(Msg::Containers(vec![Container {
        id: "c".repeat(64),
        name: "web".into(),
        image: "shop/web:1".into(),
        image_id: "sha256:0123".into(),
        state: State::Running,
        health: Health::None,
        status: String::new(),
        created: NOW - 100,
        started_at: Some(NOW - 50),
        ports: vec![],
        ..Default::default()
    }]));
    a
}

/// Opens the container and tabs to Files; returns the pane its walk works for.
fn files_tab(a: &mut App) -> PaneId {
    key(a, KeyCode::Enter);
    loop {
        let fx = key(a, KeyCode::Tab);
        if matches!(a.location(), Location::Container { tab: ref t, .. } if t == "Files") {
            let owner = fx.iter().find_map(|e| match e {
                Effect::Job {
                    owner: Some(o),
                    job,
                } if job.key().kind == "files" => Some(*o),
                _ => None,
            });
            return owner.expect("the Files tab starts a walk");
        }
    }
}

/// The perms mistake: media/ and a script root's, a world-writable file.
const PERMS_APP: &str = "
d 755 1001:1001 .
f 644 1001:1001 start.sh
d 755 0:0 media
d 755 1001:1001 static
d 755 1001:1001 logs
f 666 1001:1001 shared.txt
f 600 0:0 secret.conf
l 777 0:0 current -> /srv/releases/42
";

fn entries(spec: &str) -> Vec<Entry> {
    spec.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| entry(l).unwrap())
        .collect()
}

fn checked(rt: &Arc<Runtime>, spec: &str) -> (Arc<Walked>, job::CheckedAll) {
    let w = Arc::new(docktor::files::synthetic::walked("/app", spec));
    let mut f = Facts::new(Subject::Container {
        id: "c".into(),
        name: "web".into(),
    });
    f.runtime_user = Part::Ready(rt.clone());
    f.app_files = Part::Ready(w.clone());
    let outcomes = evaluate(&f, &Profile::default(), |r| r.id.starts_with("files."));
    let found = findings(&outcomes);
    (w, job::CheckedAll(outcomes, found, Vec::new()))
}

/// Walks `spec` through every step, as the jobs report them.
fn walk_all(a: &mut App, owner: PaneId, spec: &str) {
    let rt = Arc::new(runtime("app"));
    deliver(a, owner, job::Prepared(Ok((rt.clone(), "/app".into()))));
    deliver(
        a,
        owner,
        job::Batch(
            entries(spec),
            Progress {
                entries: 9,
                bytes: 4096,
            },
        ),
    );
    deliver(
        a,
        owner,
        job::WalkEnded(Ok(WalkMeta {
            via: Via::Local,
            fallback: None,
            incomplete: None,
            missing_mounts: vec![],
        })),
    );
    let fx = deliver(a, owner, job::OutsideRead(Default::default(), true));
    assert!(
        fx.iter()
            .any(|e| e.describe().starts_with("job files-check")),
        "the rules run next"
    );
    let (_, c) = checked(&rt, spec);
    deliver(a, owner, c);
}

#[test]
fn the_first_screen_shows_before_the_walk_ends_and_esc_cancels() {
    let mut a = app(true);
    let owner = files_tab(&mut a);
    let s = screen(&a, 80, 24);
    assert!(s.contains("reading the user and /etc/passwd"), "{s}");
    deliver(
        &mut a,
        owner,
        job::Prepared(Ok((Arc::new(runtime("app")), "/app".into()))),
    );
    deliver(
        &mut a,
        owner,
        job::Batch(
            entries("d 755 1001:1001 .\nd 755 1001:1001 media\nf 755 1001:1001 start.sh"),
            Progress {
                entries: 3,
                bytes: 2048,
            },
        ),
    );
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("reading… 3 entries") && s.contains("Esc cancels"),
        "{s}"
    );
    assert!(s.contains("media") && s.contains("start.sh"), "{s}");
    assert!(s.contains("rwe"), "what app can do with media/: {s}");
    // Esc stops the walk, keeps what was read, stays on the tab.
    let fx = key(&mut a, KeyCode::Esc);
    let d: Vec<String> = fx.iter().map(Effect::describe).collect();
    assert!(d.iter().any(|e| e.starts_with("cancel files")), "{d:?}");
    assert!(matches!(a.location(), Location::Container { .. }));
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("cancelled after 3 entries") && s.contains("start.sh"),
        "{s}"
    );
    // A batch arriving late (before the cancel took) changes nothing.
    deliver(
        &mut a,
        owner,
        job::Batch(entries("f 644 1001:1001 late.txt"), Progress::default()),
    );
    assert!(!screen(&a, 80, 24).contains("late.txt"));
    // Esc again goes back to the list.
    key(&mut a, KeyCode::Esc);
    assert!(!matches!(a.location(), Location::Container { .. }));
}

#[test]
fn a_clean_app_at_80x24_and_120x40() {
    let mut a = app(true);
    let owner = files_tab(&mut a);
    walk_all(&mut a, owner, CLEAN_APP);
    let s = screen(&a, 80, 24);
    assert!(s.contains("0 findings"), "{s}");
    insta::assert_snapshot!("files_clean_80x24", s);
    insta::assert_snapshot!("files_clean_120x40", screen(&a, 120, 40));
}

#[test]
fn mistakes_are_flagged_in_red_and_listed() {
    let mut a = app(false);
    let owner = files_tab(&mut a);
    walk_all(&mut a, owner, PERMS_APP);
    let s = screen(&a, 120, 40);
    insta::assert_snapshot!("files_perms_120x40", s);
    let (line, _) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("media"))
        .unwrap();
    let b = buffer(&a, 120, 40);
    let x = s
        .lines()
        .nth(line)
        .unwrap()
        .chars()
        .position(|c| c == '✘')
        .expect("an error mark on media/");
    assert_eq!(b[(x as u16, line as u16)].fg, Color::Red);
    assert!(
        s.contains("current → /srv/releases/42"),
        "symlink targets shown, not followed: {s}"
    );
    // The flagged entries only.
    key(&mut a, KeyCode::Char('!'));
    let s = screen(&a, 120, 40);
    assert!(
        s.contains("flagged only") && s.contains("secret.conf") && !s.contains("static"),
        "{s}"
    );
    key(&mut a, KeyCode::Char('!'));
    // The findings list, and Enter shows the entry of the selected one.
    key(&mut a, KeyCode::Char('v'));
    let s = screen(&a, 120, 40);
    assert!(s.contains("files.must-write") && s.contains("fix:"), "{s}");
    key(&mut a, KeyCode::Enter);
    let s = screen(&a, 120, 40);
    assert!(s.contains(" Entry "), "{s}");
}

#[test]
fn fold_sort_filter_and_another_path() {
    let mut a = app(true);
    let owner = files_tab(&mut a);
    walk_all(&mut a, owner, CLEAN_APP);
    let s = screen(&a, 100, 30);
    assert!(!s.contains("pyvenv.cfg"), "folders start folded: {s}");
    key(&mut a, KeyCode::Down); // .venv
    key(&mut a, KeyCode::Char(' '));
    assert!(screen(&a, 100, 30).contains("pyvenv.cfg"));
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Char('/'));
    for c in "manage".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    let s = screen(&a, 100, 30);
    assert!(
        s.contains("filter: manage") && s.contains("manage.py") && !s.contains("uv.lock"),
        "{s}"
    );
    key(&mut a, KeyCode::Char('/'));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('o'));
    let s = screen(&a, 100, 30);
    let venv = s.find(".venv").unwrap();
    let lock = s.find("uv.lock").unwrap();
    assert!(venv < lock, "sorted by size: {s}");
    // Another path: a new walk there.
    key(&mut a, KeyCode::Char('p'));
    for c in "/etc".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    let fx = key(&mut a, KeyCode::Enter);
    assert!(
        fx.iter().any(|e| e.describe().starts_with("job files ")),
        "{:?}",
        fx.iter().map(Effect::describe).collect::<Vec<_>>()
    );
    assert!(screen(&a, 100, 30).contains("Files /etc"));
}

#[test]
fn a_target_that_cannot_be_read_says_why() {
    let mut a = app(true);
    let owner = files_tab(&mut a);
    deliver(
        &mut a,
        owner,
        job::Prepared(Err("container web is gone from unix:///x.sock".into())),
    );
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("could not be read") && s.contains("is gone"),
        "{s}"
    );
}
