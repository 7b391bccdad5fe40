//! `runtime.exited` on the real daemon: a container that exited is said so first, with its
//! exit code and the last lines it wrote; one its restart policy keeps bringing back is said
//! to crash-loop or keep stopping; a running one passes. `health.failing` does not judge a
//! stopped container (Docker keeps "unhealthy" there with no probe behind it). A container
//! without the profile's /app is named in why the files rules cannot tell.
//! Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod doctor_kit;

use std::time::Duration;

use common::gone;
use doctor_kit::{json, run_check, workdir};
use serde_json::Value;

/// `docktor check NAME --format json`: its exit code and report.
fn report(name: &str) -> (Option<i32>, Value) {
    let dir = workdir();
    let o = run_check(dir.path(), &[name, "--format", "json"]);
    (o.status.code(), json(&o))
}

/// A rule's entry of `checks[]`, and its finding's text (title, evidence, fix) if any.
fn rule(v: &Value, id: &str) -> (String, String) {
    let check = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}: {v}"));
    let found = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == id)
        .map(|f| {
            format!(
                "{} | {} | {} | {}",
                f["severity"], f["title"], f["evidence"], f["fix"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    (
        check["status"].as_str().unwrap_or_default().to_string(),
        found,
    )
}

fn inspect(name: &str, format: &str) -> String {
    common::docker_cli_ok(&["inspect", "-f", format, name])
}

#[tokio::test]
async fn an_exited_container_is_said_so_with_its_code_and_last_lines() {
    if common::engine().await.is_none() {
        return;
    }
    let name = format!("dkt-exited-{}", std::process::id());
    let script = "echo 'booting'; echo 'ModuleNotFoundError: No module named django' >&2; exit 3";
    let _gone = gone::started(
        &name,
        &[
            "--health-cmd",
            "true",
            "--health-interval",
            "1s",
            "--expose",
            "8000",
        ],
        &["sh", "-c", script],
    );
    let stopped = common::wait_until(Duration::from_secs(20), || {
        inspect(&name, "{{.State.Status}}") == "exited"
    });
    assert!(stopped, "{name} exits");
    let (code, v) = report(&name);
    assert_eq!(code, Some(1), "{v}");
    let (verdict, text) = rule(&v, "runtime.exited");
    assert_eq!(verdict, "fail", "{text}");
    assert!(text.contains("exited with code 3"), "{text}");
    assert!(
        text.contains("«ModuleNotFoundError: No module named django»"),
        "the last lines: {text}"
    );
    assert!(
        text.contains(&format!("docker logs --tail 50 {name}")),
        "{text}"
    );
    let (verdict, _) = rule(&v, "health.failing");
    assert_eq!(verdict, "not-applicable", "{v}");
    // `docktor health` says the status is the last one Docker kept.
    let o = std::process::Command::new(common::docktor_bin())
        .args(["health", &name, "--format", "json"])
        .env("DOCKER_HOST", format!("unix://{}", common::docker_socket()))
        .output()
        .unwrap();
    let h = json(&o);
    assert_eq!(h["running"], false, "{h}");
    let o = std::process::Command::new(common::docktor_bin())
        .args(["health", &name])
        .env("DOCKER_HOST", format!("unix://{}", common::docker_socket()))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("(not running: no probe runs"), "{text}");
}

#[tokio::test]
async fn a_crash_loop_and_a_running_container_are_told_apart() {
    if common::engine().await.is_none() {
        return;
    }
    let looping = format!("dkt-crashloop-{}", std::process::id());
    let _gone = gone::started(
        &looping,
        &["--restart", "always", "--expose", "8000"],
        &["sh", "-c", "echo 'fatal: port in use' >&2; sleep 1; exit 4"],
    );
    let restarted = common::wait_until(Duration::from_secs(30), || {
        inspect(&looping, "{{.RestartCount}}")
            .parse::<u32>()
            .is_ok_and(|n| n >= 2)
    });
    assert!(restarted, "{looping} is restarted by its policy");
    let (_, v) = report(&looping);
    let (verdict, text) = rule(&v, "runtime.exited");
    // Caught while it waits to be restarted (error) or while it runs again (warning).
    assert!(verdict == "fail" || verdict == "warn", "{verdict}: {text}");
    assert!(
        text.contains("crash-loops") || text.contains("It keeps stopping"),
        "{text}"
    );
    assert!(text.contains("restarted"), "{text}");
    assert!(text.contains("«fatal: port in use»"), "{text}");

    let running = format!("dkt-running-{}", std::process::id());
    let _up = gone::started(&running, &[], &["sleep", "600"]);
    let (_, v) = report(&running);
    let (verdict, text) = rule(&v, "runtime.exited");
    assert_eq!(verdict, "pass", "{text}");
    // The base image has no /app: the files rules cannot tell, and name the container.
    let owner = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "files.owner")
        .unwrap();
    assert_eq!(owner["status"], "unknown", "{owner}");
    let why = owner["why"].as_str().unwrap_or_default();
    assert!(
        why.contains(&format!("/app does not exist in container {running}")),
        "{why}"
    );
}
