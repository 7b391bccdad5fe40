//! The Logs pane on its own: it learns the container's secrets, then follows while it is on
//! screen; search; secrets masked until `v`, with "REVEALED" in the title meanwhile.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Logs, job, keys};
use crate::engine::logs::{LogLine, LogStream};
use crate::envcheck::Masker;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::Act;
use crate::tui::msg::describe;
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Handled, Notice, Pane, Subject};

const T: Ticket = Ticket {
    owner: PaneId(2),
    seq: 1,
};

fn typed(l: &mut Logs, f: &Fixture, code: KeyCode) -> Vec<String> {
    describe(&l.on_typed(&KeyEvent::new(code, KeyModifiers::NONE), &f.env()))
}

fn learnt(secret: &str) -> Box<job::Learnt> {
    let mut m = Masker::default();
    m.learn([("SECRET_KEY", secret)]);
    Box::new(job::Learnt(m, None))
}

#[test]
fn learns_the_secrets_then_follows_while_on_screen() {
    let f = Fixture::new(vec![]);
    let mut l = Logs::new();
    let open = l.on_open(&Subject::Container("abc".into()), &f.env());
    assert_eq!(describe(&open), ["job logs-secrets abc"]);
    assert_eq!(
        describe(&l.on_done(T, learnt("Pl4nted-key-1"), &f.env())),
        ["job logs abc"]
    );
    assert_eq!(
        describe(&l.on_leave()),
        ["cancel logs-secrets abc", "cancel logs abc"]
    );
    assert!(l.on_notice(Notice::Reconnected, &f.env()).is_empty());
    // Learnt once: coming back follows at once.
    let open = l.on_open(&Subject::Container("abc".into()), &f.env());
    assert_eq!(describe(&open), ["job logs abc"]);
    assert_eq!(
        describe(&l.on_notice(Notice::Reconnected, &f.env())),
        ["job logs abc"]
    );
}

#[test]
fn secrets_not_read_are_asked_for_again_when_the_engine_is_back() {
    let f = Fixture::new(vec![]);
    let mut l = Logs::new();
    l.on_open(&Subject::Container("abc".into()), &f.env());
    let failed = Box::new(job::Learnt(Masker::default(), Some("not connected".into())));
    let fx = describe(&l.on_done(T, failed, &f.env()));
    assert_eq!(fx.len(), 2, "{fx:?}");
    assert!(fx[0].contains("only secret KEY=value pairs and URL passwords are masked"));
    assert_eq!(
        fx[1], "job logs abc",
        "the logs follow meanwhile, masked by patterns"
    );
    assert_eq!(
        describe(&l.on_notice(Notice::Reconnected, &f.env())),
        ["job logs-secrets abc"],
        "the environment is read again before following"
    );
    l.on_done(T, learnt("Pl4nted-key-2"), &f.env());
    assert_eq!(
        describe(&l.on_notice(Notice::Reconnected, &f.env())),
        ["job logs abc"]
    );
}

#[test]
fn lines_then_the_end_and_a_search() {
    let f = Fixture::new(vec![]);
    let mut l = Logs::new();
    l.on_open(&Subject::Container("abc".into()), &f.env());
    let line = |t: &str| LogLine::new(LogStream::Stdout, t);
    l.on_done(
        T,
        Box::new(job::Lines(vec![line("one"), line("two")])),
        &f.env(),
    );
    l.on_done(T, Box::new(job::Ended("gone".into())), &f.env());
    assert_eq!(l.buffer().lines.len(), 2);
    assert_eq!(l.buffer().ended.as_deref(), Some("gone"));
    assert!(matches!(l.on_act(Act::Filter, &f.env()), Handled::Yes(_)));
    typed(&mut l, &f, KeyCode::Char('x'));
    assert_eq!(
        typed(&mut l, &f, KeyCode::Enter),
        ["flash no line matches 'x'"]
    );
    assert!(l.typing().is_none());
    l.on_act(Act::Filter, &f.env());
    typed(&mut l, &f, KeyCode::Char('w'));
    assert!(typed(&mut l, &f, KeyCode::Enter).is_empty());
    assert_eq!(l.buffer().current, Some(1));
    let Handled::Yes(fx) = l.on_act(keys::NEXT, &f.env()) else {
        panic!("n is the pane's");
    };
    assert!(fx.is_empty(), "the match wraps around to itself");
}

fn screen(l: &Logs, f: &Fixture) -> String {
    let mut t = Terminal::new(TestBackend::new(60, 6)).unwrap_or_else(|e| panic!("{e}"));
    t.draw(|fr| {
        l.draw(fr, fr.area(), &f.env());
    })
    .unwrap_or_else(|e| panic!("{e}"));
    format!("{}", t.backend())
}

#[test]
fn secrets_are_masked_until_v_and_the_title_says_when_they_show() {
    let f = Fixture::new(vec![]);
    let mut l = Logs::new();
    l.on_open(&Subject::Container("abc".into()), &f.env());
    let line = |t: &str| LogLine::new(LogStream::Stdout, t);
    let lines = vec![
        line("starting with key Pl4nted-key-1"),
        line("DATABASE_URL=postgres://app:Pl4nted-pw@db/app"),
        line("\x1b[32mready\x1b[0m"),
    ];
    l.on_done(T, Box::new(job::Lines(lines)), &f.env());
    // The secrets are learnt after the first lines: those are masked too.
    l.on_done(T, learnt("Pl4nted-key-1"), &f.env());
    let masked = screen(&l, &f);
    assert!(!masked.contains("Pl4nted"), "{masked}");
    insta::assert_snapshot!("logs_masked", masked);
    let Handled::Yes(fx) = l.on_act(keys::REVEAL, &f.env()) else {
        panic!("v is the pane's");
    };
    assert!(describe(&fx)[0].contains("REVEALED"));
    assert!(l.revealed());
    let shown = screen(&l, &f);
    assert!(
        shown.contains("Pl4nted-key-1") && shown.contains("REVEALED"),
        "{shown}"
    );
    insta::assert_snapshot!("logs_revealed", shown);
    l.on_act(keys::REVEAL, &f.env());
    assert!(!screen(&l, &f).contains("Pl4nted"));
}

#[test]
fn search_finds_only_what_shows() {
    let f = Fixture::new(vec![]);
    let mut l = Logs::new();
    l.on_open(&Subject::Container("abc".into()), &f.env());
    l.on_done(T, learnt("Pl4nted-key-1"), &f.env());
    let lines = vec![LogLine::new(LogStream::Stdout, "key Pl4nted-key-1")];
    l.on_done(T, Box::new(job::Lines(lines)), &f.env());
    l.on_act(Act::Filter, &f.env());
    for c in "pl4nted".chars() {
        typed(&mut l, &f, KeyCode::Char(c));
    }
    assert_eq!(
        typed(&mut l, &f, KeyCode::Enter),
        ["flash no line matches 'pl4nted'"]
    );
    l.on_act(keys::REVEAL, &f.env());
    let Handled::Yes(fx) = l.on_act(keys::NEXT, &f.env()) else {
        panic!("n is the pane's");
    };
    assert!(fx.is_empty(), "revealed, the value is found");
}
