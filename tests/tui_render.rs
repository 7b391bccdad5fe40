//! Render tests: every screen drawn on a `TestBackend` at fixed sizes, compared with
//! snapshots. Time comes from `App::now`, so the snapshots never depend on the clock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

// keys pressed (tests/keys_covered.rs): [Layers] w b

use common::tui::{deliver, owner};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use docktor::engine::logs::{LogLine, LogStream};
use docktor::model::{Container, EngineInfo, Health, Port, State};
use docktor::tui::app::{App, Location};
use docktor::tui::msg::{Effect, Msg};
use docktor::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: i64 = 1_800_000_000;

fn container(name: &str, state: State, health: Health, started_ago: Option<i64>) -> Container {
    Container {
        id: format!(
            "{:0<64}",
            name.bytes().map(|b| format!("{b:02x}")).collect::<String>()
        ),
        name: name.into(),
        image: format!("shop/{name}:1.4"),
        image_id: "sha256:0123".into(),
        state,
        health,
        status: String::new(),
        created: NOW - 90_000,
        started_at: started_ago.map(|s| NOW - s),
        ports: if name == "web" {
            vec![Port {
                private: 8000,
                public: Some(8080),
                ip: None,
                proto: "tcp".into(),
            }]
        } else {
            vec![]
        },
        ..Default::default()
    }
}

fn app(read_only: bool) -> App {
    let mut a = App::new(
        "unix:///var/run/docker.sock".into(),
        read_only,
        Theme { mono: true },
    );
    a.set_now(NOW);
    a.update(Msg::Connected(EngineInfo {
        kind: "docker".into(),
        version: "20.10.24".into(),
        api_version: "1.41".into(),
        uri: "unix:///var/run/docker.sock".into(),
    }));
    a.update(Msg::Containers(vec![
        container("web", State::Running, Health::Healthy, Some(3 * 3600 + 120)),
        container("worker", State::Running, Health::Unhealthy, Some(300)),
        container("migrate", State::Exited, Health::None, None),
        container("cache", State::Running, Health::Starting, Some(4)),
    ]));
    a
}

fn key(a: &mut App, c: KeyCode) -> Vec<Effect> {
    a.update(Msg::Key(KeyEvent::new(c, KeyModifiers::NONE)))
}

fn render(a: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| {
        a.draw(f);
    })
    .expect("draw");
    format!("{}", t.backend())
}

#[test]
fn list_120x40() {
    insta::assert_snapshot!(render(&app(false), 120, 40));
}

#[test]
fn list_80x24_filtered() {
    let mut a = app(false);
    key(&mut a, KeyCode::Char('/'));
    for c in "wor".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    insta::assert_snapshot!(render(&a, 80, 24));
}

#[test]
fn read_only_hides_actions_and_says_so() {
    let mut a = app(true);
    key(&mut a, KeyCode::Char('S'));
    let screen = render(&a, 120, 12);
    assert!(screen.contains("[read-only]"));
    assert!(screen.contains("read-only mode"));
    assert!(
        !screen.contains("restart"),
        "hint bar must not offer actions:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn help_overlay() {
    let mut a = app(false);
    key(&mut a, KeyCode::Char('?'));
    insta::assert_snapshot!(render(&a, 100, 40));
}

#[test]
fn confirm_before_stop() {
    let mut a = app(false);
    key(&mut a, KeyCode::Char('S'));
    insta::assert_snapshot!(render(&a, 80, 24));
}

#[test]
fn logs_tab_with_search() {
    let mut a = app(false);
    key(&mut a, KeyCode::Enter); // the Doctor
    let logs = owner(&key(&mut a, KeyCode::Tab));
    assert!(matches!(a.location(), Location::Container { .. }));
    let lines = (1..=30)
        .map(|i| {
            if i % 3 == 0 {
                LogLine::new(LogStream::Stderr, format!("error: request {i} failed"))
            } else {
                LogLine::new(LogStream::Stdout, format!("GET /health/ 200 ({i})"))
            }
        })
        .collect();
    deliver(&mut a, logs, docktor::tui::panes::logs::job::Lines(lines));
    key(&mut a, KeyCode::Char('/'));
    for c in "failed".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!(render(&a, 80, 24));
}

#[test]
fn unreachable_engine_screen() {
    let mut a = App::new("tcp://127.0.0.1:1".into(), false, Theme { mono: true });
    a.update(Msg::Disconnected {
        uri: "tcp://127.0.0.1:1".into(),
        reason: "Connection refused (os error 111)\nNothing answered at 127.0.0.1:1: check that the daemon listens there.".into(),
    });
    insta::assert_snapshot!(render(&a, 80, 24));
}

#[test]
fn disconnected_keeps_the_list_and_says_retrying() {
    let mut a = app(false);
    a.update(Msg::Disconnected {
        uri: "unix:///var/run/docker.sock".into(),
        reason: "gone".into(),
    });
    let screen = render(&a, 120, 12);
    assert!(screen.contains("disconnected — retrying"), "{screen}");
    assert!(screen.contains("web"));
}

#[test]
fn help_fits_80x24() {
    let mut a = app(false);
    key(&mut a, KeyCode::Char('?'));
    let screen = render(&a, 80, 24);
    assert!(screen.contains("previous match"), "{screen}");
    assert!(screen.contains("keys 1/2 — PgDn more"), "{screen}");
    insta::assert_snapshot!(screen);
    // What does not fit goes on a second page, never cut; the pages wrap round.
    key(&mut a, KeyCode::PageDown);
    let second = render(&a, 80, 24);
    assert!(second.contains("keys 2/2"), "{second}");
    insta::assert_snapshot!("help_80x24_page_2", second);
    let every = format!("{screen}{second}");
    for section in docktor::tui::panes::key_sections() {
        for bd in section.bindings {
            // A column is 26 wide: a long description ends where its column does.
            let shown: String = bd.desc.chars().take(18).collect();
            assert!(
                every.contains(&shown),
                "{} of {} not in the help",
                bd.desc,
                section.title
            );
        }
    }
    key(&mut a, KeyCode::Char(' '));
    assert!(render(&a, 80, 24).contains("keys 1/2"), "wraps round");
    key(&mut a, KeyCode::Char('k'));
    assert!(render(&a, 80, 24).contains("keys 2/2"), "and back");
    key(&mut a, KeyCode::Esc);
    assert!(!render(&a, 80, 24).contains("keys "), "Esc closes");
    key(&mut a, KeyCode::Char('?'));
    assert!(
        render(&a, 80, 24).contains("keys 1/2"),
        "opens on the first page"
    );
}

/// The layers pane on an image read from an archive built in the test: deterministic.
async fn layers_app() -> App {
    use docktor::layers::{Control, analyze_archive};
    let archive = common::archives::legacy(
        &common::archives::sample_layers(),
        "shop/web:1.4",
        true,
        None,
    );
    let f = common::archives::write_tmp(&archive);
    let a = analyze_archive(f.path(), None, &Control::new())
        .await
        .expect("archive analysis");
    let findings = docktor::diagnose::advise_layers(
        std::sync::Arc::new(a.clone()),
        &docktor::profile::Profile::default(),
    );
    let mut app = app(false);
    key(&mut app, KeyCode::Enter); // the Doctor
    key(&mut app, KeyCode::Tab); // Logs
    let layers = owner(&key(&mut app, KeyCode::Tab));
    deliver(
        &mut app,
        layers,
        docktor::tui::panes::layers::job::Analysed(Ok((std::sync::Arc::new(a), findings))),
    );
    app
}

#[tokio::test]
async fn layers_tab_120x32() {
    let mut a = layers_app().await;
    let s = render(&a, 120, 32);
    assert!(s.contains("efficiency") && s.contains("wasted"), "{s}");
    insta::assert_snapshot!("layers_list_and_tree", s);
    // The file tree of the second layer, then the wasted files.
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Char('l'));
    insta::assert_snapshot!("layers_second_layer", render(&a, 120, 32));
    key(&mut a, KeyCode::Char('w'));
    let s = render(&a, 120, 32);
    assert!(s.contains("/opt/blob"), "{s}");
    insta::assert_snapshot!("layers_wasted", s);
    key(&mut a, KeyCode::Char('b'));
    let s = render(&a, 120, 32);
    assert!(
        s.contains("Largest files of layer 1") && s.contains("/opt/blob"),
        "{s}"
    );
}

#[tokio::test]
async fn layers_tab_80x24() {
    let a = layers_app().await;
    insta::assert_snapshot!(render(&a, 80, 24));
}

#[test]
fn layers_tab_while_analysing_says_so() {
    let mut a = app(false);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    let s = render(&a, 100, 20);
    assert!(
        s.contains("Esc cancels") || s.contains("reading the layer list"),
        "{s}"
    );
    // Esc cancels the running analysis and stays on the tab.
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.location(), Location::Container { .. }));
    let s = render(&a, 100, 20);
    assert!(s.contains("cancelled"), "{s}");
}

fn image_row(id: &str, tag: &str, size: u64, age: i64) -> docktor::layers::ImageRow {
    docktor::layers::ImageRow {
        id: format!("sha256:{id:0<64}"),
        tags: if tag.is_empty() {
            vec![]
        } else {
            vec![tag.to_string()]
        },
        size_bytes: size,
        created: NOW - age,
        dangling: tag.is_empty(),
    }
}

#[test]
fn images_view_sorted_by_size_with_marks() {
    let mut a = app(false);
    let images = owner(&key(&mut a, KeyCode::Char('i')));
    deliver(
        &mut a,
        images,
        docktor::tui::panes::images::Listed(Ok(vec![
            image_row("aa", "shop/web:1.4", 412_000_000, 3600),
            image_row("bb", "shop/web:1.3", 820_000_000, 86_400 * 3),
            image_row("cc", "", 95_000_000, 86_400 * 9),
        ])),
    );
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Char(' '));
    let s = render(&a, 100, 14);
    assert!(
        s.contains("<dangling>") && s.contains("[base]") && s.contains("[2]"),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[tokio::test]
async fn comparison_of_two_images() {
    use docktor::layers::{Control, ImageSummary, analyze_archive};
    let mut a = app(false);
    let mut results = Vec::new();
    for layers in [
        common::archives::sample_layers(),
        common::archives::sample_layers()[..1].to_vec(),
    ] {
        let archive = common::archives::legacy(&layers, "shop/web:1", true, None);
        let f = common::archives::write_tmp(&archive);
        let an = analyze_archive(f.path(), None, &Control::new())
            .await
            .expect("analysis");
        let findings = docktor::diagnose::advise_layers(
            std::sync::Arc::new(an.clone()),
            &docktor::profile::Profile::default(),
        );
        results.push((Box::new(ImageSummary::from_analysis(&an)), findings));
    }
    let fx = a.open_compare(
        vec!["one".into(), "two".into()],
        vec!["Original".into(), "Optimized".into()],
    );
    let cmp = owner(&fx);
    use docktor::tui::panes::compare::job::One;
    let first = results.remove(0);
    deliver(
        &mut a,
        cmp,
        One {
            slot: 0,
            result: Ok(first),
        },
    );
    let s = render(&a, 110, 16);
    assert!(s.contains("analysing 1/2"), "{s}");
    let second = results.remove(0);
    deliver(
        &mut a,
        cmp,
        One {
            slot: 1,
            result: Ok(second),
        },
    );
    let s = render(&a, 110, 16);
    assert!(s.contains("Baseline") && s.contains("Optimized"), "{s}");
    insta::assert_snapshot!(s);
}
