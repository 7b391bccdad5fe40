//! Health checks on Podman (its Docker API service, rootful): the check and its status are
//! read as on Docker, and a check that never runs — Podman runs probes from systemd timers,
//! and this machine has no systemd — is told from a slow start (`health.never-probed`, with
//! Podman's own fix), in `docktor health` and `docktor check`. Skips without podman unless
//! DOCKTOR_REQUIRE_ENGINES=1.
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
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(!ids.contains(&"health.never-probed"), "{v}");

    // Due after 2 × 2 s + 1 s + 10 s: past it, with no probe, it is said.
    let due = Duration::from_secs(16);
    if let Some(rest) = due.checked_sub(started.elapsed()) {
        std::thread::sleep(rest);
    }
    let v = json(&docktor(&host, &["health", &name, "--format", "json"]));
    assert_eq!(v["probes"].as_array().map(Vec::len), Some(0), "{v}");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "health.never-probed")
        .unwrap_or_else(|| panic!("no health.never-probed: {v}"))
        .clone();
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
}
