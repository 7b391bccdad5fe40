//! The Health tab in the real binary (tmux) on the dfx-health-* fixtures: each one's cause
//! on screen, the failing streak in the list, probe now and the HTTP probe, their refusal
//! in read-only mode, and what `docktor record` stored shown by a fresh TUI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod health_kit;

use std::time::Duration;

use common::gone::Gone;
use common::tmux::{self, Tmux};
use health_kit::recorder::{Recorder, stored};

/// docktor in tmux with its history store under `state`.
fn docktor(name: &str, state: &std::path::Path, args: &str) -> Tmux {
    let cmd = format!(
        "env -u DOCKER_HOST XDG_STATE_HOME={} {} {args}; sleep 60",
        state.display(),
        common::docktor_bin().display()
    );
    let t = Tmux::start(name, 160, 45, &cmd);
    t.wait_text("Containers (", 20);
    t
}

/// Filters the list to `name`, opens it and goes to its Health tab.
fn open_health(t: &Tmux, name: &str) -> String {
    t.keys(&["/"]);
    t.text(name);
    t.keys(&["Enter"]);
    t.wait_for(&format!("{name} alone"), 10, |s| {
        s.contains(&format!("filter: {name}")) && s.contains(name)
    });
    t.keys(&["Enter"]);
    t.wait_text("Logs │", 10);
    t.tab_to("Health");
    t.wait_text(&format!("Health · {name}"), 15)
}

/// Escape alone: a key sent right after it would read as Alt+key.
fn esc(t: &Tmux) {
    t.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(300));
}

fn back_to_list(t: &Tmux) {
    esc(t);
    t.wait_text("Containers (", 10);
    esc(t);
    t.wait_for("no filter", 10, |s| !s.contains("filter:"));
}

#[tokio::test]
async fn each_fixture_shows_its_cause_in_the_health_tab() {
    if common::engine().await.is_none() || !tmux::ready() || !health_kit::fixtures() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let t = docktor("dkt-health-tab", state.path(), "");
    // The list: the badge and the failing streak beside it.
    t.keys(&["/"]);
    t.text("dfx-health-unhealthy");
    t.keys(&["Enter"]);
    let s = t.wait_for("a streak", 20, |s| {
        s.lines().any(|l| {
            l.contains("dfx-health-unhealthy")
                && l.contains("✘ unhealthy ")
                && !l.contains("✘ unhealthy  ")
        })
    });
    assert!(s.contains("HEALTH (STREAK)"), "{s}");
    esc(&t);
    let want: &[(&str, &[&str])] = &[
        ("dfx-health-healthy", &["passing", "✔ healthy"]),
        (
            "dfx-health-unhealthy",
            &["health.connection-refused", "Connection refused"],
        ),
        ("dfx-health-slow", &["health.timeout", "exceeded timeout"]),
        ("dfx-health-notool", &["health.tool-missing", "curl"]),
        ("dfx-health-5xx", &["health.http-5xx", "500"]),
        ("dfx-health-404", &["health.http-404", "404"]),
        ("dfx-health-noshell", &["health.shell-missing"]),
        ("dfx-health-starting", &["… starting", "start period"]),
        ("dfx-health-none", &["switched off (NONE)", "health.none"]),
        ("dfx-health-flapping", &["health.flapping", "flapping"]),
    ];
    for (name, texts) in want {
        open_health(&t, name);
        let s = t.wait_for(&format!("{name}: {texts:?}"), 20, |s| {
            texts.iter().all(|x| s.contains(x))
        });
        if *name != "dfx-health-none" {
            assert!(s.contains("Probes ("), "{name}: {s}");
        }
        back_to_list(&t);
    }
}

#[tokio::test]
async fn probe_now_and_the_http_probe_say_what_they_did_and_read_only_refuses_them() {
    if common::engine().await.is_none() || !tmux::ready() || !health_kit::fixtures() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let t = docktor("dkt-health-probe", state.path(), "");
    open_health(&t, "dfx-health-unhealthy");
    t.wait_text("p probe now", 10);
    t.keys(&["p"]);
    let s = t.wait_text("Probe now: fails, exit 1", 20);
    assert!(
        s.contains("Docker's own health status and streak are not"),
        "{s}"
    );
    assert!(s.contains("Connection refused"), "{s}");
    // The app answers on 8000 (the check asks 8001): the HTTP probe gets its 200.
    t.keys(&["h"]);
    let s = t.wait_text("HTTP probe: 200 from GET http://127.0.0.1:8000/health/", 20);
    assert!(s.contains("from inside the container, with wget"), "{s}");
    // The slow check: probe now waits the check's own timeout.
    back_to_list(&t);
    open_health(&t, "dfx-health-slow");
    t.wait_text("p probe now", 10);
    t.keys(&["p"]);
    t.wait_text("no end within the check's timeout (1.0 s)", 20);
    drop(t);

    let ro = docktor("dkt-health-ro", state.path(), "--read-only");
    let s = open_health(&ro, "dfx-health-unhealthy");
    assert!(!s.contains("p probe now"), "hidden in read-only: {s}");
    ro.keys(&["p"]);
    let s = ro.wait_text("read-only mode", 10);
    assert!(!s.contains("Probe now:"), "{s}");
    ro.keys(&["h"]);
    std::thread::sleep(Duration::from_millis(800));
    assert!(!ro.screen().contains("HTTP probe:"), "{}", ro.screen());
}

#[tokio::test]
async fn what_record_stored_shows_in_a_fresh_tui() {
    if common::engine().await.is_none() || !tmux::ready() || !health_kit::fixtures() {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let store = state.path().join("docktor").join("health.sqlite3");
    let r = Recorder::start(&store, &state.path().join("record.log"), &[], &[]);
    r.wait_event("following", 1, 30);
    let ok = common::wait_until(Duration::from_secs(40), || {
        stored(&store, "dfx-health-unhealthy").len() >= 9
    });
    assert!(ok, "nine probes recorded");
    drop(r);
    let t = docktor("dkt-health-rec", state.path(), "");
    open_health(&t, "dfx-health-unhealthy");
    let s = t.wait_for("recorded probes", 20, |s| {
        s.contains(" recorded)") || s.contains(" recorded, ")
    });
    assert!(s.contains("recorded"), "{s}");
}

#[tokio::test]
async fn a_container_removed_while_its_tab_is_open_keeps_what_was_known() {
    if common::engine().await.is_none() || !tmux::ready() || !common::fixtures() {
        return;
    }
    let name = format!("dkt-health-gone-{}", std::process::id());
    let guard = Gone::one(name.clone());
    common::docker_cli_ok(&[
        "run",
        "-d",
        "--name",
        &name,
        "--health-cmd",
        "echo still here",
        "--health-interval",
        "1s",
        "docktor-fixture/base:latest",
        "sleep",
        "1000",
    ]);
    let state = tempfile::tempdir().unwrap();
    let t = docktor("dkt-health-gone", state.path(), "");
    open_health(&t, &name);
    t.wait_for("captured probes", 20, |s| s.contains(" captured"));
    common::docker_cli_ok(&["rm", "-f", &name]);
    let s = t.wait_text("the container was removed: this is what was known", 20);
    assert!(s.contains("still here") && s.contains("Probes ("), "{s}");
    drop(guard);
}
