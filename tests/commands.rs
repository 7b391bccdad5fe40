//! The headless commands through the binary: `compare` gives the profile's advice as the TUI
//! does, `layers --quick` lists layers only, and output into a closed pipe ends quietly (no
//! panic, no backtrace), as Unix tools do. Daemon tests skip without one unless
//! DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output, Stdio};

const BASE: &str = "docktor-fixture/base:latest";
const WEB: &str = "docktor-fixture/web:latest";

fn docktor(args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .args(args)
        .env_remove("DOCKER_CONTEXT")
        .output()
        .expect("run docktor")
}

/// Runs docktor with its stdout a pipe whose reading end is already closed.
fn into_closed_pipe(args: &[&str]) -> Output {
    let mut child = Command::new(common::docktor_bin())
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .env_remove("DOCKER_CONTEXT")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run docktor");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait for docktor")
}

fn assert_quiet_end(o: &Output, what: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(141),
        "{what}: as SIGPIPE would end it: {err}"
    );
    for bad in ["panicked", "Broken pipe", "backtrace", "Location:"] {
        assert!(!err.contains(bad), "{what}: no {bad:?} on stderr:\n{err}");
    }
}

#[test]
fn layers_into_a_closed_pipe_ends_quietly() {
    use common::archives::{legacy, sample_layers, write_tmp};
    let f = write_tmp(&legacy(&sample_layers(), "fixture:1", false, None));
    let path = f.path().to_str().expect("utf-8 path");
    for format in ["text", "json"] {
        let o = into_closed_pipe(&["layers", "--archive", path, "--format", format]);
        assert_quiet_end(&o, format);
    }
}

#[tokio::test]
async fn ps_into_a_closed_pipe_ends_quietly() {
    if common::engine().await.is_none() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    assert_quiet_end(&into_closed_pipe(&["ps", "--all"]), "ps");
    assert_quiet_end(&into_closed_pipe(&["ps", "--format", "json"]), "ps json");
    assert_quiet_end(&into_closed_pipe(&["layers", WEB, "--quick"]), "quick");
}

#[tokio::test]
async fn compare_gives_the_advice_of_the_profile() {
    if common::engine().await.is_none() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    // A budget every image exceeds: the advice must come from this profile.
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = dir.path().join("docktor.toml");
    std::fs::write(&profile, "size_budget = \"1kB\"\n").expect("write profile");
    let profile = profile.to_str().expect("utf-8 path");
    let o = docktor(&[
        "--profile",
        profile,
        "compare",
        BASE,
        WEB,
        "--format",
        "json",
    ]);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let advice = v["advice"].as_array().expect("advice[]");
    assert_eq!(advice.len(), 2, "{v}");
    for (a, image) in advice.iter().zip([BASE, WEB]) {
        assert_eq!(a["image"], image);
        let ids: Vec<&str> = a["findings"]
            .as_array()
            .expect("findings[]")
            .iter()
            .filter_map(|f| f["id"].as_str())
            .collect();
        assert!(ids.contains(&"layers.size-budget"), "{image}: {ids:?}");
        assert_eq!(a["count"], ids.len());
    }
    let o = docktor(&["--profile", profile, "compare", BASE, WEB]);
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.starts_with("| Optimization | Image Size | Improvement |"),
        "{md}"
    );
    assert!(md.contains("| Image | Advice |"), "{md}");
    assert!(md.contains(&format!("Advice for {WEB}:")), "{md}");
    assert!(md.contains("`layers.size-budget`"), "{md}");
}

#[tokio::test]
async fn layers_quick_lists_the_layers_only() {
    if common::engine().await.is_none() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let o = docktor(&["layers", WEB, "--quick", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let layers = v["layers"].as_array().expect("layers[]");
    assert!(!layers.is_empty(), "{v}");
    assert!(layers[0]["size_bytes"].as_u64().is_some(), "{v}");
    for absent in ["efficiency", "wasted_bytes", "findings", "env"] {
        assert!(
            v.get(absent).is_none(),
            "--quick reads no files: no {absent}"
        );
    }
    let id = common::docker_cli_ok(&["image", "inspect", "-f", "{{.Id}}", WEB]);
    assert_eq!(v["id"], id);
    let o = docktor(&["layers", WEB, "--quick"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("no file analysis") && text.contains("INSTRUCTION"),
        "{text}"
    );
    // Gates need the file analysis: refused by clap.
    let o = docktor(&["layers", WEB, "--quick", "--max-wasted", "1MB"]);
    assert_eq!(o.status.code(), Some(2));
}
