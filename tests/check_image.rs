//! `docktor check IMAGE` reads what the image itself carries, on the real daemon, before
//! any container runs it. Its health check: a check that runs curl in an image that has only
//! wget fails `health.tool-missing` (and names wget), one that runs wget passes, and an image
//! without a check gets a HEALTHCHECK line for the tool it has; the probe rules do not apply.
//! Its environment: secrets set by ENV or shown by build arguments in its history fail the
//! baked rules (values masked); the rules about the app's running environment do not apply.
//! Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod doctor_kit;

use common::envfix::env_fixtures;

use doctor_kit::{json, ready, run_check as check, workdir};
use serde_json::Value;

/// An image built on the doctor fixture with `extra` Dockerfile lines, removed when dropped.
struct Built(String);

impl Built {
    fn new(what: &str, extra: &str) -> Built {
        let base = doctor_kit::image().expect("the fixture image");
        let tag = format!("dkt-health-image/{what}:{}", std::process::id());
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Dockerfile"),
            format!("FROM {base}\n{extra}\n"),
        )
        .unwrap();
        let ctx = dir.path().display().to_string();
        common::docker_cli_ok(&["build", "-q", "-t", &tag, &ctx]);
        Built(tag)
    }
}

impl Drop for Built {
    fn drop(&mut self) {
        let _ = common::docker_cli(&["rmi", "-f", &self.0]);
    }
}

/// The exit code and the JSON report of `docktor check TAG`.
fn report(tag: &str) -> (Option<i32>, Value) {
    let dir = workdir();
    let o = check(dir.path(), &[tag, "--format", "json"]);
    (o.status.code(), json(&o))
}

/// A rule's entry of `checks[]`.
fn by<'a>(v: &'a Value, id: &str) -> &'a Value {
    let checks = v["checks"].as_array().unwrap();
    checks.iter().find(|c| c["id"] == id).unwrap()
}

/// A rule's finding of `findings[]`.
fn finding<'a>(v: &'a Value, id: &str) -> &'a Value {
    let findings = v["findings"].as_array().unwrap();
    findings
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no finding {id}: {v}"))
}

#[tokio::test]
async fn an_images_health_check_is_read_against_its_files() {
    if !ready().await {
        return;
    }
    let curl = Built::new(
        "curl",
        "HEALTHCHECK --interval=5s CMD curl -fsS http://127.0.0.1:8000/health/ || exit 1",
    );
    let wget = Built::new(
        "wget",
        "HEALTHCHECK CMD [\"wget\", \"-q\", \"-O-\", \"http://127.0.0.1:8000/health/\"]",
    );
    let none = Built::new("none", "LABEL docktor.test=health-none");

    let (code, v) = report(&curl.0);
    assert_eq!(
        code,
        Some(1),
        "an error finding fails the default --fail-on"
    );
    assert_eq!(by(&v, "health.tool-missing")["status"], "fail");
    let f = finding(&v, "health.tool-missing");
    assert_eq!(
        f["title"],
        "The health check runs `curl`, which is not in the image"
    );
    assert!(
        f["evidence"]
            .as_str()
            .unwrap()
            .contains("the image has wget"),
        "{f}"
    );
    assert!(f["fix"].as_str().unwrap().contains("CMD wget"), "{f}");
    assert_eq!(by(&v, "health.none")["status"], "pass");
    assert_eq!(by(&v, "health.shell-missing")["status"], "pass");
    for id in ["health.failing", "health.flapping", "health.timeout"] {
        let c = by(&v, id);
        assert_eq!(c["status"], "not-applicable", "{c}");
        assert!(
            c["summary"]
                .as_str()
                .unwrap()
                .contains("an image runs no probes"),
            "{c}"
        );
    }

    let (_, v) = report(&wget.0);
    let c = by(&v, "health.tool-missing");
    assert_eq!(c["status"], "pass", "{c}");
    assert!(
        c["summary"].as_str().unwrap().contains("at /bin/wget"),
        "{c}"
    );
    assert_eq!(by(&v, "health.shell-missing")["status"], "not-applicable");

    let (_, v) = report(&none.0);
    assert_eq!(by(&v, "health.none")["status"], "warn");
    let f = finding(&v, "health.none");
    assert_eq!(f["title"], "The image has no health check");
    assert!(f["fix"].as_str().unwrap().contains("HEALTHCHECK"), "{f}");
    assert!(f["fix"].as_str().unwrap().contains("CMD wget"), "{f}");
}

#[tokio::test]
async fn an_images_baked_secrets_fail_and_its_running_environment_is_not_judged() {
    if !ready().await || !env_fixtures() {
        return;
    }
    let (code, v) = report("docktor-fixture/env-baked:latest");
    assert_eq!(code, Some(1), "{v}");
    assert_eq!(by(&v, "env.baked-env")["status"], "fail");
    assert_eq!(by(&v, "env.baked-build-arg")["status"], "fail");
    let f = finding(&v, "env.baked-env");
    assert_eq!(f["title"], "SECRET_KEY is baked into the image by ENV");
    let all = v.to_string();
    assert!(
        !all.contains("Pl4nted"),
        "no secret value in the report: {all}"
    );
    for id in ["env.required", "env.debug", "env.secret-key"] {
        let c = by(&v, id);
        assert_eq!(c["status"], "not-applicable", "{c}");
        assert!(
            c["summary"].as_str().unwrap().contains("set at docker run"),
            "{c}"
        );
    }
    // An image without secrets passes both.
    let (_, v) = report("docktor-fixture/env-bare:latest");
    assert_eq!(by(&v, "env.baked-env")["status"], "pass", "{v}");
    assert_eq!(by(&v, "env.baked-build-arg")["status"], "pass", "{v}");
}
