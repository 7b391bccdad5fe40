//! `docktor record` as the tests run it: the real binary in the background, its JSON lines
//! read from a file, killed (SIGTERM, or SIGKILL on purpose) and waited for when dropped;
//! and what its store holds, read through docktor's own store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use docktor::health::Probe;
use docktor::health::history::MATCH_WINDOW;
use docktor::health::store::Store;
use serde_json::Value;

use crate::common;

pub struct Recorder {
    child: Option<Child>,
    log: PathBuf,
}

impl Recorder {
    /// `docktor record --store STORE --format json --verbose ARGS…`, its output in `log`.
    pub fn start(store: &Path, log: &Path, args: &[&str], env: &[(&str, &str)]) -> Recorder {
        let out = std::fs::File::create(log).expect("recorder log");
        let err = out.try_clone().expect("recorder log");
        let child = Command::new(common::docktor_bin())
            .arg("record")
            .arg("--store")
            .arg(store)
            .args(["--format", "json", "--verbose"])
            .args(args)
            .envs(env.iter().copied())
            .env_remove("DOCKER_HOST")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("start docktor record");
        Recorder {
            child: Some(child),
            log: log.to_path_buf(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// The JSON lines said so far (other lines are kept as strings).
    pub fn lines(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|_| Value::String(l.to_string())))
            .collect()
    }

    /// How many lines of `event` were said.
    pub fn count(&self, event: &str) -> usize {
        self.lines().iter().filter(|v| v["event"] == event).count()
    }

    /// Waits until `n` lines of `event` were said; panics with the log after `secs`.
    pub fn wait_event(&self, event: &str, n: usize, secs: u64) {
        let ok = common::wait_until(Duration::from_secs(secs), || self.count(event) >= n);
        assert!(
            ok,
            "docktor record did not say {n} × {event} in {secs} s:\n{}",
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    pub fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// Sends `signal` (`-KILL`, `-TERM`) and waits for the process; returns its exit code.
    pub fn signal(&mut self, signal: &str) -> Option<i32> {
        let mut c = self.child.take()?;
        let _ = Command::new("kill")
            .args([signal, &c.id().to_string()])
            .status();
        c.wait().ok().and_then(|s| s.code())
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The probes the store holds for the container named or ID'd `needle` (all engines).
pub fn stored(store: &Path, needle: &str) -> Vec<Probe> {
    let Ok(Some(s)) = Store::open_existing(store) else {
        return Vec::new();
    };
    let Some(c) = s.find(None, needle).ok().and_then(|f| f.into_iter().next()) else {
        return Vec::new();
    };
    s.recorded(c.row, 1_000_000)
        .map(|r| r.probes)
        .unwrap_or_default()
}

/// Panics when two stored probes are one probe twice (starts closer than the match window).
pub fn assert_no_duplicates(probes: &[Probe], what: &str) {
    for w in probes.windows(2) {
        assert!(
            w[1].start - w[0].start > MATCH_WINDOW,
            "{what}: one probe stored twice: {:?} / {:?}",
            w[0],
            w[1]
        );
    }
}

/// Panics unless every probe of `log` (the daemon's) is stored, with its output.
pub fn assert_holds(stored: &[Probe], log: &[Probe], what: &str) {
    for p in log {
        let found = stored.iter().find(|s| s.start == p.start);
        assert!(
            found.is_some_and(|s| s.output == p.output && s.exit_code == p.exit_code),
            "{what}: the daemon's probe {p:?} is not stored as it is; stored: {:?}",
            stored.iter().rev().take(8).collect::<Vec<_>>()
        );
    }
}
