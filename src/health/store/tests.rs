//! The store on real files: schema check, dedup, two writers, retention, bad files.

use std::path::PathBuf;

use super::*;
use crate::health::probe::{Probe, Source};
use crate::health::time::SECOND;
use crate::model::Health;

fn tmp() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let p = d.path().join("state/docktor/health.sqlite3");
    (d, p)
}

fn ok<T>(r: Result<T, StoreError>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn engine() -> EngineRef {
    EngineRef {
        key: "ENGINE-ID".into(),
        uri: "unix:///var/run/docker.sock".into(),
        label: "docker 20.10".into(),
    }
}

fn web() -> ContainerRef {
    ContainerRef {
        id: "c0ffee".repeat(10) + "abcd",
        name: "web".into(),
        image: "web:1".into(),
    }
}

fn row(s: &mut Store) -> i64 {
    let e = ok(s.engine(&engine()));
    ok(s.container(e, &web(), 1))
}

#[test]
fn a_new_store_is_made_with_its_directory_and_reopened() {
    let (_d, p) = tmp();
    let mut s = ok(Store::open(&p));
    let c = row(&mut s);
    assert!(ok(s.add_probe(
        c,
        &Probe::daemon(SECOND, Some(2 * SECOND), 1, "refused"),
        9
    )));
    ok(s.add_run(c, 0));
    ok(s.add_transition(c, 3 * SECOND, Health::Unhealthy));
    drop(s);
    let s = ok(Store::open_existing(&p)).unwrap_or_else(|| panic!("the store"));
    let found = ok(s.find(None, "web"));
    assert_eq!(found.len(), 1);
    assert_eq!(ok(s.find(Some("ENGINE-ID"), "c0f")).len(), 1);
    assert_eq!(ok(s.find(Some("other"), "web")).len(), 0);
    let r = ok(s.recorded(found[0].row, 100));
    assert_eq!(r.probes.len(), 1);
    assert_eq!(r.probes[0].source, Source::Recorded);
    assert_eq!(r.probes[0].output.as_deref(), Some("refused"));
    assert_eq!(r.runs, vec![0]);
    assert_eq!(r.transitions, vec![(3 * SECOND, Health::Unhealthy)]);
    assert_eq!(ok(s.integrity()), "ok");
}

#[test]
fn nothing_recorded_is_no_store() {
    let (_d, p) = tmp();
    assert!(ok(Store::open_existing(&p)).is_none());
}

#[test]
fn a_probe_is_stored_once_and_completed_later() {
    let (_d, p) = tmp();
    let mut s = ok(Store::open(&p));
    let c = row(&mut s);
    let events_only = Probe {
        start: 10 * SECOND + 30_000,
        end: Some(10 * SECOND + 90_000_000),
        exit_code: Some(1),
        output: None,
        source: Source::Captured,
    };
    assert!(ok(s.add_probe(c, &events_only, 1)));
    let daemon = Probe::daemon(10 * SECOND, Some(10 * SECOND + 91_000_000), 1, "refused");
    assert!(ok(s.add_probe(c, &daemon, 2)));
    assert!(!ok(s.add_probe(c, &daemon, 3)));
    assert!(
        !ok(s.add_probe(c, &events_only, 4)),
        "the daemon's copy is there"
    );
    let r = ok(s.recorded(c, 10));
    assert_eq!(r.probes.len(), 1, "{:?}", r.probes);
    assert_eq!(r.probes[0].start, 10 * SECOND);
}

#[test]
fn two_writers_on_one_store_leave_one_row_per_probe() {
    let (_d, p) = tmp();
    ok(Store::open(&p));
    let writers: Vec<_> = (0..2)
        .map(|_| {
            let p = p.clone();
            std::thread::spawn(move || {
                let mut s = ok(Store::open(&p));
                let c = row(&mut s);
                for i in 0..200 {
                    ok(s.add_probe(
                        c,
                        &Probe::daemon(i * SECOND, Some(i * SECOND + 1), i % 2, "x"),
                        i,
                    ));
                }
            })
        })
        .collect();
    for w in writers {
        assert!(w.join().is_ok(), "a writer failed");
    }
    let s = ok(Store::open(&p));
    assert_eq!(ok(s.probe_count()), 200);
    assert_eq!(ok(s.containers()).len(), 1);
}

#[test]
fn retention_keeps_the_newest_and_the_young() {
    let (_d, p) = tmp();
    let mut s = ok(Store::open(&p));
    let c = row(&mut s);
    for i in 0..50 {
        ok(s.add_probe(c, &Probe::daemon(i * SECOND, None, 0, ""), 0));
    }
    let keep = Retention {
        max_age: std::time::Duration::from_secs(40),
        max_probes: 20,
    };
    assert_eq!(ok(s.prune(keep, 60 * SECOND)), 30);
    let r = ok(s.recorded(c, 1000));
    assert_eq!(r.probes.len(), 20);
    assert_eq!(r.probes[0].start, 30 * SECOND);
    ok(s.mark_removed(c, 61 * SECOND));
    ok(s.prune(keep, 1000 * SECOND));
    assert!(ok(s.containers()).is_empty(), "removed and empty: gone");
}

#[test]
fn files_that_are_not_a_docktor_store_are_refused_and_kept() {
    let (d, _) = tmp();
    let junk = d.path().join("junk");
    std::fs::write(
        &junk,
        "not a database, just text that is long enough to have a header……",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&junk).unwrap_or_default();
    let e = Store::open(&junk)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("not a SQLite database") && e.contains("junk"),
        "{e}"
    );
    assert_eq!(
        std::fs::read(&junk).unwrap_or_default(),
        before,
        "left as it was"
    );

    let other = d.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("CREATE TABLE t (x); PRAGMA application_id = 7;")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    let e = Store::open(&other)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("another program"), "{e}");

    let newer = d.path().join("newer.db");
    drop(ok(Store::open(&newer)));
    let conn = rusqlite::Connection::open(&newer).unwrap_or_else(|e| panic!("{e}"));
    conn.pragma_update(None, "user_version", VERSION + 1)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(conn);
    let e = Store::open_existing(&newer)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("newer docktor") && e.contains("schema 2"), "{e}");
}

#[test]
fn an_unwritable_directory_is_said_so() {
    // A file where the directory should be fails for root too.
    let (d, _) = tmp();
    let blocker = d.path().join("state");
    std::fs::write(&blocker, "a file where the directory should be")
        .unwrap_or_else(|e| panic!("{e}"));
    let e = Store::open(&blocker.join("docktor/health.sqlite3"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("cannot write the history store") && e.contains("XDG_STATE_HOME"),
        "{e}"
    );
}
