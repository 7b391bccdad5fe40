//! `docktor check`'s formats on the real daemon: the JSON shape the README documents,
//! SARIF 2.1.0's shape as code scanning reads it, Markdown ready for a pull request. Each
//! test runs in a directory of its own whose docktor.toml names no base image. Skips without
//! a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod doctor_kit;

use doctor_kit::{Made, json, ready, run_check as check, workdir};

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
