//! Every key of every container tab pressed through the app, on a container whose results
//! have not arrived (no daemon): each key is taken by its tab (no panic, the tab stays or a
//! confirmation/overlay opens and Esc closes it), the screen still draws at 80x24. What each
//! key does with real data is tested where the data is (the tmux tests of each tab).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::tui::{key, screen};
use crossterm::event::KeyCode;
use docktor::model::{Container, EngineInfo, Health, State};
use docktor::tui::app::{App, Location};
use docktor::tui::msg::Msg;
use docktor::tui::theme::Theme;

// keys pressed (tests/keys_covered.rs): [Container list] o
// keys pressed (tests/keys_covered.rs): [Container tabs] L
// keys pressed (tests/keys_covered.rs): [Doctor] Enter f c
// keys pressed (tests/keys_covered.rs): [Logs tab] w t ←/h →/l
// keys pressed (tests/keys_covered.rs): [Health tab] p h J K
// keys pressed (tests/keys_covered.rs): [Files tab] Space v / ! o p
// keys pressed (tests/keys_covered.rs): [Env tab] v p
// keys pressed (tests/keys_covered.rs): [Build cache] p l d c o

const NOW: i64 = 1_800_000_000;

fn app() -> App {
    let mut a = App::new("unix:///x.sock".into(), false, Theme { mono: true });
    a.set_now(NOW);
    a.update(Msg::Connected(EngineInfo {
        kind: "docker".into(),
        version: "28.5.2".into(),
        api_version: "1.51".into(),
        uri: "unix:///x.sock".into(),
    }));
    a.update(Msg::Containers(vec![Container {
        id: format!("{:0>64}", 1),
        name: "web".into(),
        image: "shop/web:1".into(),
        image_id: "sha256:0123".into(),
        state: State::Running,
        health: Health::None,
        created: NOW - 100,
        started_at: Some(NOW - 50),
        ..Default::default()
    }]));
    a
}

fn tab_of(a: &App) -> Option<String> {
    match a.location() {
        Location::Container { tab, .. } => Some(tab),
        _ => None,
    }
}

/// Goes to `title` among the container's tabs.
fn go(a: &mut App, title: &str) {
    for _ in 0..10 {
        if tab_of(a).as_deref() == Some(title) {
            return;
        }
        key(a, KeyCode::Tab);
    }
    panic!("no tab {title}: at {:?}", a.location());
}

#[test]
fn the_list_sorts_and_the_tabs_show_labels() {
    let mut a = app();
    key(&mut a, KeyCode::Char('o'));
    assert!(screen(&a, 80, 24).contains("web"));
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('L'));
    // No labels: said on the status line, the tab stays.
    assert!(screen(&a, 80, 24).contains("Doctor │ Logs"));
    assert_eq!(tab_of(&a).as_deref(), Some("Doctor"));
}

#[test]
fn every_tab_takes_its_keys_before_its_data_arrives() {
    let tabs: [(&str, &[KeyCode]); 6] = [
        (
            "Doctor",
            &[KeyCode::Enter, KeyCode::Char('f'), KeyCode::Char('c')],
        ),
        (
            "Logs",
            &[
                KeyCode::Char('w'),
                KeyCode::Char('t'),
                KeyCode::Char('h'),
                KeyCode::Char('l'),
            ],
        ),
        (
            "Health",
            &[
                KeyCode::Char('p'),
                KeyCode::Char('h'),
                KeyCode::Char('J'),
                KeyCode::Char('K'),
            ],
        ),
        (
            "Files",
            &[
                KeyCode::Char(' '),
                KeyCode::Char('v'),
                KeyCode::Char('/'),
                KeyCode::Char('!'),
                KeyCode::Char('o'),
                KeyCode::Char('p'),
            ],
        ),
        ("Env", &[KeyCode::Char('v'), KeyCode::Char('p')]),
        (
            "Build cache",
            &[
                KeyCode::Char('p'),
                KeyCode::Char('l'),
                KeyCode::Char('d'),
                KeyCode::Char('c'),
                KeyCode::Char('o'),
            ],
        ),
    ];
    for (tab, keys) in tabs {
        let mut a = app();
        key(&mut a, KeyCode::Enter);
        go(&mut a, tab);
        for k in keys {
            key(&mut a, *k);
            let s = screen(&a, 80, 24);
            assert!(s.contains("Doctor │ Logs"), "{tab} after {k:?}:\n{s}");
            // A prompt, an overlay or another tab (Enter and f jump): back where we were.
            if tab_of(&a).as_deref() != Some(tab) {
                key(&mut a, KeyCode::Esc);
                if tab_of(&a).as_deref() != Some(tab) {
                    key(&mut a, KeyCode::Enter);
                    go(&mut a, tab);
                }
            }
            key(&mut a, KeyCode::Esc);
            if tab_of(&a).is_none() {
                key(&mut a, KeyCode::Enter);
            }
            go(&mut a, tab);
        }
    }
}
