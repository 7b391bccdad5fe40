//! `docktor demo` through the binary on the shared daemon: its flags (`--scale-mb`, `--no-run`,
//! `--no-compare`), the table it prints when stdout is no terminal, the comparison it opens
//! in the TUI on a terminal, and what it refuses (exit 2). The demo's names are fixed: each
//! test holds the demo lock (common::demo) and removes the containers `--run` starts.
//!
//! Skips (counted) when no daemon answers, unless `DOCKTOR_REQUIRE_DOCKER=1`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output, Stdio};

use common::tmux::{self, Tmux};

const STAGES: [&str; 4] = ["original", "multi-stage", "official-uv", "optimized"];

/// `docktor demo ARGS…` with stdin from /dev/null and stdout, stderr pipes.
fn demo(args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .arg("demo")
        .args(args)
        .env_remove("DOCKER_CONTEXT")
        .stdin(Stdio::null())
        .output()
        .expect("run docktor demo")
}

fn exists(container: &str) -> bool {
    common::docker_cli(&["inspect", container]).status.success()
}

#[tokio::test]
async fn without_a_terminal_it_prints_the_table_and_runs_nothing_with_no_run() {
    if common::engine().await.is_none() {
        return;
    }
    let _one = common::demo::lock();
    // A guard dropped at once removes what an earlier run left; the other, at the end.
    drop(common::demo::Containers);
    let _gone = common::demo::Containers;
    let o = demo(&["--scale-mb", "1", "--no-run"]);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        out.starts_with("| Optimization | Image Size | Improvement |\n"),
        "the guide's table on stdout:\n{out}"
    );
    for row in [
        "| Original ",
        "| Multi-stage ",
        "| Official uv ",
        "| Optimized ",
    ] {
        assert!(out.contains(row), "{row} in\n{out}");
    }
    assert!(out.contains("Baseline") && out.contains("-50%"), "{out}");
    // Progress is on stderr, one line per image: built now or already built.
    for stage in STAGES {
        let image = format!("docktor-demo/{stage}:");
        assert!(
            err.lines().any(|l| l.contains(&image)
                && (l.contains("already built") || l.starts_with("building "))),
            "{image} on stderr:\n{err}"
        );
    }
    for stage in STAGES {
        let name = format!("docktor-demo-{stage}");
        assert!(!exists(&name), "--no-run started {name}");
    }
}

#[tokio::test]
async fn no_compare_prints_nothing_and_the_run_starts_every_stage() {
    if common::engine().await.is_none() {
        return;
    }
    let _one = common::demo::lock();
    let _gone = common::demo::Containers;
    let o = demo(&["--scale-mb", "1", "--no-compare"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(o.stdout.is_empty(), "--no-compare: nothing on stdout");
    for stage in STAGES {
        let name = format!("docktor-demo-{stage}");
        let running = common::docker_cli_ok(&["inspect", "-f", "{{.State.Running}}", &name]);
        assert_eq!(running, "true", "{name} runs");
    }
    let health = common::docker_cli_ok(&[
        "inspect",
        "-f",
        "{{.State.Health.Status}}",
        "docktor-demo-optimized",
    ]);
    assert_eq!(
        health, "healthy",
        "the demo waits until the optimized one is healthy"
    );
    assert!(
        err.contains("starting docktor-demo-optimized") && err.contains("healthy"),
        "{err}"
    );
}

#[test]
fn what_the_demo_refuses() {
    // --read-only: it would build and start; refused before connecting.
    let o = Command::new(common::docktor_bin())
        .args(["--read-only", "demo", "--scale-mb", "1"])
        .stdin(Stdio::null())
        .output()
        .expect("run docktor");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("refused in --read-only mode"), "{err}");
    // A scale that is no positive number of megabytes.
    for bad in ["0", "lots", "-1"] {
        let o = demo(&[&format!("--scale-mb={bad}"), "--no-run"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "--scale-mb {bad}: {err}");
        assert!(err.contains("scale"), "--scale-mb {bad}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[tokio::test]
async fn on_a_terminal_it_opens_the_comparison() {
    if common::engine().await.is_none() {
        return;
    }
    if !tmux::available() {
        assert!(!common::require_docker(), "tmux is required");
        common::skip::skip("tmux not installed");
        return;
    }
    let _one = common::demo::lock();
    let cmd = format!(
        "{} demo --scale-mb 1 --no-run; echo \"EXIT=$? END\"; sleep 60",
        common::docktor_bin().display()
    );
    let t = Tmux::start("dk-demo-tui", 120, 30, &cmd);
    let s = t.wait_for("the comparison of the four stages", 120, |s| {
        s.contains("Image Size Comparison")
            && s.contains("Optimized")
            && s.contains("-50%")
            && !s.contains("analysing")
    });
    assert!(s.contains("Baseline") && s.contains("Multi-stage"), "{s}");
    t.keys(&["q"]);
    let s = t.wait_text(" END", 10);
    assert!(s.contains("EXIT=0 END"), "{s}");
}
