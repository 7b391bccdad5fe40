//! The build context screen on its own: a context with a `.env` and a `.git` sent,
//! checked for real, shown at 80x24 and 120x40; scrolling, checking again, errors.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::{ContextCheck, ContextChecked, Walked, keys};
use crate::context::{self, Options};
use crate::diagnose::{self, Fact, Facts};
use crate::profile::Profile;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::Act;
use crate::tui::msg::describe;
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Handled, Pane, Subject};
use crate::tui::theme::Theme;

fn checked() -> ContextChecked {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    let write = |p: &str, body: &str| {
        let p = d.join(p);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(p, body).unwrap_or_else(|e| panic!("{e}"));
    };
    write("Dockerfile", "FROM scratch\nCOPY . /app\n");
    write(".env", "SECRET_KEY=hunter2\n");
    write(".git/HEAD", "ref: refs/heads/main\n");
    write("app/main.py", &"print('hi')\n".repeat(400));
    let mut report = context::check(d, &Options::default(), &AtomicBool::new(false), &|_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    report.dir = "/work/shop".into();
    let report = Arc::new(report);
    let facts = Facts::of_context(report.clone());
    let outcomes = diagnose::evaluate(&facts, &Profile::default(), |r| {
        diagnose::needs_only(r, &[Fact::Context])
    });
    let findings = diagnose::findings(&outcomes);
    ContextChecked(Ok(super::Checked {
        report,
        outcomes,
        findings,
    }))
}

fn ticket() -> Ticket {
    Ticket {
        owner: PaneId(3),
        seq: 1,
    }
}

fn pane(f: &Fixture) -> ContextCheck {
    let mut p = ContextCheck::new(PathBuf::from("/work/shop"), Options::default());
    assert_eq!(
        describe(&p.on_open(&Subject::Engine, &f.env())),
        ["job context /work/shop"]
    );
    p.on_done(ticket(), Box::new(Walked(1500)), &f.env());
    assert!(text(&p, 80, 24, true).contains("walking the context… 1500 entries"));
    p.on_done(ticket(), Box::new(checked()), &f.env());
    p
}

fn render(p: &ContextCheck, w: u16, h: u16, mono: bool) -> Terminal<TestBackend> {
    let mut f = Fixture::new(vec![]);
    f.theme = Theme { mono };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    term.draw(|fr| {
        p.draw(fr, fr.area(), &f.env());
    })
    .unwrap_or_else(|e| panic!("{e}"));
    term
}

fn text(p: &ContextCheck, w: u16, h: u16, mono: bool) -> String {
    format!("{:?}", render(p, w, h, mono).backend())
}

#[test]
fn context_screen_80x24() {
    let f = Fixture::new(vec![]);
    insta::assert_snapshot!(render(&pane(&f), 80, 24, true).backend());
}

#[test]
fn context_screen_120x40() {
    let f = Fixture::new(vec![]);
    insta::assert_snapshot!(render(&pane(&f), 120, 40, true).backend());
}

#[test]
fn scrolls_checks_again_and_says_why_it_could_not() {
    let f = Fixture::new(vec![]);
    let mut p = pane(&f);
    assert!(
        !p.needs_engine(),
        "no engine needed: the offline screen does not cover it"
    );
    let s = text(&p, 80, 24, true);
    assert!(s.contains("context.secrets"), "{s}");
    assert!(matches!(p.on_act(Act::Bottom, &f.env()), Handled::Yes(_)));
    assert!(p.scroll > 0);
    let bottom = text(&p, 80, 24, true);
    assert!(bottom.contains("Sensitive paths sent"), "{bottom}");
    p.on_act(Act::Top, &f.env());
    assert_eq!(p.scroll, 0);
    let Handled::Yes(fx) = p.on_act(keys::AGAIN, &f.env()) else {
        panic!("u checks again");
    };
    assert_eq!(describe(&fx), ["job context /work/shop"]);
    let Handled::Yes(fx) = p.on_act(keys::AGAIN, &f.env()) else {
        panic!("u while running");
    };
    assert_eq!(describe(&fx), ["flash the check is running"]);
    p.on_done(
        ticket(),
        Box::new(ContextChecked(Err("/work/shop: no such directory".into()))),
        &f.env(),
    );
    let term = render(&p, 80, 24, false);
    let s = format!("{:?}", term.backend());
    assert!(
        s.contains("The context could not be checked: /work/shop: no such directory"),
        "{s}"
    );
    assert_eq!(term.backend().buffer()[(1, 1)].fg, Color::Red);
}
