//! The real binary in tmux against the real daemon: what a user sees and types.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

// keys pressed (tests/keys_covered.rs): [Everywhere] q ? Esc G j/↓
// keys pressed (tests/keys_covered.rs): [Container list] / Enter i
// keys pressed (tests/keys_covered.rs): [Container actions] s S r
// keys pressed (tests/keys_covered.rs): [Container tabs] Tab/] Esc
// keys pressed (tests/keys_covered.rs): [Logs tab] /
// keys pressed (tests/keys_covered.rs): [Layers] l a v
// keys pressed (tests/keys_covered.rs): [Images] / Space c
// keys pressed (tests/keys_covered.rs): [Comparison] x
// keys pressed (tests/keys_covered.rs): [Ctrl] C-c
// keys pressed (tests/keys_covered.rs): [Confirmation] y other

use common::gone;
use common::tmux::{self, Tmux};

/// A pane command that runs docktor, then reports its exit code and the terminal modes.
fn wrapped(env: &str, args: &str) -> String {
    format!(
        "{env} {} {args}; code=$?; modes=$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '); echo \"EXIT=$code MODES=$modes END\"; sleep 60",
        common::docktor_bin().display()
    )
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

/// The line of `screen` that holds `text`.
fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?}:\n{screen}"))
}

#[tokio::test]
async fn shows_fixtures_filters_opens_logs_and_quits_cleanly() {
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    // A log of the test's own: known lines on both streams, then quiet (not the ever-growing
    // dfx-logger, whose lines scroll by).
    let name = format!("dkt-e2e-logs-{}", std::process::id());
    let script = "for i in 1 2 3 4 5 6; do echo \"plain $i\"; done; \
                  echo 'needle: first match' >&2; echo 'plain 7'; echo 'the NEEDLE again'; \
                  exec sleep 1000";
    let _gone = gone::started(&name, &[], &["sh", "-c", script]);
    let version = common::docker_cli_ok(&["version", "--format", "{{.Server.Version}}"]);
    let t = Tmux::start("dk-e2e", 120, 40, &wrapped("", ""));
    t.wait_text("Containers (", 15);
    // Other containers may exist on this engine: narrow to the fixtures first.
    let s = t.filter("dfx-");
    assert!(s.contains("dfx-unhealthy"), "{s}");
    // The status bar names the engine's own version and the host.
    let status = format!("docker {version} · unix:///var/run/docker.sock");
    assert!(s.contains(&status), "status bar {status:?}:\n{s}");
    let s = t.wait_for("health badges", 15, |s| {
        s.contains("✔ healthy") && s.contains("✘ unhealthy")
    });
    assert!(line_with(&s, "dfx-exited").contains("exited"), "{s}");
    // Filter down to the test's container, open it, read both streams.
    t.keys(&["/", "BSpace", "BSpace", "BSpace", "BSpace", "Escape"]);
    let s = t.filter(&name);
    assert!(!s.contains("dfx-healthy"), "{s}");
    assert!(s.contains(&format!("▶ {name}")), "{s}");
    // A container opens on its Doctor tab; the next tab is its logs.
    t.keys(&["Enter"]);
    t.wait_text(&format!("Doctor · {name}"), 10);
    t.keys(&["Tab"]);
    // The container may still be writing when the tab opens: the follow stream brings the
    // rest, so wait for the last line too before reading the screen.
    let s = t.wait_for("logs of both streams", 10, |s| {
        s.contains("out│plain 1")
            && s.contains("err│needle: first match")
            && s.contains("the NEEDLE again")
    });
    assert!(s.contains("Logs") && s.contains("[follow]"), "{s}");
    assert!(line_with(&s, "the NEEDLE again").contains("out│"), "{s}");
    // Search: both lines match (case-insensitive), and each match is highlighted.
    t.keys(&["/"]);
    t.text("needle");
    t.keys(&["Enter"]);
    let s = t.wait_text("search: needle (2 matches)", 5);
    assert!(!s.contains("search: needle▏"), "typing is over:\n{s}");
    let esc = t.screen_escapes();
    for (rest, word) in [(": first match", "needle"), (" again", "NEEDLE")] {
        let line = line_with(&esc, rest);
        assert!(
            highlighted(line, word),
            "{word:?} highlighted (black on yellow) in {line:?}"
        );
    }
    let plain = line_with(&esc, "plain 3");
    assert!(
        !plain.contains("[48;5;3m"),
        "no highlight without a match: {plain:?}"
    );
    // The next tab: the image's layers; the one after, its health.
    t.keys(&["Tab"]);
    t.wait_for("the layers of the image", 20, |s| {
        s.contains("folded") && s.contains("efficiency")
    });
    t.keys(&["Tab"]);
    t.wait_text(&format!("Health · {name}"), 10);
    t.keys(&["Escape", "q"]);
    let s = t.wait_text(" END", 10);
    assert_restored(&s);
}

/// Whether `word` is drawn black on yellow in `line` (a line of `capture-pane -e`): the SGR
/// sequences right before it set black (`38;5;0`) and yellow (`48;5;3`), as tmux writes them.
fn highlighted(line: &str, word: &str) -> bool {
    let Some(at) = line.find(word) else {
        return false;
    };
    // The escape sequences that directly precede the word, nearest last.
    let mut before = &line[..at];
    let mut seqs = Vec::new();
    while before.ends_with('m') {
        let Some(start) = before.rfind("\x1b[") else {
            break;
        };
        seqs.push(&before[start..]);
        before = &before[..start];
    }
    let sgr = seqs.concat();
    sgr.contains("[38;5;0m") && sgr.contains("[48;5;3m")
}

#[tokio::test]
async fn small_terminal_shows_the_list() {
    if common::engine().await.is_none() || !tmux::ready() {
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
    let s = t.filter("dfx-logger");
    assert!(s.contains("▶ dfx-logger"), "{s}");
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
    t.wait_text("Esc closes", 5);
    t.keys(&["Escape"]);
    t.wait_for("the help to close", 5, |s| !s.contains("Esc closes"));
    t.keys(&["C-c"]);
    assert_restored(&t.wait_text(" END", 10));
}

#[tokio::test]
async fn unreachable_host_gets_a_clear_screen_and_a_sane_terminal() {
    if !tmux::ready() {
        return;
    }
    let t = Tmux::start(
        "dk-e2e-down",
        100,
        30,
        &wrapped("DOCKER_HOST=tcp://127.0.0.1:1", ""),
    );
    // The whole screen, not its first words: a capture may catch a frame half drawn.
    t.wait_for(
        "the screen naming the host, the cause and the retry",
        15,
        |s| {
            s.contains("Cannot reach the container engine")
                && s.contains("tcp://127.0.0.1:1")
                && s.contains("refused")
                && s.contains("retries every 2 s")
        },
    );
    t.keys(&["q"]);
    assert_restored(&t.wait_text(" END", 10));
}

#[tokio::test]
async fn reconnects_when_the_engine_stops_and_starts_again() {
    use common::engines::{self, PrivateDaemon};
    if common::engine().await.is_none() || !tmux::ready() {
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
    let version = daemon.docker(&["version", "--format", "{{.Server.Version}}"]);
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    assert!(
        !version.is_empty() && s.contains(&format!("docker {version} · {}", daemon.host())),
        "the status bar names the engine again ({version}):\n{s}"
    );
    t.keys(&["q"]);
    assert_restored(&t.wait_text(" END", 10));
}

#[tokio::test]
async fn layers_tab_images_view_and_comparison() {
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let dir = tempfile::tempdir().expect("tempdir");
    let cmd = format!("cd {} && {}", dir.path().display(), wrapped("", ""));
    let t = Tmux::start("dk-e2e-layers", 140, 40, &cmd);
    t.wait_text("Containers (", 15);
    let s = t.filter("dfx-healthy");
    assert!(s.contains("▶ dfx-healthy"), "{s}");
    // The Layers tab: the layer list at once, then the figures and the file tree.
    t.keys(&["Enter", "Tab", "Tab"]);
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
    let s = t.filter("docktor-fixture");
    assert!(
        s.contains("docktor-fixture/web") && s.contains("docktor-fixture/base"),
        "both fixture images: {s}"
    );
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
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let name = format!("dkt-e2e-act-{}", std::process::id());
    let _cleanup = gone::started(&name, &["--stop-timeout", "1"], &["sleep", "1000"]);
    let state = || common::docker_cli_ok(&["inspect", "-f", "{{.State.Status}}", &name]);
    let t = Tmux::start("dk-e2e-act", 120, 24, &wrapped("", ""));
    t.wait_text("Containers (", 15);
    let s = t.filter(&name);
    assert!(s.contains(&format!("▶ {name}")), "{s}");
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
