//! The Env pane on its own: it loads on open and cancels on leave, shows what the job read,
//! reveals only on `v` and says so, and keeps planted secrets off the screen otherwise.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{EnvTab, job, keys};
use crate::diagnose::Part;
use crate::envcheck::{EnvFacts, Masker};
use crate::profile::Profile;
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::msg::describe;
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Handled, Pane, Subject};

const T: Ticket = Ticket {
    owner: PaneId(3),
    seq: 1,
};

fn read() -> job::Read {
    let env = EnvFacts::new(
        &[
            "DB_HOST=db".into(),
            "DB_PASSWORD=Pl4nted-pw-value".into(),
            "DEBUG=True".into(),
            "SECRET_KEY=short".into(),
        ],
        Err("no image".into()),
        None,
        None,
    );
    let masker = env.masker(&Profile::default());
    job::Read {
        env,
        masker,
        findings: Vec::new(),
    }
}

fn screen(p: &EnvTab, f: &Fixture) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap_or_else(|e| panic!("{e}"));
    t.draw(|fr| {
        p.draw(fr, fr.area(), &f.env());
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let b = t.backend().buffer().clone();
    b.content.iter().map(|c| c.symbol()).collect()
}

#[test]
fn loads_on_open_and_cancels_on_leave() {
    let f = Fixture::new(vec![]);
    let mut p = EnvTab::new();
    assert_eq!(
        describe(&p.on_open(&Subject::Container("abc".into()), &f.env())),
        ["job env abc"]
    );
    assert_eq!(describe(&p.on_leave()), ["cancel env abc"]);
    assert!(screen(&p, &f).contains("reading the container's environment"));
}

#[test]
fn reveals_only_on_request_and_says_so() {
    let f = Fixture::new(vec![]);
    let mut p = EnvTab::new();
    p.on_open(&Subject::Container("abc".into()), &f.env());
    p.on_done(T, Box::new(read()), &f.env());
    let masked = screen(&p, &f);
    assert!(
        !masked.contains("Pl4nted") && masked.contains("***"),
        "{masked}"
    );
    assert!(masked.contains("masked (v reveals)"));
    let Handled::Yes(fx) = p.on_act(keys::REVEAL, &f.env()) else {
        panic!("v is the Env tab's")
    };
    assert!(describe(&fx)[0].contains("REVEALED"));
    assert!(p.revealed());
    let shown = screen(&p, &f);
    assert!(
        shown.contains("Pl4nted-pw-value") && shown.contains("REVEALED"),
        "{shown}"
    );
    p.on_act(keys::REVEAL, &f.env());
    assert!(!screen(&p, &f).contains("Pl4nted"));
}

#[test]
fn the_probe_result_and_failures_arrive() {
    let f = Fixture::new(vec![]);
    let mut p = EnvTab::new();
    p.on_open(&Subject::Container("abc".into()), &f.env());
    p.on_done(T, Box::new(read()), &f.env());
    p.on_done(
        T,
        Box::new(job::Probed {
            database: Part::Unavailable("--read-only: refused".into()),
            findings: vec![],
        }),
        &f.env(),
    );
    assert!(screen(&p, &f).contains("not checked — --read-only"));
    let Handled::Yes(fx) = p.on_act(keys::PROBE, &f.env()) else {
        panic!("p is the Env tab's")
    };
    assert_eq!(describe(&fx), ["job env abc"]);
    p.on_done(
        T,
        Box::new(job::Failed("No such container: abc".into())),
        &f.env(),
    );
    assert!(screen(&p, &f).contains("could not read the environment: No such container"));
    let _ = Masker::new(&Profile::default());
}
