//! The keys no other test presses, each with what it must do, through the app (results
//! delivered as the runtime delivers them, screens on a `TestBackend`): moving through a
//! long list by page and to the ends (PgUp/PgDn, Ctrl-D/U, g/G, j/k), follow on and off in the
//! Logs, the Layers keys (focus, fold, sort, scope, the file filter), and the Images view's
//! sort, filter and Enter.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::tui::{deliver, draw_as_the_loop_does, key, owner, screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use docktor::model::{Container, EngineInfo, Health, State};
use docktor::tui::app::{App, Location};
use docktor::tui::msg::Msg;
use docktor::tui::theme::Theme;

// keys pressed (tests/keys_covered.rs): [Everywhere] g G j/↓ k/↑ PgUp PgDn Esc
// keys pressed (tests/keys_covered.rs): [Ctrl] C-d C-u
// keys pressed (tests/keys_covered.rs): [Logs tab] f
// keys pressed (tests/keys_covered.rs): [Layers] h/l l Space o a /
// keys pressed (tests/keys_covered.rs): [Images] Enter o /
// keys pressed (tests/keys_covered.rs): [Container list] i Enter

const NOW: i64 = 1_800_000_000;

fn container(i: usize) -> Container {
    Container {
        id: format!("{i:0>64}"),
        name: format!("svc-{i:03}"),
        image: "shop/web:1".into(),
        image_id: "sha256:0123".into(),
        state: State::Running,
        health: Health::None,
        status: String::new(),
        created: NOW - 100,
        started_at: Some(NOW - 50),
        ports: vec![],
        ..Default::default()
    }
}

fn app(n: usize) -> App {
    let mut a = App::new("unix:///x.sock".into(), false, Theme { mono: true });
    a.set_now(NOW);
    a.update(Msg::Connected(EngineInfo {
        kind: "docker".into(),
        version: "28.5.2".into(),
        api_version: "1.49".into(),
        uri: "unix:///x.sock".into(),
    }));
    a.update(Msg::Containers((0..n).map(container).collect()));
    a
}

fn selected(a: &App) -> String {
    a.selected_container()
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

#[test]
fn moving_through_a_long_list() {
    let mut a = app(60);
    let page = draw_as_the_loop_does(&mut a, 80, 24);
    assert!(page > 3 && page < 60, "a page of {page} rows");
    let at = |i: usize| format!("svc-{i:03}");
    assert_eq!(selected(&a), at(0));
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Down);
    assert_eq!(selected(&a), at(2));
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(selected(&a), at(1));
    key(&mut a, KeyCode::PageDown);
    assert_eq!(selected(&a), at(1 + page));
    a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('d'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(selected(&a), at(1 + 2 * page));
    a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(selected(&a), at(1 + page));
    key(&mut a, KeyCode::PageUp);
    assert_eq!(selected(&a), at(1));
    key(&mut a, KeyCode::Char('G'));
    assert_eq!(selected(&a), at(59));
    key(&mut a, KeyCode::PageDown);
    assert_eq!(selected(&a), at(59), "no further than the last");
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(selected(&a), at(0));
    key(&mut a, KeyCode::PageUp);
    assert_eq!(selected(&a), at(0), "no further than the first");
}

#[test]
fn follow_on_and_off_in_the_logs() {
    let mut a = app(1);
    key(&mut a, KeyCode::Enter); // a container opens on its Doctor
    let logs = owner(&key(&mut a, KeyCode::Tab));
    deliver(
        &mut a,
        logs,
        docktor::tui::panes::logs::job::Lines(vec![docktor::engine::logs::LogLine::new(
            docktor::engine::logs::LogStream::Stdout,
            "ready",
        )]),
    );
    assert!(screen(&a, 80, 24).contains("[follow]"));
    key(&mut a, KeyCode::Char('f'));
    let s = screen(&a, 80, 24);
    assert!(s.contains("[paused]") && !s.contains("[follow]"), "{s}");
    key(&mut a, KeyCode::Char('f'));
    assert!(screen(&a, 80, 24).contains("[follow]"));
}

/// The files panel (right half) of a 120-column screen.
fn files(a: &App) -> String {
    screen(a, 120, 32)
        .lines()
        .map(|l| l.chars().skip(60).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn the_layers_keys() {
    use docktor::layers::{Control, analyze_archive};
    let archive =
        common::archives::legacy(&common::archives::sample_layers(), "shop/web:1", true, None);
    let f = common::archives::write_tmp(&archive);
    let an = analyze_archive(f.path(), None, &Control::new())
        .await
        .expect("archive analysis");
    let mut a = app(1);
    key(&mut a, KeyCode::Enter); // the Doctor, then the Logs
    key(&mut a, KeyCode::Tab);
    let layers = owner(&key(&mut a, KeyCode::Tab));
    deliver(
        &mut a,
        layers,
        docktor::tui::panes::layers::job::Analysed(Ok((std::sync::Arc::new(an), Vec::new()))),
    );
    let s = files(&a);
    assert!(s.contains("Files · layer 0 · changes · by size"), "{s}");
    assert!(s.contains("opt/") && s.contains("blob"), "{s}");
    // l: the files have the focus; Space folds the selected directory (opt/, the first).
    key(&mut a, KeyCode::Char('l'));
    key(&mut a, KeyCode::Char(' '));
    let s = files(&a);
    assert!(s.contains("opt/") && !s.contains("blob"), "folded:\n{s}");
    key(&mut a, KeyCode::Char(' '));
    assert!(files(&a).contains("blob"), "unfolded");
    // o: by name (d/ before opt/); a: the whole filesystem.
    key(&mut a, KeyCode::Char('o'));
    let s = files(&a);
    assert!(s.contains("· by name"), "{s}");
    let (d, opt) = (s.find("d/").expect("d/"), s.find("opt/").expect("opt/"));
    assert!(d < opt, "d/ first by name:\n{s}");
    key(&mut a, KeyCode::Char('a'));
    assert!(files(&a).contains("· whole filesystem ·"), "{}", files(&a));
    key(&mut a, KeyCode::Char('a'));
    // /: the file filter keeps the matching paths (and their parents).
    key(&mut a, KeyCode::Char('/'));
    for c in "blob".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    let s = files(&a);
    assert!(s.contains("blob") && !s.contains("keep"), "filtered:\n{s}");
    // h: back to the layer list, where j selects the next layer.
    key(&mut a, KeyCode::Char('h'));
    key(&mut a, KeyCode::Char('j'));
    assert!(files(&a).contains("Files · layer 1 ·"), "{}", files(&a));
    key(&mut a, KeyCode::Left);
    key(&mut a, KeyCode::Char('j'));
    assert!(files(&a).contains("Files · layer 2 ·"), "{}", files(&a));
}

fn image_row(id: &str, tag: &str, size: u64, age: i64) -> docktor::layers::ImageRow {
    docktor::layers::ImageRow {
        id: format!("sha256:{id:0<64}"),
        tags: vec![tag.to_string()],
        size_bytes: size,
        created: NOW - age,
        dangling: false,
    }
}

/// The images' names top to bottom.
fn order(a: &App) -> Vec<&'static str> {
    let s = screen(a, 100, 14);
    let mut seen: Vec<(usize, &'static str)> = ["big:1", "old:1", "new:1"]
        .into_iter()
        .filter_map(|n| s.find(&format!("shop/{n}")).map(|at| (at, n)))
        .collect();
    seen.sort();
    seen.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn the_images_view_sorts_filters_and_opens() {
    let mut a = app(1);
    let images = owner(&key(&mut a, KeyCode::Char('i')));
    deliver(
        &mut a,
        images,
        docktor::tui::panes::images::Listed(Ok(vec![
            image_row("aa", "shop/new:1", 10_000_000, 60),
            image_row("bb", "shop/big:1", 900_000_000, 3_600),
            image_row("cc", "shop/old:1", 50_000_000, 86_400 * 30),
        ])),
    );
    assert!(screen(&a, 100, 14).contains("· by size"));
    assert_eq!(order(&a), ["big:1", "old:1", "new:1"]);
    key(&mut a, KeyCode::Char('o'));
    assert!(screen(&a, 100, 14).contains("· by age"));
    assert_eq!(order(&a), ["new:1", "big:1", "old:1"], "newest first");
    key(&mut a, KeyCode::Char('o'));
    assert!(screen(&a, 100, 14).contains("· by name"));
    assert_eq!(order(&a), ["big:1", "new:1", "old:1"]);
    key(&mut a, KeyCode::Char('/'));
    for c in "old".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(order(&a), ["old:1"]);
    // Enter opens the selected image's layers.
    let fx = key(&mut a, KeyCode::Enter);
    assert_eq!(a.location(), Location::Screen("Layers".into()));
    assert!(!fx.is_empty(), "the analysis starts");
    // Esc first cancels the running analysis, then goes back.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.location(), Location::Screen("Layers".into()));
    assert!(screen(&a, 100, 14).contains("cancelled"));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.location(), Location::Screen("Images".into()));
}
