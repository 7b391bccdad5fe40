//! `docktor check` as a user runs it, on the real daemon: exit codes 0/1/2, `.docktorignore`
//! suppressions with their reasons and a bad line named, a build context without a target
//! (the formats: check_formats.rs). Each test runs in a directory of its own whose
//! docktor.toml names no base image (no registry is reachable here). Skips without a daemon
//! unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod doctor_kit;

use std::process::Command;

use doctor_kit::{Made, json, ready, run_check as check, workdir};

#[tokio::test]
async fn exit_codes_follow_fail_on() {
    if !ready().await {
        return;
    }
    let dir = workdir();
    let good = Made::new(
        "cli-good",
        true,
        &[
            "--cpus",
            "1",
            "--memory",
            "128m",
            "--restart",
            "unless-stopped",
        ],
    );
    let broken = Made::new(
        "cli-noexec",
        false,
        &["--entrypoint", "/app/broken/start.sh"],
    );
    let root = Made::new(
        "cli-root",
        true,
        &[
            "--user",
            "0",
            "--cpus",
            "1",
            "--memory",
            "64m",
            "--restart",
            "always",
        ],
    );
    let o = check(dir.path(), &[&good.name]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // An error finding (start.sh not executable) fails the default --fail-on error.
    let o = check(dir.path(), &[&broken.name]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("✘ fail") && text.contains("runtime.start-script"),
        "{text}"
    );
    assert!(
        text.contains("exit 1: a finding at or above --fail-on error"),
        "{text}"
    );
    // A warning (root) passes at error and fails at warn.
    assert_eq!(check(dir.path(), &[&root.name]).status.code(), Some(0));
    assert_eq!(
        check(dir.path(), &[&root.name, "--fail-on", "warn"])
            .status
            .code(),
        Some(1)
    );
    // Cannot run: no such target, a bad flag value, no engine.
    let o = check(dir.path(), &["dkt-doctor-no-such-thing"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no container or image named dkt-doctor-no-such-thing"),
        "{err}"
    );
    assert_eq!(
        check(dir.path(), &[&good.name, "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    let o = Command::new(common::docktor_bin())
        .args(["-H", "unix:///nonexistent/docker.sock", "check", "x"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/docker.sock"));
}

#[tokio::test]
async fn suppressed_findings_keep_their_reason_and_a_bad_line_is_named() {
    if !ready().await {
        return;
    }
    let dir = workdir();
    std::fs::write(
        dir.path().join(".docktorignore"),
        "# known\nruntime.start-script  the entrypoint is replaced at deploy time\nruntime.no-such-rule  typo\n",
    )
    .unwrap();
    let c = Made::new(
        "cli-ignore",
        false,
        &["--entrypoint", "/app/broken/start.sh"],
    );
    let o = check(dir.path(), &[&c.name, "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "suppressed, so nothing at error is left"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(".docktorignore:3: no rule has the id `runtime.no-such-rule`"),
        "{err}"
    );
    let v = json(&o);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"] != "runtime.start-script")
    );
    let s = &v["suppressed"][0];
    assert_eq!(s["id"], "runtime.start-script");
    assert_eq!(s["reason"], "the entrypoint is replaced at deploy time");
    assert_eq!(s["line"], 2);
    assert_eq!(v["counts"]["suppressed"], 1);
    // SARIF keeps it as a suppressed result; --ignore-file names another file.
    let sarif = json(&check(dir.path(), &[&c.name, "--format", "sarif"]));
    let r = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "runtime.start-script")
        .cloned()
        .unwrap();
    assert_eq!(r["suppressions"][0]["kind"], "external");
    assert!(
        r["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .contains("deploy time")
    );
    let o = check(dir.path(), &[&c.name, "--ignore-file", "missing.ignore"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.ignore"));
}

#[tokio::test]
async fn a_build_context_is_checked_without_a_target() {
    if common::engine().await.is_none() {
        return;
    }
    let dir = workdir();
    std::fs::write(dir.path().join(".env"), "SECRET_KEY=x\n").unwrap();
    std::fs::write(dir.path().join("Dockerfile"), "FROM scratch\nCOPY . /app\n").unwrap();
    let o = check(dir.path(), &["--format", "json"]);
    let v = json(&o);
    assert_eq!(v["subject"]["kind"], "context");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "context.secrets")
    );
    assert_eq!(o.status.code(), Some(1));
    let checks = v["checks"].as_array().unwrap();
    let runtime = checks
        .iter()
        .find(|c| c["id"] == "runtime.memory-limit")
        .unwrap();
    assert_eq!(runtime["status"], "not-applicable");
}
