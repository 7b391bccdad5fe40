//! The Logs pane on its own: its follower runs while it is on screen, search.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Logs, job, keys};
use crate::engine::logs::{LogLine, LogStream};
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

#[test]
fn follows_while_on_screen() {
    let f = Fixture::new(vec![]);
    let mut l = Logs::new();
    let open = l.on_open(&Subject::Container("abc".into()), &f.env());
    assert_eq!(describe(&open), ["job logs abc"]);
    assert_eq!(describe(&l.on_leave()), ["cancel logs abc"]);
    assert!(l.on_notice(Notice::Reconnected, &f.env()).is_empty());
    l.on_open(&Subject::Container("abc".into()), &f.env());
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
