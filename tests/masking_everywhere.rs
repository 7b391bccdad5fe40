//! Secrets masked everywhere, on the real daemon: dfx-env-leaky prints its secrets to its logs
//! and in every health probe's output; no screen of the TUI (Doctor, Logs, Health, Env) and no
//! output of `docktor check` (every format) or `docktor health` (text, JSON) holds a planted
//! value — until `v` (Logs) or `--reveal` (health) shows them. Skips without a daemon or tmux
//! unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

// keys pressed (tests/keys_covered.rs): [Logs tab] v
mod common;

use std::process::Command;
use std::time::Duration;

use common::envfix::{PLANTED, env_fixtures};
use common::tmux::{self, Tmux};

const LEAKY: &str = "dfx-env-leaky";

/// The fixtures are up and the leaky container has a probe with output.
fn ready() -> bool {
    if !env_fixtures() {
        common::skip::skip("the env fixtures are unavailable (no Docker daemon?)");
        return false;
    }
    let probed = common::wait_until(Duration::from_secs(30), || {
        let out = common::docker_cli(&["inspect", "-f", "{{len .State.Health.Log}}", LEAKY]);
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse::<usize>()
            .unwrap_or(0)
            > 0
    });
    assert!(probed, "{LEAKY} ran no health probe in 30 s");
    true
}

/// `docktor ARGS` in an empty directory (no spec, no profile of the repo): stdout + stderr.
fn docktor(args: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(common::docktor_bin())
        .args(args)
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("docktor {args:?}: {e}"));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), all)
}

#[test]
fn check_and_health_outputs_hold_no_planted_secret_unless_revealed() {
    if !ready() {
        return;
    }
    for format in ["text", "json", "markdown", "sarif"] {
        let (code, out) = docktor(&["check", LEAKY, "--format", format]);
        assert!(
            code.is_some_and(|c| c < 2),
            "check --format {format}:\n{out}"
        );
        assert!(!out.contains(PLANTED), "check --format {format}:\n{out}");
    }
    for format in ["text", "json"] {
        let (code, out) = docktor(&["health", LEAKY, "--format", format]);
        assert_eq!(code, Some(0), "health --format {format}:\n{out}");
        assert!(!out.contains(PLANTED), "health --format {format}:\n{out}");
        // The probes' outputs are there, masked.
        assert!(out.contains("probe: DB_PASSWORD=***"), "{out}");
        assert!(out.contains("postgres://app:***@db:5432/app"), "{out}");
        let (_, shown) = docktor(&["health", LEAKY, "--format", format, "--reveal"]);
        assert!(shown.contains("Pl4nted-DB-Passw0rd"), "--reveal:\n{shown}");
        assert!(shown.contains("Pl4nted-Url-Passw0rd"), "--reveal:\n{shown}");
    }
    let (_, text) = docktor(&["health", LEAKY]);
    assert!(text.contains("secret values masked"), "{text}");
    let (_, json) = docktor(&["health", LEAKY, "--format", "json", "--reveal"]);
    assert!(json.contains("\"revealed\": true"), "{json}");
}

fn no_secret(s: &str, where_: &str) {
    assert!(
        !s.contains(PLANTED),
        "{where_} shows a planted secret:\n{s}"
    );
}

#[test]
fn no_screen_holds_a_planted_secret_until_v_reveals_the_logs() {
    if !tmux::available() {
        assert!(
            !common::require_docker(),
            "tmux is required for the end-to-end tests"
        );
        common::skip::skip("tmux not installed");
        return;
    }
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cmd = format!(
        "cd {} && {}; echo END; sleep 60",
        dir.path().display(),
        common::docktor_bin().display()
    );
    let t = Tmux::start("dk-mask-everywhere", 140, 45, &cmd);
    t.wait_text("Containers (", 15);
    t.filter(LEAKY);
    t.wait_text(&format!("▶ {LEAKY}"), 15);
    t.keys(&["Enter"]);
    let s = t.wait_for("the Doctor's checklist filled in", 60, |s| {
        s.contains("Doctor ·") && !s.contains("reading ")
    });
    no_secret(&s, "the Doctor");
    t.tab_to("Logs");
    // The lines may come in more than one batch, stdout and stderr in either order: wait
    // for all three.
    let s = t.wait_for("the leaky lines", 15, |s| {
        [
            "booting with key",
            "database postgres",
            "superuser password",
        ]
        .iter()
        .all(|l| s.contains(l))
    });
    no_secret(&s, "the Logs tab");
    assert!(s.contains("booting with key ***"), "{s}");
    assert!(s.contains("postgres://app:***@db:5432/app"), "{s}");
    assert!(s.contains("superuser password: ***"), "{s}");
    t.keys(&["v"]);
    let s = t.wait_text("REVEALED", 10);
    assert!(
        s.contains("Pl4nted-Good-Key") && s.contains("Pl4nted-Url-Passw0rd"),
        "{s}"
    );
    t.keys(&["v"]);
    let s = t.wait_for("the logs masked again", 10, |s| !s.contains("REVEALED"));
    no_secret(&s, "the Logs tab after v twice");
    t.tab_to("Health");
    let s = t.wait_text("probe: DB_PASSWORD=***", 20);
    no_secret(&s, "the Health tab");
    t.tab_to("Env");
    let s = t.wait_text("DB_PASSWORD", 20);
    no_secret(&s, "the Env tab");
}
