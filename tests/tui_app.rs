//! The app's update function: keys and messages in, state and effects out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

// keys pressed (tests/keys_covered.rs): [Container tabs] Tab/] [ Esc
// keys pressed (tests/keys_covered.rs): [Container list] a / Enter
// keys pressed (tests/keys_covered.rs): [Confirmation] y Enter other
// keys pressed (tests/keys_covered.rs): [Ctrl] C-c

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use docktor::model::{Container, Health, State};
use docktor::tui::app::{App, Conn, Location};
use docktor::tui::jobs::{PaneId, Ticket};
use docktor::tui::msg::{Effect, Msg, describe};
use docktor::tui::panes::layers::Layers;
use docktor::tui::panes::logs::Logs;
use docktor::tui::theme::Theme;

fn c(id: &str, name: &str, state: State) -> Container {
    Container {
        id: id.into(),
        name: name.into(),
        image: "img".into(),
        image_id: "sha256:0123".into(),
        state,
        health: Health::None,
        status: String::new(),
        created: 0,
        started_at: None,
        ports: vec![],
        ..Default::default()
    }
}

fn app(read_only: bool) -> App {
    let mut a = App::new("unix:///x.sock".into(), read_only, Theme { mono: true });
    a.update(Msg::Containers(vec![
        c("aaa1", "alpha", State::Running),
        c("bbb2", "beta", State::Exited),
        c("ccc3", "gamma", State::Running),
    ]));
    a
}

fn press(a: &mut App, code: KeyCode) -> Vec<Effect> {
    a.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// What the effects of a key do, as `describe` writes them.
fn did(a: &mut App, code: KeyCode) -> Vec<String> {
    describe(&press(a, code))
}

/// The pane a job of `fx` works for.
fn owner(fx: &[Effect]) -> PaneId {
    fx.iter()
        .find_map(|e| match e {
            Effect::Job { owner: Some(o), .. } => Some(*o),
            _ => None,
        })
        .expect("a job")
}

fn tab(a: &App) -> Option<(String, String)> {
    match a.location() {
        Location::Container { id, tab } => Some((id, tab)),
        _ => None,
    }
}

#[test]
fn selection_follows_the_container_across_refreshes() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(
        a.selected_container().map(|c| c.name.as_str()),
        Some("gamma")
    );
    // A new container sorts before gamma: the selection stays on gamma.
    a.update(Msg::Containers(vec![
        c("aaa1", "alpha", State::Running),
        c("ddd4", "delta", State::Running),
        c("ccc3", "gamma", State::Running),
    ]));
    assert_eq!(
        a.selected_container().map(|c| c.name.as_str()),
        Some("gamma")
    );
}

#[test]
fn stop_asks_first_and_only_y_confirms() {
    let mut a = app(false);
    assert!(press(&mut a, KeyCode::Char('S')).is_empty());
    assert_eq!(
        a.confirming().map(|c| c.title.as_str()),
        Some("Stop alpha?")
    );
    assert!(press(&mut a, KeyCode::Char('n')).is_empty());
    assert!(a.confirming().is_none());
    assert_eq!(a.flash(), Some(("stop cancelled", false)));
    press(&mut a, KeyCode::Char('S'));
    // Enter takes the default: no.
    assert!(press(&mut a, KeyCode::Enter).is_empty());
    press(&mut a, KeyCode::Char('S'));
    assert_eq!(did(&mut a, KeyCode::Char('y')), ["job stop aaa1"]);
}

#[test]
fn start_needs_no_confirmation() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(did(&mut a, KeyCode::Char('s')), ["job start bbb2"]);
    assert_eq!(a.flash(), Some(("start beta…", false)));
}

#[test]
fn start_on_a_running_container_says_already_running() {
    let mut a = app(false);
    assert!(press(&mut a, KeyCode::Char('s')).is_empty());
    assert_eq!(a.flash(), Some(("alpha is already running", true)));
    // And stop on a stopped one says it is not running, without asking.
    press(&mut a, KeyCode::Char('j'));
    assert!(press(&mut a, KeyCode::Char('S')).is_empty());
    assert!(a.confirming().is_none());
    assert_eq!(a.flash(), Some(("beta is not running", true)));
}

#[test]
fn read_only_refuses_every_action() {
    let mut a = app(true);
    for k in ['s', 'S', 'r', 'e'] {
        assert!(
            press(&mut a, KeyCode::Char(k)).is_empty(),
            "{k} must be refused"
        );
        assert!(a.confirming().is_none());
        assert!(
            a.flash()
                .is_some_and(|(m, err)| err && m.contains("read-only"))
        );
    }
}

#[test]
fn shell_only_in_running_containers() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('j'));
    assert!(press(&mut a, KeyCode::Char('e')).is_empty());
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(did(&mut a, KeyCode::Char('e')), ["shell aaa1"]);
}

#[test]
fn filter_narrows_and_esc_clears() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Char('g'));
    press(&mut a, KeyCode::Char('a'));
    assert_eq!(a.visible().len(), 1);
    press(&mut a, KeyCode::Enter);
    assert!(!a.typing());
    assert_eq!(a.visible().len(), 1);
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.visible().len(), 3);
}

#[test]
fn running_only_toggle() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('a'));
    assert_eq!(a.visible().len(), 2);
}

/// The Doctor's jobs for container `id`: one per gatherer, quick ones first.
fn doctor_jobs(id: &str) -> Vec<String> {
    [
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
    ]
    .iter()
    .map(|a| format!("job doctor {a} {id}"))
    .collect()
}

fn doctor_cancels(id: &str) -> Vec<String> {
    doctor_jobs(id)
        .iter()
        .map(|j| j.replacen("job", "cancel", 1))
        .collect()
}

#[test]
fn open_tabs_and_back() {
    let mut a = app(false);
    // A container opens on its Doctor tab, which starts every gatherer at once.
    assert_eq!(did(&mut a, KeyCode::Enter), doctor_jobs("aaa1"));
    assert_eq!(tab(&a), Some(("aaa1".into(), "Doctor".into())));
    // Leaving it cancels the gatherers still running.
    let mut want = doctor_cancels("aaa1");
    // The Logs learn the container's secrets first (the follower starts once they are known).
    want.push("job logs-secrets aaa1".into());
    assert_eq!(did(&mut a, KeyCode::Tab), want);
    assert_eq!(tab(&a), Some(("aaa1".into(), "Logs".into())));
    // Layers: the logs close and the image's analysis starts, once.
    assert_eq!(
        did(&mut a, KeyCode::Tab),
        [
            "cancel logs-secrets aaa1",
            "cancel logs aaa1",
            "job layers sha256:0123"
        ]
    );
    assert_eq!(tab(&a), Some(("aaa1".into(), "Layers".into())));
    // Health: it reads the container and its tools; leaving it cancels all its jobs.
    assert_eq!(
        did(&mut a, KeyCode::Tab),
        ["job health-load aaa1", "job health-tools aaa1"]
    );
    assert_eq!(
        did(&mut a, KeyCode::Char('[')),
        [
            "cancel health-load aaa1",
            "cancel health-tools aaa1",
            "cancel health-capture aaa1",
            "cancel health-probe aaa1",
            "cancel health-wake aaa1"
        ]
    );
    assert!(
        a.pane::<Layers>().and_then(|l| l.state()).is_some(),
        "the pane is kept, no second analysis"
    );
    assert_eq!(did(&mut a, KeyCode::Char('[')), ["job logs-secrets aaa1"]);
    assert_eq!(tab(&a), Some(("aaa1".into(), "Logs".into())));
    // Back on the Doctor: the gatherers it had not heard from start again.
    let mut want = vec![
        "cancel logs-secrets aaa1".to_string(),
        "cancel logs aaa1".to_string(),
    ];
    want.extend(doctor_jobs("aaa1"));
    assert_eq!(did(&mut a, KeyCode::Char('[')), want);
    // Back: every job of the container's tabs is cancelled.
    let fx = did(&mut a, KeyCode::Esc);
    assert!(fx.iter().all(|e| e.starts_with("cancel pane ")), "{fx:?}");
    assert_eq!(fx.len(), docktor::tui::panes::TABS.len());
    assert_eq!(a.location(), Location::List);
}

#[test]
fn doctor_is_the_first_tab_and_a_container_opens_on_it() {
    let mut a = app(false);
    press(&mut a, KeyCode::Enter);
    assert_eq!(tab(&a), Some(("aaa1".into(), "Doctor".into())));
    let fx = did(&mut a, KeyCode::BackTab);
    let mut want = doctor_cancels("aaa1");
    want.extend(["job build cache".into(), "job registries img".into()]);
    assert_eq!(fx, want);
    assert_eq!(tab(&a), Some(("aaa1".into(), "Build cache".into())));
}

#[test]
fn logs_of_another_container_are_ignored() {
    let mut a = app(false);
    press(&mut a, KeyCode::Enter);
    let first = owner(&press(&mut a, KeyCode::Tab));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('G'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Tab);
    // A batch for the logs of the first container, closed since, goes nowhere.
    let line = docktor::engine::logs::LogLine::new(docktor::engine::logs::LogStream::Stdout, "x");
    a.update(Msg::Done {
        ticket: Ticket {
            owner: first,
            seq: 1,
        },
        result: Box::new(docktor::tui::panes::logs::job::Lines(vec![line])),
    });
    let logs = a.pane::<Logs>().expect("the logs of gamma");
    assert!(logs.buffer().lines.is_empty());
}

#[test]
fn reconnect_reopens_logs() {
    let mut a = app(false);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Tab);
    a.update(Msg::Disconnected {
        uri: "u".into(),
        reason: "r".into(),
    });
    assert!(matches!(a.conn(), Conn::Down { .. }));
    let fx = a.update(Msg::Connected(docktor::model::EngineInfo {
        kind: "docker".into(),
        version: "1".into(),
        api_version: "1.41".into(),
        uri: "u".into(),
    }));
    // The secrets were never learnt (no engine answered): they are asked for again first.
    assert_eq!(describe(&fx), ["job logs-secrets aaa1"]);
}

#[test]
fn ctrl_c_and_q_quit() {
    let mut a = app(false);
    a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(a.quitting());
    let mut b = app(false);
    press(&mut b, KeyCode::Char('q'));
    assert!(b.quitting());
    // Ctrl-C also from the help and while typing a filter.
    let mut c = app(false);
    press(&mut c, KeyCode::Char('?'));
    c.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(c.quitting());
    let mut d = app(false);
    press(&mut d, KeyCode::Char('/'));
    d.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(d.quitting());
}
