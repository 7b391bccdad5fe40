//! `docktor check` as a user runs it, on the real daemon: exit codes 0/1/2, every format
//! (the JSON shape the README documents, SARIF 2.1.0's shape, Markdown for a pull request),
//! `.docktorignore` suppressions with their reasons and a bad line named. Each test runs in a
//! directory of its own whose docktor.toml names no base image (no registry is reachable
//! here). Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod doctor_kit;

use std::path::Path;
use std::process::{Command, Output};

use doctor_kit::Made;
use serde_json::Value;

fn workdir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("docktor.toml"),
        "[build]\nbase_image = \"\"\n",
    )
    .unwrap();
    d
}

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env("DOCKER_HOST", format!("unix://{}", common::docker_socket()))
        .output()
        .unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

async fn ready() -> bool {
    common::engine().await.is_some() && doctor_kit::image().is_some()
}

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
async fn json_lists_findings_and_every_checks_verdict() {
    if !ready().await {
        return;
    }
    let dir = workdir();
    let c = Made::new("cli-json", false, &["--entrypoint", "/app/broken/start.sh"]);
    let v = json(&check(dir.path(), &[&c.name, "--format", "json"]));
    assert_eq!(v["subject"]["kind"], "container");
    assert_eq!(v["subject"]["name"], c.name.as_str());
    assert_eq!(
        (v["failed"].as_bool(), v["exit_code"].as_i64()),
        (Some(true), Some(1))
    );
    let f = v["findings"].as_array().unwrap();
    let start = f
        .iter()
        .find(|f| f["id"] == "runtime.start-script")
        .expect("the finding");
    for k in [
        "id",
        "severity",
        "section",
        "section_id",
        "group",
        "title",
        "evidence",
        "fix",
        "paths",
    ] {
        assert!(start.get(k).is_some(), "findings[] has {k}: {start}");
    }
    assert_eq!(start["severity"], "error");
    assert_eq!(start["section"], "File Structure in Container");
    assert_eq!(start["paths"][0], "/app/broken/start.sh");
    let checks = v["checks"].as_array().unwrap();
    assert_eq!(
        checks.len(),
        docktor::diagnose::RULES.len(),
        "every rule's verdict"
    );
    let by = |id: &str| checks.iter().find(|c| c["id"] == id).unwrap().clone();
    assert_eq!(by("runtime.non-root-user")["status"], "pass");
    assert_eq!(by("context.secrets")["status"], "not-applicable");
    let unknown = by("runtime.gunicorn-workers");
    assert_eq!(unknown["status"], "unknown");
    assert_eq!(unknown["fact"], "processes");
    assert!(unknown["why"].as_str().unwrap().contains("is not running"));
    let facts = v["facts"].as_array().unwrap();
    assert!(
        facts
            .iter()
            .any(|f| f["fact"] == "layers" && f["status"] == "ready")
    );
    assert!(
        facts
            .iter()
            .any(|f| f["fact"] == "processes" && f["status"] == "unavailable")
    );
}

#[tokio::test]
async fn sarif_has_the_shape_code_scanning_reads() {
    if !ready().await {
        return;
    }
    let dir = workdir();
    let c = Made::new(
        "cli-sarif",
        false,
        &["--entrypoint", "/app/broken/start.sh", "--user", "0"],
    );
    let v = json(&check(dir.path(), &[&c.name, "--format", "sarif"]));
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "docktor");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), docktor::diagnose::RULES.len());
    for r in rules {
        assert!(r["id"].is_string() && r["help"]["text"].is_string(), "{r}");
        assert!(r["shortDescription"]["text"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    let by = |id: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == id)
            .unwrap_or_else(|| panic!("{id}: {results:?}"))
    };
    let start = by("runtime.start-script");
    assert_eq!(start["level"], "error");
    assert!(start["message"]["text"].as_str().unwrap().contains("Fix:"));
    let loc = &start["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        (loc["uri"].as_str(), loc["uriBaseId"].as_str()),
        (Some("app/broken/start.sh"), Some("ROOTFS"))
    );
    let root = by("runtime.non-root-user");
    assert_eq!(root["level"], "warning");
    assert_eq!(
        root["locations"][0]["logicalLocations"][0]["kind"],
        "container"
    );
    let idx = root["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "runtime.non-root-user");
    assert!(run["originalUriBaseIds"]["ROOTFS"]["uri"].is_string());
}

#[tokio::test]
async fn markdown_is_ready_for_a_pull_request() {
    if !ready().await {
        return;
    }
    let dir = workdir();
    let c = Made::new("cli-md", false, &["--entrypoint", "/app/broken/start.sh"]);
    let o = check(dir.path(), &[&c.name, "--format", "markdown"]);
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(md.starts_with("### ❌ docktor check: container "), "{md}");
    assert!(md.contains("| | Check | Section | Evidence |") && md.contains("#### Findings"));
    assert!(md.contains("- **error** `runtime.start-script`"), "{md}");
    assert!(
        md.contains("<details><summary>"),
        "not-applicable checks are folded: {md}"
    );
    assert_eq!(o.status.code(), Some(1));
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
