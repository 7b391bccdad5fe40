//! Panes through the app, as a user meets them: the hint bar at 80x24 in every state, styles
//! that carry meaning, the general confirmation, and the defects fixed
//! in the comparison and with IDs that are not ASCII. No daemon: results are delivered as
//! the runtime would deliver them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::tui::{buffer, deliver, key, owner, screen as render};
use crossterm::event::KeyCode;
use docktor::engine::logs::{LogLine, LogStream};
use docktor::model::{Container, EngineInfo, Health, State};
use docktor::tui::app::{App, Location};
use docktor::tui::msg::Msg;
use docktor::tui::theme::Theme;
use ratatui::style::{Color, Modifier};

const NOW: i64 = 1_800_000_000;

fn container(id: &str, name: &str, state: State) -> Container {
    Container {
        id: id.into(),
        name: name.into(),
        image: format!("shop/{name}:1"),
        image_id: "sha256:0123".into(),
        state,
        health: Health::None,
        status: String::new(),
        created: NOW - 100,
        started_at: Some(NOW - 50),
        ports: vec![],
        ..Default::default()
    }
}

fn app_with(read_only: bool, mono: bool, list: Vec<Container>) -> App {
    let mut a = App::new("unix:///x.sock".into(), read_only, Theme { mono });
    a.set_now(NOW);
    a.update(Msg::Connected(EngineInfo {
        kind: "docker".into(),
        version: "20.10.24".into(),
        api_version: "1.41".into(),
        uri: "unix:///x.sock".into(),
    }));
    a.update(Msg::Containers(list));
    a
}

fn app() -> App {
    app_with(
        false,
        true,
        vec![
            container(&"a".repeat(64), "web", State::Running),
            container(&"b".repeat(64), "migrate", State::Exited),
        ],
    )
}

fn hint_bar(a: &App) -> String {
    render(a, 80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// The hint bar keeps whole hints: `? help` first, `q quit` last (so nothing is cut after
/// it); while typing, the typing hints instead.
fn assert_hints_whole(a: &App, state: &str) {
    let bar = hint_bar(a);
    if a.typing() {
        assert!(bar.starts_with(" type to "), "{state}: {bar}");
        assert!(!bar.contains("q quit"), "{state}: {bar}");
    } else {
        assert!(bar.starts_with(" ? help "), "{state}: {bar}");
        assert!(bar.trim_end().ends_with("q quit"), "{state}: {bar}");
    }
}

#[test]
fn the_hint_bar_never_cuts_a_hint_at_80x24() {
    let mut a = app();
    assert_hints_whole(&a, "list");
    key(&mut a, KeyCode::Char('/'));
    assert_hints_whole(&a, "list filter");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Enter);
    assert_hints_whole(&a, "doctor");
    key(&mut a, KeyCode::Tab);
    assert_hints_whole(&a, "logs");
    key(&mut a, KeyCode::Char('/'));
    assert_eq!(
        hint_bar(&a).trim_end(),
        " type to search · Enter find · Esc clear"
    );
    key(&mut a, KeyCode::Esc);
    for tab in 0..7 {
        key(&mut a, KeyCode::Tab);
        assert_hints_whole(&a, &format!("tab {tab}"));
    }
    // The Layers tab, typing a file filter (the analysis has not come: the input still works).
    while !matches!(a.location(), Location::Container { ref tab, .. } if tab == "Layers") {
        key(&mut a, KeyCode::Tab);
    }
    key(&mut a, KeyCode::Char('/'));
    assert_hints_whole(&a, "layers filter");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.location(), Location::List);
    key(&mut a, KeyCode::Char('i'));
    assert_hints_whole(&a, "images");
    key(&mut a, KeyCode::Char('/'));
    assert_hints_whole(&a, "images filter");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('?'));
    assert_hints_whole(&a, "help");
    let ro = app_with(true, true, vec![container("c1", "web", State::Running)]);
    assert_hints_whole(&ro, "read-only");
    assert!(!hint_bar(&ro).contains("stop"), "read-only hides changes");
}

#[test]
fn hints_follow_the_state_of_the_selected_container() {
    let mut a = app();
    let bar = hint_bar(&a);
    assert!(!bar.contains("s start") && bar.contains("S stop"), "{bar}");
    key(&mut a, KeyCode::Char('j'));
    let bar = hint_bar(&a);
    assert!(bar.contains("s start") && !bar.contains("S stop"), "{bar}");
}

#[test]
fn the_selection_is_reversed_without_colour() {
    let a = app();
    let b = buffer(&a, 80, 24);
    // Row 2 (below the border and the header) is the selected container.
    let cell = &b[(3, 2)];
    assert_eq!(cell.symbol(), "w", "the selected row is web");
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert_eq!(cell.fg, Color::Reset, "no colour with NO_COLOR");
    assert!(!b[(3, 3)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn stderr_is_red_in_the_logs() {
    let mut a = app_with(false, false, vec![container("c1", "web", State::Running)]);
    key(&mut a, KeyCode::Enter); // the Doctor
    let logs = owner(&key(&mut a, KeyCode::Tab));
    let line = |stream, text: &str| LogLine::new(stream, text);
    deliver(
        &mut a,
        logs,
        docktor::tui::panes::logs::job::Lines(vec![
            line(LogStream::Stdout, "fine"),
            line(LogStream::Stderr, "boom"),
        ]),
    );
    let b = buffer(&a, 80, 24);
    let row = |y: u16| (0..80).map(|x| b[(x, y)].symbol()).collect::<String>();
    let y = (0..24)
        .find(|y| row(*y).contains("boom"))
        .expect("the stderr line");
    let x = row(y).find("err│").expect("marked err") as u16;
    assert_eq!(b[(x, y)].fg, Color::LightRed);
    let text_x = (0..80).find(|x| b[(*x, y)].symbol() == "b").expect("text");
    assert_eq!(b[(text_x, y)].fg, Color::LightRed, "the text too");
    let out_y = (0..24).find(|y| row(*y).contains("fine")).expect("stdout");
    let fine_x = (0..80)
        .find(|x| b[(*x, out_y)].symbol() == "f")
        .expect("text");
    assert_ne!(b[(fine_x, out_y)].fg, Color::LightRed);
}

#[test]
fn the_build_cache_tab_reads_the_disk_and_the_registries() {
    let mut a = app();
    key(&mut a, KeyCode::Enter);
    let mut fx = Vec::new();
    while !matches!(a.location(), Location::Container { tab: ref t, .. } if t == "Build cache") {
        fx = key(&mut a, KeyCode::Tab);
    }
    let jobs: Vec<String> = fx
        .iter()
        .filter_map(|e| e.job_key())
        .map(|k| k.to_string())
        .collect();
    assert!(jobs.contains(&"build cache".to_string()), "{jobs:?}");
    assert!(jobs.iter().any(|j| j.starts_with("registries")), "{jobs:?}");
    let s = render(&a, 80, 24);
    assert!(s.contains("reading the build cache…"), "{s}");
}

#[test]
fn ids_that_are_not_ascii_are_cut_on_characters() {
    let id = "é".repeat(64);
    let mut a = app_with(false, true, vec![container(&id, "odd", State::Running)]);
    key(&mut a, KeyCode::Enter);
    let s = render(&a, 100, 20);
    assert!(
        s.contains(&"é".repeat(12)) && !s.contains(&"é".repeat(13)),
        "{s}"
    );
    // Gone from the list: the header says so, with the short ID.
    a.update(Msg::Containers(Vec::new()));
    let s = render(&a, 100, 20);
    assert!(
        s.contains(&format!("container {} is gone", "é".repeat(12))),
        "{s}"
    );
}
