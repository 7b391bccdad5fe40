//! Styles where the README promises them, cell by cell on a `TestBackend` (snapshots hold
//! text only): health badges and states in colour (✔ healthy green, ✘ unhealthy red,
//! … starting yellow), the selection (blue in colour, reversed with NO_COLOR), and search
//! matches in the Logs (black on yellow; bold and underlined with NO_COLOR), the current
//! match's line selected; `n` and `N` move it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::tui::{buffer, deliver, key, owner};
use crossterm::event::KeyCode;
use docktor::engine::logs::{LogLine, LogStream};
use docktor::model::{Container, EngineInfo, Health, State};
use docktor::tui::app::App;
use docktor::tui::msg::Msg;
use docktor::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

// keys pressed (tests/keys_covered.rs): [Logs tab] / n N

const NOW: i64 = 1_800_000_000;
const W: u16 = 100;
const H: u16 = 20;

fn container(name: &str, state: State, health: Health) -> Container {
    Container {
        id: format!("{name:0<64}"),
        name: name.into(),
        image: format!("shop/{name}:1"),
        image_id: "sha256:0123".into(),
        state,
        health,
        status: String::new(),
        created: NOW - 100,
        started_at: state.is_up().then_some(NOW - 50),
        ports: vec![],
        ..Default::default()
    }
}

fn app(mono: bool) -> App {
    let mut a = App::new("unix:///x.sock".into(), false, Theme { mono });
    a.set_now(NOW);
    a.update(Msg::Connected(EngineInfo {
        kind: "docker".into(),
        version: "28.5.2".into(),
        api_version: "1.49".into(),
        uri: "unix:///x.sock".into(),
    }));
    a.update(Msg::Containers(vec![
        // The first row is the selected one: its cells take the selection's colours.
        container("a-idle", State::Running, Health::None),
        container("a-web", State::Running, Health::Healthy),
        container("b-worker", State::Running, Health::Unhealthy),
        container("c-cache", State::Running, Health::Starting),
        container("d-migrate", State::Exited, Health::None),
    ]));
    a
}

fn row(b: &Buffer, y: u16) -> String {
    (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()
}

/// The first cell of `text` on screen: (x, y).
fn find(b: &Buffer, text: &str) -> (u16, u16) {
    find_below(b, text, 0)
}

/// The first cell of `text` on a row from `top` on: (x, y).
fn find_below(b: &Buffer, text: &str, top: u16) -> (u16, u16) {
    for y in top..b.area.height {
        let cells: Vec<&str> = (0..b.area.width).map(|x| b[(x, y)].symbol()).collect();
        let wanted: Vec<String> = text.chars().map(String::from).collect();
        for x in 0..cells.len().saturating_sub(wanted.len() - 1) {
            if wanted.iter().enumerate().all(|(i, c)| cells[x + i] == c) {
                return (x as u16, y);
            }
        }
    }
    let screen: Vec<String> = (0..b.area.height).map(|y| row(b, y)).collect();
    panic!("{text:?} not on screen:\n{}", screen.join("\n"));
}

#[test]
fn health_badges_and_states_in_colour() {
    let a = app(false);
    let b = buffer(&a, W, H);
    for (badge, colour) in [
        ("✔ healthy", Color::Green),
        ("✘ unhealthy", Color::Red),
        ("… starting", Color::Yellow),
    ] {
        let (x, y) = find(&b, badge);
        for dx in 0..badge.chars().count() as u16 {
            assert_eq!(b[(x + dx, y)].fg, colour, "{badge} at {}", x + dx);
        }
    }
    let (x, y) = find(&b, "exited");
    assert_eq!(b[(x, y)].fg, Color::Red, "exited");
    // The first row is selected: blue, the others are not (their running state is green).
    let (x, y) = find(&b, "a-idle");
    assert_eq!(b[(x, y)].bg, Color::Blue, "the selection in colour");
    let (x, y) = find(&b, "b-worker");
    assert_ne!(b[(x, y)].bg, Color::Blue);
    let running = row(&b, y)
        .find("running")
        .expect("running on b-worker's row");
    let rx = row(&b, y)[..running].chars().count() as u16;
    assert_eq!(b[(rx, y)].fg, Color::Green, "running");
}

#[test]
fn without_colour_words_and_reversal_tell_apart() {
    let a = app(true);
    let b = buffer(&a, W, H);
    for badge in ["✔ healthy", "✘ unhealthy", "… starting"] {
        let (x, y) = find(&b, badge);
        assert_eq!(b[(x, y)].fg, Color::Reset, "{badge}: no colour");
    }
    let (x, y) = find(&b, "a-idle");
    assert!(b[(x, y)].modifier.contains(Modifier::REVERSED), "selected");
    let (x, y) = find(&b, "b-worker");
    assert!(!b[(x, y)].modifier.contains(Modifier::REVERSED));
}

/// The Logs of the first container with `lines`, a search for `needle` kept with Enter.
fn searched(mono: bool, needle: &str) -> App {
    let mut a = app(mono);
    key(&mut a, KeyCode::Enter); // a container opens on its Doctor
    let logs = owner(&key(&mut a, KeyCode::Tab));
    let line = |stream, text: &str| LogLine::new(stream, text);
    deliver(
        &mut a,
        logs,
        docktor::tui::panes::logs::job::Lines(vec![
            line(LogStream::Stdout, "GET /health/ 200"),
            line(LogStream::Stderr, "Timeout talking to db"),
            line(LogStream::Stdout, "GET /health/ 200"),
            line(LogStream::Stdout, "retry after timeout"),
        ]),
    );
    key(&mut a, KeyCode::Char('/'));
    for c in needle.chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    a
}

#[test]
fn search_matches_are_highlighted_and_n_moves_between_them() {
    let a = searched(false, "timeout");
    let b = buffer(&a, W, H);
    let (_, title) = find(&b, "search: timeout (2 matches)");
    let stderr_match = find_below(&b, "Timeout talking", title + 1);
    let stdout_match = find_below(&b, "timeout", title + 1);
    for (x, y) in [stderr_match, stdout_match] {
        for dx in 0..7 {
            let c = &b[(x + dx, y)];
            assert_eq!(
                (c.fg, c.bg),
                (Color::Black, Color::Yellow),
                "{:?}",
                row(&b, y)
            );
        }
        // Right after the match, the line's own style again.
        assert_ne!(b[(x + 7, y)].bg, Color::Yellow, "{:?}", row(&b, y));
    }
    let (x, y) = find(&b, "GET /health/");
    assert_ne!(b[(x, y)].bg, Color::Yellow, "no match, no highlight");

    // One match's line is the current one (selected); n and N move it to the other and back.
    let current = |a: &App| {
        let b = buffer(a, W, H);
        let on = |(x, y): (u16, u16)| b[(x + 8, y)].bg == Color::Blue;
        let (s, o) = (find(&b, "Timeout talking"), find(&b, "retry after"));
        match (on(s), on(o)) {
            (true, false) => "stderr",
            (false, true) => "stdout",
            other => panic!("one current match, not {other:?}"),
        }
    };
    let mut a = a;
    let first = current(&a);
    key(&mut a, KeyCode::Char('n'));
    let second = current(&a);
    assert_ne!(first, second, "n moves to the next match");
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(current(&a), first, "N moves back");
}

#[test]
fn search_matches_without_colour_are_bold_and_underlined() {
    let a = searched(true, "timeout");
    let b = buffer(&a, W, H);
    let (_, title) = find(&b, "search: timeout (2 matches)");
    let (x, y) = find_below(&b, "timeout", title + 1);
    let c = &b[(x, y)];
    assert!(
        c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD),
        "{c:?}"
    );
    assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "no colour");
    let (x, y) = find(&b, "GET /health/");
    assert!(!b[(x, y)].modifier.contains(Modifier::UNDERLINED));
}
