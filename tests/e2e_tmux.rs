//! The real binary in tmux against the real daemon: what a user sees and types.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::tmux::{self, Tmux};

/// A pane command that runs docktor, then reports its exit code and the terminal modes.
fn wrapped(env: &str, args: &str) -> String {
    format!(
        "{env} {} {args}; code=$?; modes=$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '); echo \"EXIT=$code MODES=$modes END\"; sleep 60",
        common::docktor_bin().display()
    )
}

fn ready() -> bool {
    if !tmux::available() {
        assert!(
            !common::require_docker(),
            "tmux is required for the end-to-end tests"
        );
        common::skip::skip("tmux not installed");
        return false;
    }
    true
}

fn assert_restored(screen: &str) {
    assert!(screen.contains("EXIT=0"), "docktor must exit 0:\n{screen}");
    assert!(
        screen.contains("icanon") && !screen.contains("-icanon"),
        "canonical mode restored:\n{screen}"
    );
    assert!(!screen.contains("-echo"), "echo restored:\n{screen}");
    assert!(
        !screen.contains("Containers ("),
        "the alternate screen is left:\n{screen}"
    );
}

#[tokio::test]
async fn shows_fixtures_filters_opens_logs_and_quits_cleanly() {
    if common::engine().await.is_none() || !ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let t = Tmux::start("dk-e2e", 120, 40, &wrapped("", ""));
    t.wait_text("Containers (", 15);
    // Other containers may exist on this engine: narrow to the fixtures first.
    t.keys(&["/"]);
    t.text("dfx-");
    t.keys(&["Enter"]);
    let s = t.wait_text("dfx-unhealthy", 15);
    assert!(
        s.contains("docker 20.10") || s.contains("docker "),
        "status bar names the engine:\n{s}"
    );
    assert!(
        s.contains("unix:///var/run/docker.sock"),
        "status bar names the host:\n{s}"
    );
    let s = t.wait_for("health badges", 15, |s| {
        s.contains("✔ healthy") && s.contains("✘ unhealthy")
    });
    assert!(s.contains("dfx-exited") && s.contains("exited"));
    // Filter down to the logger, open it, read both streams.
    t.keys(&["/", "BSpace", "BSpace", "BSpace", "BSpace"]);
    t.text("logger");
    t.keys(&["Enter"]);
    let s = t.wait_for("filtered list", 5, |s| {
        s.contains("filter: logger") && !s.contains("dfx-healthy")
    });
    assert!(s.contains("dfx-logger"));
    t.keys(&["Enter"]);
    let s = t.wait_for("logs of both streams", 10, |s| {
        s.contains("out│out ") && s.contains("err│err ")
    });
    assert!(s.contains("Logs") && s.contains("[follow]"));
    // Search in the logs.
    t.keys(&["/"]);
    t.text("err 1");
    t.keys(&["Enter"]);
    t.wait_text("search: err 1", 5);
    // The next tab: the image's layers; the one after says what it will show.
    t.keys(&["Tab"]);
    t.wait_for("the layers of the image", 20, |s| {
        s.contains("folded") && s.contains("efficiency")
    });
    t.keys(&["Tab"]);
    t.wait_text("Health — not available yet", 5);
    t.keys(&["Escape", "q"]);
    let s = t.wait_text(" END", 10);
    assert_restored(&s);
}

#[tokio::test]
async fn small_terminal_shows_the_list() {
    if common::engine().await.is_none() || !ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let t = Tmux::start(
        "dk-e2e-small",
        80,
        24,
        &wrapped("NO_COLOR=1", "--read-only"),
    );
    t.wait_text("Containers (", 15);
    t.keys(&["/"]);
    t.text("dfx-logger");
    t.keys(&["Enter"]);
    let s = t.wait_text("dfx-logger", 15);
    assert!(s.contains("[read-only]"), "{s}");
    // NO_COLOR: no colour at all, and the selection still shows (reversed).
    let esc = t.screen_escapes();
    assert!(
        !esc.contains("[38;5;") && !esc.contains("[31m") && !esc.contains("[32m"),
        "colour with NO_COLOR:\n{esc}"
    );
    assert!(
        esc.contains("[7m") || esc.contains(";7m"),
        "the selection is reversed:\n{esc}"
    );
    t.keys(&["S"]);
    t.wait_text("read-only mode", 5);
    t.keys(&["?"]);
    t.wait_text("previous match", 5);
    t.keys(&["Escape"]);
    t.wait_for("the help to close", 5, |s| !s.contains("previous match"));
    t.keys(&["C-c"]);
    assert_restored(&t.wait_text(" END", 10));
}

#[tokio::test]
async fn unreachable_host_gets_a_clear_screen_and_a_sane_terminal() {
    if !ready() {
        return;
    }
    let t = Tmux::start(
        "dk-e2e-down",
        100,
        30,
        &wrapped("DOCKER_HOST=tcp://127.0.0.1:1", ""),
    );
    let s = t.wait_text("Cannot reach the container engine", 15);
    assert!(
        s.contains("tcp://127.0.0.1:1") && s.contains("refused"),
        "{s}"
    );
    assert!(s.contains("retries every 2 s"));
    t.keys(&["q"]);
    assert_restored(&t.wait_text(" END", 10));
}

#[tokio::test]
async fn reconnects_when_the_engine_stops_and_starts_again() {
    use common::engines::{self, PrivateDaemon};
    if common::engine().await.is_none() || !ready() {
        return;
    }
    if !engines::ready("reconnect", engines::netns_ready()) {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let image = "docktor-fixture/base:latest";
    let mut daemon = PrivateDaemon::start("reconnect", &[]);
    daemon.load_image(image);
    let create = |d: &PrivateDaemon, name: &str| {
        let out = d.docker(&[
            "create",
            "--name",
            name,
            "--network",
            "none",
            image,
            "sleep",
            "1000",
        ]);
        assert!(
            out.status.success(),
            "create {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    create(&daemon, "rc-before");
    let t = Tmux::start(
        "dk-e2e-reconnect",
        120,
        30,
        &wrapped("", &format!("-H {}", daemon.host())),
    );
    t.wait_text("rc-before", 15);
    daemon.stop();
    let s = t.wait_text("disconnected — retrying", 20);
    assert!(
        s.contains("rc-before"),
        "the last list stays on screen:\n{s}"
    );
    daemon.start_again();
    create(&daemon, "rc-after");
    let s = t.wait_for("the list current again", 30, |s| {
        s.contains("rc-after") && !s.contains("disconnected")
    });
    assert!(s.contains("docker 20") || s.contains("docker "), "{s}");
    t.keys(&["q"]);
    assert_restored(&t.wait_text(" END", 10));
}

#[tokio::test]
async fn layers_tab_images_view_and_comparison() {
    if common::engine().await.is_none() || !ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let dir = tempfile::tempdir().expect("tempdir");
    let cmd = format!("cd {} && {}", dir.path().display(), wrapped("", ""));
    let t = Tmux::start("dk-e2e-layers", 140, 40, &cmd);
    t.wait_text("Containers (", 15);
    t.keys(&["/"]);
    t.text("dfx-healthy");
    t.keys(&["Enter"]);
    t.wait_text("▶ dfx-healthy", 15);
    // The Layers tab: the layer list at once, then the figures and the file tree.
    t.keys(&["Enter", "Tab"]);
    let s = t.wait_for("the analysis", 30, |s| {
        s.contains("efficiency") && s.contains("Files · layer")
    });
    assert!(s.contains("Layers") && s.contains("folded"), "{s}");
    t.keys(&["G", "l", "a"]);
    t.wait_text("whole filesystem", 5);
    t.keys(&["v"]);
    t.wait_text("Advice from the optimization guide", 5);
    t.keys(&["Escape", "Escape"]);
    t.wait_text("Containers (", 5);
    // The Images view, two fixture images marked, compared, exported.
    t.keys(&["Escape", "i"]);
    t.wait_text("Images (", 15);
    t.keys(&["/"]);
    t.text("docktor-fixture");
    t.keys(&["Enter"]);
    t.wait_for("both fixture images", 10, |s| {
        s.contains("docktor-fixture/web") && s.contains("docktor-fixture/base")
    });
    t.keys(&["Space", "j", "Space", "c"]);
    let s = t.wait_for("the comparison", 30, |s| {
        s.contains("Baseline") && !s.contains("analysing")
    });
    assert!(s.contains("Image Size Comparison"), "{s}");
    t.keys(&["x"]);
    t.wait_text("comparison written to ./docktor-compare.md", 5);
    let md = std::fs::read_to_string(dir.path().join("docktor-compare.md")).expect("exported file");
    assert!(
        md.starts_with("| Optimization | Image Size | Improvement |"),
        "{md}"
    );
    assert!(md.contains("Baseline"), "{md}");
    // A second export never overwrites the first: it says where it wrote instead.
    t.keys(&["x"]);
    t.wait_text("comparison written to ./docktor-compare-2.md", 5);
    let again = std::fs::read_to_string(dir.path().join("docktor-compare-2.md")).expect("second");
    assert_eq!(again, md);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docktor-compare.md")).expect("first"),
        md
    );
    t.keys(&["Escape", "Escape", "Escape", "q"]);
    assert_restored(&t.wait_text(" END", 10));
}

#[tokio::test]
async fn stop_asks_first_then_start_and_restart_act_on_the_engine() {
    if common::engine().await.is_none() || !ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let name = format!("dtest-act-{}", std::process::id());
    struct Cleanup(String);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = common::docker_cli(&["rm", "-f", &self.0]);
        }
    }
    let _cleanup = Cleanup(name.clone());
    common::docker_cli_ok(&[
        "run",
        "-d",
        "--name",
        &name,
        "--network",
        "none",
        "--stop-timeout",
        "1",
        "docktor-fixture/base:latest",
        "sleep",
        "1000",
    ]);
    let state = || common::docker_cli_ok(&["inspect", "-f", "{{.State.Status}}", &name]);
    let t = Tmux::start("dk-e2e-act", 120, 24, &wrapped("", ""));
    t.wait_text("Containers (", 15);
    t.keys(&["/"]);
    t.text(&name);
    t.keys(&["Enter"]);
    t.wait_text(&format!("▶ {name}"), 15);
    t.keys(&["S"]);
    t.wait_text(&format!("Stop {name}?"), 5);
    t.keys(&["n"]);
    t.wait_text("stop cancelled", 5);
    assert_eq!(state(), "running");
    t.keys(&["S"]);
    t.wait_text(&format!("Stop {name}?"), 5);
    t.keys(&["y"]);
    // Wait for the action's own status line, not for words the hint bar always shows.
    t.wait_text(&format!("stop {name}: done"), 30);
    assert_eq!(state(), "exited");
    t.wait_for("the row to say exited", 10, |s| {
        s.lines().any(|l| l.contains(&name) && l.contains("exited"))
    });
    t.keys(&["s"]);
    t.wait_text(&format!("start {name}: done"), 20);
    assert_eq!(state(), "running");
    let started = || common::docker_cli_ok(&["inspect", "-f", "{{.State.StartedAt}}", &name]);
    let before = started();
    t.keys(&["r"]);
    t.wait_text(&format!("Restart {name}?"), 5);
    t.keys(&["y"]);
    t.wait_text(&format!("restart {name}: done"), 30);
    assert_eq!(state(), "running");
    assert_ne!(started(), before, "a restart starts the container again");
    t.keys(&["q"]);
    assert_restored(&t.wait_text(" END", 10));
}
