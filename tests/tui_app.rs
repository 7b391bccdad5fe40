//! The app's update function: keys and messages in, state and effects out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use docktor::engine::containers::Action;
use docktor::model::{Container, Health, State};
use docktor::tui::app::{App, Conn, Effect, Msg, Overlay, Tab};
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
    assert!(matches!(
        a.overlay,
        Some(Overlay::Confirm {
            action: Action::Stop,
            ..
        })
    ));
    assert!(press(&mut a, KeyCode::Char('n')).is_empty());
    assert!(a.overlay.is_none());
    press(&mut a, KeyCode::Char('S'));
    assert_eq!(
        press(&mut a, KeyCode::Char('y')),
        vec![Effect::Act(Action::Stop, "aaa1".into())]
    );
}

#[test]
fn start_needs_no_confirmation() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(
        press(&mut a, KeyCode::Char('s')),
        vec![Effect::Act(Action::Start, "bbb2".into())]
    );
}

#[test]
fn read_only_refuses_every_action() {
    let mut a = app(true);
    for k in ['s', 'S', 'r', 'e'] {
        assert!(
            press(&mut a, KeyCode::Char(k)).is_empty(),
            "{k} must be refused"
        );
        assert!(a.overlay.is_none());
        assert!(
            a.flash
                .as_ref()
                .is_some_and(|(m, err)| *err && m.contains("read-only"))
        );
    }
}

#[test]
fn shell_only_in_running_containers() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('j'));
    assert!(press(&mut a, KeyCode::Char('e')).is_empty());
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(
        press(&mut a, KeyCode::Char('e')),
        vec![Effect::Shell("aaa1".into())]
    );
}

#[test]
fn filter_narrows_and_esc_clears() {
    let mut a = app(false);
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Char('g'));
    press(&mut a, KeyCode::Char('a'));
    assert_eq!(a.visible().len(), 1);
    press(&mut a, KeyCode::Enter);
    assert!(!a.filtering);
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

#[test]
fn open_tabs_and_back() {
    let mut a = app(false);
    assert_eq!(
        press(&mut a, KeyCode::Enter),
        vec![Effect::OpenLogs("aaa1".into())]
    );
    // Layers: the logs close and the image's analysis starts, once.
    assert_eq!(
        press(&mut a, KeyCode::Tab),
        vec![Effect::CloseLogs, Effect::Analyze("sha256:0123".into())]
    );
    assert_eq!(a.detail, Some(("aaa1".into(), Tab::Layers)));
    assert_eq!(press(&mut a, KeyCode::Tab), vec![]);
    assert_eq!(press(&mut a, KeyCode::Char('[')), vec![]);
    assert!(a.layers.is_some(), "the pane is kept, no second analysis");
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.detail, Some(("aaa1".into(), Tab::Logs)));
    assert_eq!(press(&mut a, KeyCode::Esc), vec![Effect::CloseLogs]);
    assert!(a.detail.is_none());
}

#[test]
fn logs_of_another_container_are_ignored() {
    let mut a = app(false);
    press(&mut a, KeyCode::Enter);
    a.update(Msg::Logs {
        id: "ccc3".into(),
        lines: vec![docktor::engine::logs::LogLine {
            stream: docktor::engine::logs::LogStream::Stdout,
            text: "x".into(),
        }],
    });
    assert!(a.logs.lines.is_empty());
}

#[test]
fn reconnect_reopens_logs() {
    let mut a = app(false);
    press(&mut a, KeyCode::Enter);
    a.update(Msg::Disconnected {
        uri: "u".into(),
        reason: "r".into(),
    });
    assert!(matches!(a.conn, Conn::Down { .. }));
    let fx = a.update(Msg::Connected(docktor::model::EngineInfo {
        kind: "docker".into(),
        version: "1".into(),
        api_version: "1.41".into(),
        uri: "u".into(),
    }));
    assert_eq!(fx, vec![Effect::OpenLogs("aaa1".into())]);
}

#[test]
fn ctrl_c_and_q_quit() {
    let mut a = app(false);
    a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(a.quit);
    let mut b = app(false);
    press(&mut b, KeyCode::Char('q'));
    assert!(b.quit);
    // Ctrl-C also from the help and while typing a filter.
    let mut c = app(false);
    press(&mut c, KeyCode::Char('?'));
    c.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(c.quit);
    let mut d = app(false);
    press(&mut d, KeyCode::Char('/'));
    d.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(d.quit);
}
