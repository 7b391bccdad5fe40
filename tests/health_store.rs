//! The history store across processes: a writer killed with SIGKILL mid-stream leaves a
//! sound file (at most the probe in flight lost) that the next writer continues, and two
//! writer processes recording the same probes leave one row each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use docktor::health::Probe;
use docktor::health::store::{ContainerRef, EngineRef, Store};
use docktor::health::time::SECOND;

const STORE_VAR: &str = "DKT_HEALTH_STORE_CHILD";

/// Writes probe i = 0, 1, 2… (each its own transaction) for up to 60 s, or up to
/// `DKT_HEALTH_STORE_N` probes, when run by the tests below as a child process (with the
/// store's path in its environment); otherwise it does nothing.
#[test]
fn child_writer() {
    let Ok(path) = std::env::var(STORE_VAR) else {
        return;
    };
    let n: i64 = std::env::var("DKT_HEALTH_STORE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(i64::MAX);
    let mut s = Store::open(Path::new(&path)).unwrap();
    let e = s
        .engine(&EngineRef {
            key: "E".into(),
            uri: "unix:///x".into(),
            label: "x".into(),
        })
        .unwrap();
    let c = s
        .container(
            e,
            &ContainerRef {
                id: "c".into(),
                name: "web".into(),
                image: "web".into(),
            },
            0,
        )
        .unwrap();
    let until = Instant::now() + Duration::from_secs(60);
    let out = "x".repeat(4000);
    let mut i = 0;
    while i < n && Instant::now() < until {
        let p = Probe::daemon(i * SECOND, Some(i * SECOND + 1), i % 2, &out);
        s.add_probe(c, &p, i).unwrap();
        i += 1;
    }
}

fn child(path: &Path, n: Option<u32>) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "child_writer", "--nocapture"])
        .env(STORE_VAR, path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(n) = n {
        cmd.env("DKT_HEALTH_STORE_N", n.to_string());
    }
    cmd.spawn().unwrap()
}

fn count(path: &Path) -> i64 {
    Store::open_existing(path)
        .ok()
        .flatten()
        .and_then(|s| s.probe_count().ok())
        .unwrap_or(0)
}

#[test]
fn a_writer_killed_with_sigkill_leaves_a_sound_store() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("health.sqlite3");
    let mut last = 0;
    for round in 0..3 {
        let mut c = child(&path, None);
        let deadline = Instant::now() + Duration::from_secs(30);
        while count(&path) < last + 300 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        c.kill().unwrap(); // SIGKILL
        c.wait().unwrap();
        let s = Store::open_existing(&path).unwrap().unwrap();
        assert_eq!(s.integrity().unwrap(), "ok", "round {round}");
        let now = s.probe_count().unwrap();
        assert!(
            now >= last + 300,
            "round {round}: {now} probes after {last}"
        );
        // Every probe is whole: its output is all there.
        let row = s.row_of("E", "c").unwrap().unwrap();
        let r = s.recorded(row, 10).unwrap();
        assert!(
            r.probes
                .iter()
                .all(|p| p.output.as_deref().map(str::len) == Some(4000))
        );
        last = now;
    }
}

#[test]
fn two_writer_processes_leave_one_row_per_probe() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("health.sqlite3");
    let kids: Vec<Child> = (0..2).map(|_| child(&path, Some(400))).collect();
    for k in kids {
        let out = k.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a writer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(count(&path), 400);
    let s = Store::open_existing(&path).unwrap().unwrap();
    assert_eq!(s.containers().unwrap().len(), 1);
    assert_eq!(s.integrity().unwrap(), "ok");
}

/// A 256 KiB tmpfs of our own (root only; skipped otherwise), unmounted on drop.
struct Tiny(tempfile::TempDir);

impl Tiny {
    fn mount() -> Option<Tiny> {
        let d = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(d.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tiny(d))
    }
}

impl Drop for Tiny {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn a_full_disk_is_said_so_and_the_store_stays_sound() {
    let Some(tiny) = Tiny::mount() else {
        common::skip::skip("cannot mount a tmpfs (needs root)");
        return;
    };
    let path = tiny.0.path().join("health.sqlite3");
    let mut s = Store::open(&path).unwrap();
    let e = s
        .engine(&EngineRef {
            key: "E".into(),
            uri: "u".into(),
            label: "l".into(),
        })
        .unwrap();
    let c = s
        .container(
            e,
            &ContainerRef {
                id: "c".into(),
                name: "web".into(),
                image: "web".into(),
            },
            0,
        )
        .unwrap();
    let out = "x".repeat(4000);
    let mut err = None;
    let mut stored = 0;
    for i in 0..1000 {
        match s.add_probe(c, &Probe::daemon(i * SECOND, None, 1, &out), i) {
            Ok(_) => stored += 1,
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    let e = err.expect("the disk fills up");
    let msg = e.to_string();
    assert!(
        msg.contains("is full") && msg.contains("health.sqlite3"),
        "{msg}"
    );
    assert!(e.is_transient(), "a recorder goes on");
    drop(s);
    let s = Store::open_existing(&path).unwrap().unwrap();
    assert_eq!(s.integrity().unwrap(), "ok");
    assert!(stored > 0, "some probes fit");
    assert_eq!(
        s.probe_count().unwrap(),
        stored,
        "every probe written before is there"
    );
}
