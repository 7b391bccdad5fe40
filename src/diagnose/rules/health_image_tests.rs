//! The health rules on an image: its check read against its files (synthetic images).

use std::sync::Arc;

use super::*;
use crate::diagnose::verdict::Verdict;
use crate::diagnose::{Facts, Finding, Part, evaluate, findings};
use crate::health::inspect::image_facts;
use crate::layers::synthetic::{self, StepFiles};
use crate::model::image_config::ImageConfig;
use crate::model::inspect::HealthConfig;
use crate::profile::Profile;

/// A merged-/usr Debian: `/bin` is a link to `usr/bin`, `sh` is dash.
fn debian(extra: &[(&'static str, usize)]) -> Vec<StepFiles<'static>> {
    let mut files = vec![
        ("bin -> usr/bin", 0),
        ("usr/bin/dash", 10),
        ("usr/bin/sh -> dash", 0),
    ];
    files.extend_from_slice(extra);
    vec![("FROM debian:bookworm-slim", files)]
}

fn image(steps: &[StepFiles], test: Option<&[&str]>) -> Facts {
    let a = synthetic::image(steps, &["PATH=/usr/local/bin:/usr/bin:/bin"])
        .unwrap_or_else(|e| panic!("{e}"));
    let mut f = Facts::of_image(Arc::new(a));
    let config = ImageConfig {
        healthcheck: test.map(|t| HealthConfig {
            test: t.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }),
        exposed_ports: vec!["8000/tcp".into()],
        ..Default::default()
    };
    f.health = Part::Ready(image_facts(&config, true));
    f
}

fn verdict(f: &Facts, id: &str) -> Verdict {
    evaluate(f, &Profile::default(), |r| r.id == id)
        .pop()
        .map(|o| o.verdict)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn found(f: &Facts, id: &str) -> Finding {
    findings(&evaluate(f, &Profile::default(), |r| r.id == id))
        .pop()
        .unwrap_or_else(|| panic!("{id} did not fire"))
}

const CURL: &[&str] = &["CMD", "curl", "-f", "http://localhost:8000/health/"];

#[test]
fn a_check_with_curl_in_a_slim_python_image_is_caught_before_it_runs() {
    let f = image(&debian(&[("usr/local/bin/python3", 10)]), Some(CURL));
    let x = found(&f, "health.tool-missing");
    assert_eq!(
        x.title,
        "The health check runs `curl`, which is not in the image"
    );
    assert!(x.evidence.contains("/usr/local/bin:/usr/bin:/bin"), "{x:?}");
    assert!(x.evidence.contains("the image has python"), "{x:?}");
    assert!(
        x.fix.contains("urllib"),
        "python's urllib is recommended: {x:?}"
    );
    assert!(matches!(verdict(&f, "health.none"), Verdict::Pass(_)));
}

#[test]
fn a_tool_behind_the_merged_usr_link_is_found() {
    let f = image(
        &debian(&[("usr/bin/curl", 10)]),
        Some(&["CMD", "/bin/curl", "-f", "http://localhost:8000/health/"]),
    );
    match verdict(&f, "health.tool-missing") {
        Verdict::Pass(why) => assert!(why.contains("/bin/curl"), "{why}"),
        v => panic!("{v:?}"),
    }
    let f = image(&debian(&[("usr/bin/curl", 10)]), Some(CURL));
    assert!(matches!(
        verdict(&f, "health.tool-missing"),
        Verdict::Pass(_)
    ));
}

#[test]
fn an_image_runs_no_probes_so_the_probe_rules_do_not_apply() {
    let f = image(&debian(&[("usr/bin/curl", 10)]), Some(CURL));
    for id in [
        "health.failing",
        "health.flapping",
        "health.connection-refused",
        "health.timeout",
    ] {
        match verdict(&f, id) {
            Verdict::NotApplicable(why) => {
                assert!(why.contains("an image runs no probes"), "{why}")
            }
            v => panic!("{id}: {v:?}"),
        }
    }
}

#[test]
fn an_image_without_a_check_gets_one_for_the_tool_it_has() {
    let f = image(&debian(&[("usr/bin/wget", 10)]), None);
    let x = found(&f, "health.none");
    assert_eq!(x.title, "The image has no health check");
    assert!(x.fix.contains("wget"), "{x:?}");
    assert!(x.evidence.contains("the image has wget"), "{x:?}");
}

#[test]
fn a_shell_check_in_an_image_without_sh_is_caught() {
    let steps: Vec<StepFiles> = vec![("FROM scratch", vec![("app/server", 10)])];
    let f = image(
        &steps,
        Some(&["CMD-SHELL", "wget -q -O- http://127.0.0.1:8000/ || exit 1"]),
    );
    let x = found(&f, "health.shell-missing");
    assert!(x.evidence.contains("not in the image"), "{x:?}");
    let mut waiting = f.clone();
    waiting.layers = Part::Pending;
    assert!(
        matches!(
            verdict(&waiting, "health.shell-missing"),
            Verdict::Pending(_)
        ),
        "no pass before the files are read"
    );
    // One finding for the one mistake: wget is missing too, but the shell comes first.
    assert!(matches!(
        verdict(&f, "health.tool-missing"),
        Verdict::NotApplicable(_)
    ));
}

#[test]
fn without_the_files_the_tool_check_waits_or_says_why() {
    let mut f = image(&debian(&[]), Some(CURL));
    f.layers = Part::Pending;
    for id in ["health.tool-missing", "health.none"] {
        assert!(
            matches!(
                verdict(&f, id),
                Verdict::Pending(crate::diagnose::Fact::Layers)
            ),
            "{id} waits for the files: no pass on a guess"
        );
    }
    f.layers = Part::Unavailable("the export failed".into());
    match verdict(&f, "health.tool-missing") {
        Verdict::Unknown { why, .. } => assert_eq!(why, "the export failed"),
        v => panic!("{v:?}"),
    }
}

#[test]
fn the_tool_is_the_first_command_word() {
    let exec = |v: &[&str]| Test::Exec(v.iter().map(|s| s.to_string()).collect());
    assert_eq!(
        tool_of(&exec(&["curl", "-f", "x"])).as_deref(),
        Some("curl")
    );
    assert_eq!(
        tool_of(&Test::Shell("exec wget -q -O- http://x || exit 1".into())).as_deref(),
        Some("wget")
    );
    assert_eq!(
        tool_of(&Test::Shell("PGPASSWORD=x pg_isready".into())).as_deref(),
        Some("pg_isready")
    );
    assert_eq!(tool_of(&Test::Shell("test -f /tmp/ok".into())), None);
    assert_eq!(tool_of(&Test::Disabled), None);
}
