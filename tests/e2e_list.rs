//! The container list of the real binary in tmux follows what happens outside docktor: a
//! container created, renamed, started, paused and removed with the docker CLI; the
//! "… starting" badge (yellow) of a container inside its health check's start period; and
//! docktor started while its engine is down, connecting by itself once it comes up.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::gone::Gone;
use common::tmux::{self, Tmux};

// keys pressed (tests/keys_covered.rs): [Everywhere] q

/// A pane command that runs docktor, then says how it ended.
fn wrapped(args: &str) -> String {
    format!(
        "{} {args}; echo \"EXIT=$? END\"; sleep 60",
        common::docktor_bin().display()
    )
}

/// The row of the list that names `name` (a whole word: not a longer name); rows are inside
/// the list's frame, below its title (which names the filter).
fn row<'a>(screen: &'a str, name: &str) -> Option<&'a str> {
    screen
        .lines()
        .filter(|l| l.starts_with('│'))
        .find(|l| l.split_whitespace().any(|w| w == name))
}

#[tokio::test]
async fn the_list_follows_create_rename_pause_and_remove() {
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    // Short: the NAME column cuts names longer than its width.
    let base = format!("dkt-e2e-f-{}", std::process::id());
    let renamed = format!("{base}-r");
    let _gone = Gone(vec![base.clone(), renamed.clone()]);
    let t = Tmux::start("dk-e2e-follow", 120, 30, &wrapped(""));
    t.wait_text("Containers (", 15);
    // All containers (the default: created ones are not running), narrowed to this test's.
    assert!(
        t.filter(&base).contains(" all)"),
        "all containers are listed"
    );

    common::docker_cli_ok(&[
        "create",
        "--name",
        &base,
        "--network",
        "none",
        "docktor-fixture/base:latest",
        "sleep",
        "1000",
    ]);
    t.wait_for("the created container", 10, |s| {
        row(s, &base).is_some_and(|r| r.contains("created"))
    });
    common::docker_cli_ok(&["rename", &base, &renamed]);
    t.wait_for("the new name, the old one gone", 10, |s| {
        row(s, &renamed).is_some() && row(s, &base).is_none()
    });
    common::docker_cli_ok(&["start", &renamed]);
    t.wait_for("it running", 10, |s| {
        row(s, &renamed).is_some_and(|r| r.contains("running"))
    });
    common::docker_cli_ok(&["pause", &renamed]);
    t.wait_for("it paused", 10, |s| {
        row(s, &renamed).is_some_and(|r| r.contains("paused"))
    });
    common::docker_cli_ok(&["unpause", &renamed]);
    t.wait_for("it running again", 10, |s| {
        row(s, &renamed).is_some_and(|r| r.contains("running"))
    });
    common::docker_cli_ok(&["rm", "-f", &renamed]);
    let s = t.wait_for("the row gone", 10, |s| row(s, &renamed).is_none());
    assert!(s.contains("Containers (0/"), "an empty list:\n{s}");
    t.keys(&["q"]);
    assert!(t.wait_text(" END", 10).contains("EXIT=0 END"));
}

#[tokio::test]
async fn a_container_in_its_start_period_has_the_starting_badge() {
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let base = format!("dkt-e2e-badge-{}", std::process::id());
    // The first row is selected (its colours are the selection's): the plain one sorts first.
    let (plain, starting) = (format!("{base}-a"), format!("{base}-b"));
    let _gone = Gone(vec![plain.clone(), starting.clone()]);
    let run = |name: &str, health: &[&str]| {
        let mut args = vec!["run", "-d", "--name", name, "--network", "none"];
        args.extend_from_slice(health);
        args.extend_from_slice(&["docktor-fixture/base:latest", "sleep", "1000"]);
        common::docker_cli_ok(&args);
    };
    run(&plain, &["--no-healthcheck"]);
    // No probe within the hour: the daemon says "starting" all along.
    run(
        &starting,
        &[
            "--health-cmd",
            "exit 1",
            "--health-interval",
            "1h",
            "--health-start-period",
            "1h",
        ],
    );
    let health = common::docker_cli_ok(&["inspect", "-f", "{{.State.Health.Status}}", &starting]);
    assert_eq!(health, "starting");
    let t = Tmux::start("dk-e2e-badge", 120, 30, &wrapped(""));
    t.wait_text("Containers (", 15);
    let s = t.filter(&base);
    let r = row(&s, &starting).unwrap_or_else(|| panic!("{starting} listed:\n{s}"));
    assert!(r.contains("… starting"), "{r}");
    // Yellow (tmux writes colour 3 as 38;5;3) right before the badge.
    let esc = t.screen_escapes();
    let line = esc
        .lines()
        .find(|l| l.contains(&starting))
        .expect("the row with escapes");
    let at = line.find("… starting").expect("the badge");
    let sgr = &line[..at];
    let last = sgr.rfind("\x1b[").map(|i| &sgr[i..]).unwrap_or_default();
    assert!(last.contains("38;5;3"), "yellow before the badge: {line:?}");
    t.keys(&["q"]);
    t.wait_text(" END", 10);
}

#[tokio::test]
async fn started_while_the_engine_is_down_it_connects_when_it_comes_up() {
    use common::engines::{self, PrivateDaemon};
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    if !engines::ready("down-at-start", engines::netns_ready()) {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let mut daemon = PrivateDaemon::start("down-at-start", &[]);
    daemon.load_image("docktor-fixture/base:latest");
    let out = daemon.docker(&[
        "create",
        "--name",
        "ds-waiting",
        "--network",
        "none",
        "docktor-fixture/base:latest",
        "sleep",
        "1000",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    daemon.stop();
    let t = Tmux::start(
        "dk-e2e-down-start",
        120,
        30,
        &wrapped(&format!("-H {}", daemon.host())),
    );
    let s = t.wait_for("the screen naming the socket", 15, |s| {
        s.contains("Cannot reach the container engine") && s.contains("retries every 2 s")
    });
    assert!(s.contains(&daemon.socket().display().to_string()), "{s}");
    daemon.start_again();
    let s = t.wait_for("the list once the engine answers", 30, |s| {
        s.contains("ds-waiting") && !s.contains("Cannot reach")
    });
    assert!(s.contains("Containers ("), "{s}");
    t.keys(&["q"]);
    assert!(t.wait_text(" END", 10).contains("EXIT=0 END"));
}
