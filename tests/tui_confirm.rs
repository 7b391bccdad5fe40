//! The general confirmation, asked for by a pane defined here (as a feature's pane would be,
//! without touching the app): title, preview, default No, effects on yes, one at a time,
//! refused in read-only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crossterm::event::KeyCode::Char as C;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use docktor::tui::app::App;
use docktor::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};
use docktor::tui::keys::{Act, KeySection, READ_ONLY, key as bind};
use docktor::tui::msg::{Effect, Msg, describe};
use docktor::tui::pane::{Env, Handled, Pane, Subject};
use docktor::tui::theme::Theme;
use docktor::tui::widgets::confirm::Confirm;
use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const PRUNE: Act = Act::Pane("prune");
const TWICE: Act = Act::Pane("twice");

static KEYS: KeySection = KeySection {
    title: "Prune test",
    bindings: &[
        bind(&[C('p')], "p", "prune", PRUNE).hint().changes(),
        bind(&[C('t')], "t", "ask twice", TWICE),
    ],
};

struct PruneJob;

impl Job for PruneJob {
    fn key(&self) -> JobKey {
        JobKey::new("prune", "cache")
    }

    fn run(self: Box<Self>, _ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async {})
    }
}

struct PrunePane;

fn ask(what: &str) -> Effect {
    Effect::Confirm(
        Confirm::new("prune", what)
            .preview(vec!["frees 1.2 GB: 14 build cache records".into()])
            .on_yes(vec![Effect::job(PruneJob)]),
    )
}

impl Pane for PrunePane {
    fn title(&self) -> &str {
        "Prune"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_act(&mut self, act: Act, _env: &Env) -> Handled {
        match act {
            PRUNE => Handled::Yes(vec![ask("the build cache")]),
            TWICE => Handled::Yes(vec![ask("first"), ask("second")]),
            _ => Handled::No,
        }
    }

    fn draw(&self, _f: &mut Frame, _area: Rect, _env: &Env) -> usize {
        1
    }
}

fn app(read_only: bool) -> App {
    let mut a = App::new("unix:///x.sock".into(), read_only, Theme { mono: true });
    a.open(Box::new(PrunePane), Subject::Engine);
    a
}

fn press(a: &mut App, c: KeyCode) -> Vec<String> {
    describe(&a.update(Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))))
}

fn render(a: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    t.draw(|f| {
        a.draw(f);
    })
    .expect("draw");
    format!("{}", t.backend())
}

#[test]
fn asks_with_a_preview_and_no_by_default() {
    let mut a = app(false);
    assert!(render(&a).contains("p prune"));
    assert!(press(&mut a, C('p')).is_empty());
    let s = render(&a);
    assert!(s.contains("Prune the build cache?"), "{s}");
    assert!(s.contains("frees 1.2 GB: 14 build cache records"), "{s}");
    assert!(s.contains("y yes   any other key no"), "{s}");
    assert!(press(&mut a, KeyCode::Enter).is_empty(), "Enter is no");
    assert_eq!(a.flash(), Some(("prune cancelled", false)));
    press(&mut a, C('p'));
    assert_eq!(press(&mut a, C('y')), ["job prune cache"]);
    assert!(a.confirming().is_none());
}

#[test]
fn several_requests_are_asked_one_after_the_other() {
    let mut a = app(false);
    press(&mut a, C('t'));
    assert_eq!(
        a.confirming().map(|c| c.title.as_str()),
        Some("Prune first?")
    );
    assert!(press(&mut a, C('n')).is_empty());
    assert_eq!(
        a.confirming().map(|c| c.title.as_str()),
        Some("Prune second?")
    );
    assert_eq!(press(&mut a, C('y')), ["job prune cache"]);
}

#[test]
fn read_only_refuses_and_hides_it() {
    let mut a = app(true);
    assert!(!render(&a).contains("p prune"), "hidden from the hints");
    assert!(press(&mut a, C('p')).is_empty());
    assert!(a.confirming().is_none());
    assert_eq!(a.flash(), Some((READ_ONLY, true)));
    // A confirmation asked through a key that does not say it changes things: refused too.
    press(&mut a, C('t'));
    assert!(a.confirming().is_none());
    assert_eq!(a.flash(), Some((READ_ONLY, true)));
}
