//! docktor on Podman (its Docker API service, rootful), where Podman answers otherwise than
//! Docker: health checks are read as on Docker, and a check that never runs — Podman runs
//! probes from systemd timers, and this machine has no systemd — is told from a slow start
//! (`health.never-probed`, with Podman's own fix), in `docktor health` and `docktor check`,
//! and the probes that fix runs are read back as Podman logs them;
//! the disk usage totals equal `podman system df` (Podman's `/system/df` says
//! `LayersSize: 0`). Skips without podman unless DOCKTOR_REQUIRE_ENGINES=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::engines::{self, podman};

const IMAGE: &str = "docktor-fixture/base:latest";

fn docktor(host: &str, args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .args(["-H", host])
        .args(args)
        .output()
        .unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_podman_never_runs_is_told_from_a_slow_start() {
    if !engines::ready("podman", podman::available()) || !common::fixtures() {
        return;
    }
    // One storage for every Podman test: counts are compared while no other test changes it.
    let _podman = common::lock::exclusive("podman");
    let mut service = podman::PodmanService::start();
    let image = service.load_image(IMAGE);
    let name = format!("pdh-{}", std::process::id());
    let started = Instant::now();
    service.run_with(
        &name,
        &[
            "--health-cmd",
            "wget -q -O- http://127.0.0.1:8000/health/ || exit 1",
            "--health-interval",
            "2s",
            "--health-timeout",
            "1s",
        ],
        &image,
        &["sleep", "1000"],
    );
    let host = format!("unix://{}", service.socket().display());

    // Just started: the first probe is not due yet.
    let v = json(&docktor(&host, &["health", &name, "--format", "json"]));
    assert_eq!(v["status"], "starting", "{v}");
    assert_eq!(v["config"]["kind"], "cmd-shell", "{v}");
    assert_eq!(
        v["config"]["command"], "wget -q -O- http://127.0.0.1:8000/health/ || exit 1",
        "{v}"
    );
    let ids = common::finding_ids(&v);
    assert!(!ids.contains(&"health.never-probed"), "{v}");

    // Due after 2 × 2 s + 1 s + 10 s: past it, with no probe, it is said (and not before).
    let never = |v: &serde_json::Value| {
        v["findings"]
            .as_array()
            .and_then(|a| a.iter().find(|f| f["id"] == "health.never-probed").cloned())
    };
    // Asked once a second (each ask is a docktor process): the condition, not a sleep.
    let deadline = Instant::now() + Duration::from_secs(40);
    let v = loop {
        let v = json(&docktor(&host, &["health", &name, "--format", "json"]));
        if never(&v).is_some() || Instant::now() >= deadline {
            break v;
        }
        std::thread::sleep(Duration::from_secs(1));
    };
    assert!(never(&v).is_some(), "no health.never-probed: {v}");
    assert!(
        started.elapsed() >= Duration::from_secs(15),
        "said before it was due: {v}"
    );
    assert_eq!(v["probes"].as_array().map(Vec::len), Some(0), "{v}");
    let f = never(&v).unwrap().clone();
    assert_eq!(f["severity"], "error");
    assert!(
        f["fix"]
            .as_str()
            .unwrap()
            .contains(&format!("podman healthcheck run {name}")),
        "{f}"
    );
    let o = docktor(&host, &["check", &name, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "an error finding: exit 1");
    let v = json(&o);
    let c = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "health.never-probed")
        .unwrap()
        .clone();
    assert_eq!(c["status"], "fail", "{c}");

    // The fix it gives works: probes run by hand are read back as Podman logs them, with
    // their times, exit codes and outputs, and their cause is told.
    for _ in 0..2 {
        let _ = Command::new("podman")
            .args(["healthcheck", "run", &name])
            .output()
            .unwrap();
    }
    let v = json(&docktor(&host, &["health", &name, "--format", "json"]));
    let probes = v["probes"].as_array().unwrap();
    assert_eq!(probes.len(), 2, "{v}");
    for p in probes {
        assert_eq!(
            (&p["exit_code"], &p["source"]),
            (&1.into(), &"daemon".into()),
            "{p}"
        );
        assert!(p["start"].as_str().unwrap().starts_with("20"), "{p}");
        assert!(p["duration_ms"].as_u64().is_some(), "{p}");
        assert!(
            p["output"].as_str().unwrap().contains("Connection refused"),
            "{p}"
        );
    }
    let ids = common::finding_ids(&v);
    assert!(ids.contains(&"health.connection-refused"), "{ids:?}");
    assert!(
        !ids.contains(&"health.never-probed"),
        "it has run now: {ids:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disk_usage_equals_podman_system_df() {
    if !engines::ready("podman", podman::available()) || !common::fixtures() {
        return;
    }
    // One storage for every Podman test: counts are compared while no other test changes it.
    let _podman = common::lock::exclusive("podman");
    let mut service = podman::PodmanService::start();
    let image = service.load_image(IMAGE);
    service.run(
        &format!("pdd-{}", std::process::id()),
        &image,
        &["sleep", "1000"],
    );
    let host = format!("unix://{}", service.socket().display());
    let v = json(&docktor(&host, &["cache", "--format", "json"]));
    let out = Command::new("podman")
        .args([
            "system",
            "df",
            "--format",
            "{{.Type}}|{{.Total}}|{{.Active}}|{{.RawSize}}|{{.RawReclaimable}}",
        ])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    for (kind, key) in [("Images", "images"), ("Containers", "containers")] {
        let row: Vec<u64> = table
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{kind}|")))
            .unwrap_or_else(|| panic!("no {kind} in {table}"))
            .split('|')
            .map(|n| n.parse().unwrap())
            .collect();
        let ours = &v[key];
        let got = [
            ours["count"].as_u64(),
            ours["active"].as_u64(),
            ours["size_bytes"].as_u64(),
            ours["reclaimable_bytes"].as_u64(),
        ];
        assert_eq!(
            got.map(Option::unwrap),
            [row[0], row[1], row[2], row[3]],
            "{kind}: {ours} vs {table}"
        );
        assert!(row[2] > 0 || kind == "Containers", "{table}");
    }
}
