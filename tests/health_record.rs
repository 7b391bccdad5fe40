//! `docktor record`, the real binary against real daemons: it records past the daemon's
//! ring of 5; a SIGKILL of the recorder leaves a sound store that the next one continues
//! with nothing the daemon still held missed; it says when its daemon goes away and comes
//! back (a private dockerd stopped and started under it) and takes what the daemon kept;
//! two recorders at once leave one row per probe; a container removed while followed is
//! marked so; `--context` repeated follows each engine under its own key; retention flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod health_kit;

use std::time::Duration;

use common::engines::{self, PrivateDaemon};
use docktor::health::Probe;
use docktor::health::store::{ContainerRef, EngineRef, Store};
use docktor::health::time::{SECOND, host_now};
use health_kit::recorder::{Recorder, assert_holds, assert_no_duplicates, stored};

const IMAGE: &str = "docktor-fixture/base:latest";

/// A container probing every second on `d`: output "probe N", failing every third.
fn prober(d: &PrivateDaemon, name: &str, restart: bool) {
    let cmd = r#"n=$(cat /tmp/n 2>/dev/null || echo 0); echo $((n+1)) >/tmp/n; echo "probe $n"; [ $((n % 3)) -ne 2 ]"#;
    let mut args = vec!["run", "-d", "--name", name, "--network", "none"];
    if restart {
        args.extend(["--restart", "always"]);
    }
    args.extend([
        "--health-cmd",
        cmd,
        "--health-interval",
        "1s",
        "--health-timeout",
        "2s",
        "--health-retries",
        "2",
        IMAGE,
        "sleep",
        "100000",
    ]);
    let out = d.docker(&args);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn daemon_log(d: &PrivateDaemon, name: &str) -> Vec<Probe> {
    let out = d.docker(&["inspect", name]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    health_kit::daemon_log(&v[0])
}

fn private(test: &str) -> Option<PrivateDaemon> {
    if !engines::ready(test, engines::netns_ready()) || !common::fixtures() {
        return None;
    }
    let d = PrivateDaemon::start(test, &[]);
    d.load_image(IMAGE);
    Some(d)
}

/// A store holding an old container's history: one probe 3 days old and 30 recent ones.
fn old_history(path: &std::path::Path) {
    let mut s = Store::open(path).unwrap();
    let e = s
        .engine(&EngineRef {
            key: "old-engine".into(),
            uri: "unix:///old.sock".into(),
            label: "old".into(),
        })
        .unwrap();
    let c = ContainerRef {
        id: "dkt-health-old-id".into(),
        name: "dkt-health-old".into(),
        image: "x".into(),
    };
    let c = s.container(e, &c, host_now()).unwrap();
    let now = host_now();
    let mut starts = vec![now - 3 * 86_400 * SECOND];
    starts.extend((1..=30).map(|i| now - i * 60 * SECOND));
    for t in starts {
        s.add_probe(c, &Probe::daemon(t, Some(t + 1), 0, "ok"), now)
            .unwrap();
    }
}

fn wait_stored(store: &std::path::Path, name: &str, n: usize, secs: u64) -> Vec<Probe> {
    let ok = common::wait_until(Duration::from_secs(secs), || stored(store, name).len() >= n);
    let got = stored(store, name);
    assert!(ok, "{name}: {} probes stored, {n} wanted", got.len());
    got
}

#[test]
fn record_survives_sigkill_a_daemon_restart_and_a_second_recorder() {
    let Some(mut d) = private("dkt-health-rec") else {
        return;
    };
    let name = "dkt-health-rec-probe";
    prober(&d, name, true);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("health.sqlite3");
    let host = d.host();
    let args = ["--host", host.as_str()];

    // Past the ring of 5.
    let r1 = Recorder::start(&store, &dir.path().join("r1.log"), &args, &[]);
    r1.wait_event("following", 1, 30);
    let got = wait_stored(&store, name, 9, 40);
    assert_holds(&got, &daemon_log(&d, name), "while recording");
    assert!(
        got.iter()
            .all(|p| p.output.as_deref().is_some_and(|o| o.starts_with("probe "))),
        "every probe's output was taken before the ring dropped it: {got:?}"
    );

    // SIGKILL: the store stays sound; probes of the gap are still in the daemon's ring.
    let mut r1 = r1;
    assert_eq!(r1.signal("-KILL"), None, "killed by the signal");
    std::thread::sleep(Duration::from_secs(3));
    let s = Store::open_existing(&store).unwrap().unwrap();
    assert_eq!(s.integrity().unwrap(), "ok");
    drop(s);
    let r2 = Recorder::start(&store, &dir.path().join("r2.log"), &args, &[]);
    r2.wait_event("following", 1, 30);
    // The daemon's ring first, then the store a moment later: a probe that ends between the
    // two reads is the recorder's next event, not a gap.
    let ring = daemon_log(&d, name);
    std::thread::sleep(Duration::from_millis(1500));
    let after_kill = stored(&store, name);
    assert_holds(&after_kill, &ring, "after the SIGKILL");
    assert_no_duplicates(&after_kill, "after the SIGKILL");

    // The daemon goes away under the recorder and comes back: it says so, and what the
    // daemon kept (the probes before the stop, the new run) is recorded.
    let before_stop = daemon_log(&d, name);
    d.stop();
    r2.wait_event("lost", 1, 30);
    d.start_again();
    r2.wait_event("reconnected", 1, 60);
    let n = stored(&store, name).len();
    let got = wait_stored(&store, name, n + 3, 40);
    assert_holds(
        &got,
        &before_stop,
        "the probes held across the daemon's restart",
    );
    assert_holds(&got, &daemon_log(&d, name), "after the restart");
    let s = Store::open_existing(&store).unwrap().unwrap();
    let c = s.find(None, name).unwrap().remove(0);
    let rec = s.recorded(c.row, 100_000).unwrap();
    assert!(
        rec.runs.len() >= 2,
        "the restart is a new run: {:?}",
        rec.runs
    );
    drop(s);

    // Two recorders at once on one store: one row per probe.
    let r3 = Recorder::start(&store, &dir.path().join("r3.log"), &args, &[]);
    r3.wait_event("following", 1, 30);
    let n = stored(&store, name).len();
    let both = wait_stored(&store, name, n + 6, 40);
    assert_no_duplicates(&both, "two recorders");
    assert_holds(&both, &daemon_log(&d, name), "two recorders");
    let lines = r2.lines();
    assert!(
        lines
            .iter()
            .any(|l| l["event"] == "probe" && l["container"] == name),
        "the recorder says the probes it writes: {lines:?}"
    );
}

#[test]
fn record_follows_several_contexts_marks_removed_containers_and_keeps_what_it_is_told() {
    let Some(d) = private("dkt-health-ctx") else {
        return;
    };
    let name = "dkt-health-ctx-probe";
    prober(&d, name, false);
    let gone = "dkt-health-ctx-gone";
    prober(&d, gone, false);
    // Two contexts: the private daemon and the shared one (whose dfx-health fixtures probe).
    assert!(health_kit::fixtures());
    let cfg = tempfile::tempdir().unwrap();
    let config = cfg.path().to_str().unwrap();
    let docker = |args: &[&str]| {
        let out = std::process::Command::new(common::docker_cli_path())
            .arg("--config")
            .arg(config)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    docker(&[
        "context",
        "create",
        "priv",
        "--docker",
        &format!("host={}", d.host()),
    ]);
    let shared = format!("host=unix://{}", common::docker_socket());
    docker(&["context", "create", "shared", "--docker", &shared]);
    docker(&["context", "create", "again", "--docker", &shared]);

    // An old store: a probe 3 days old and 30 of the private container's, which the
    // retention flags drop when the recorder starts.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("health.sqlite3");
    old_history(&store);
    let env = [("DOCKER_CONFIG", config)];
    let ctx = [
        "--context",
        "priv",
        "--context",
        "shared",
        "--context",
        "again",
        "--keep-days",
        "2",
        "--keep-probes",
        "20",
    ];
    let r = Recorder::start(&store, &dir.path().join("r.log"), &ctx, &env);
    r.wait_event("following", 2, 40);
    let started = &r.lines()[0];
    assert_eq!(
        started["engines"].as_array().map(Vec::len),
        Some(2),
        "two contexts naming one daemon are followed once: {started}"
    );
    wait_stored(&store, name, 6, 30);
    wait_stored(&store, "dfx-health-unhealthy", 6, 30);
    let kept = stored(&store, "dkt-health-old");
    assert_eq!(kept.len(), 20, "--keep-probes 20");
    let two_days = 2 * 86_400 * SECOND;
    assert!(
        kept.iter().all(|p| host_now() - p.start < two_days),
        "--keep-days 2"
    );
    let s = Store::open_existing(&store).unwrap().unwrap();
    let keys: std::collections::BTreeSet<String> = s
        .containers()
        .unwrap()
        .into_iter()
        .map(|c| c.engine_key)
        .filter(|k| k != "old-engine")
        .collect();
    assert_eq!(keys.len(), 2, "one key per engine: {keys:?}");
    assert!(keys.iter().any(|k| k.ends_with(&d.host())), "{keys:?}");
    drop(s);

    // Removed while followed: marked, and recording goes on.
    wait_stored(&store, gone, 3, 30);
    let rm = d.docker(&["rm", "-f", gone]);
    assert!(rm.status.success());
    let marked = common::wait_until(Duration::from_secs(20), || {
        Store::open_existing(&store)
            .ok()
            .flatten()
            .and_then(|s| s.find(None, gone).ok())
            .is_some_and(|c| c.first().is_some_and(|c| c.removed_at.is_some()))
    });
    assert!(marked, "{gone} is marked removed");
    let n = stored(&store, name).len();
    wait_stored(&store, name, n + 2, 20);
    let mut r = r;
    assert!(r.running(), "the recorder goes on: {:?}", r.lines());
    assert_eq!(r.signal("-TERM"), Some(0), "SIGTERM stops it cleanly");
    assert!(r.count("stopped") == 1, "{:?}", r.lines());
}
