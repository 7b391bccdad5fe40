//! The on-call fixes in the real binary, in tmux, at 80x24, 120x40 and 200x50: pausing the
//! logs keeps the view where it is, long lines wrap, timestamps show, ANSI colours are
//! colours, the header's status follows the clock, the filter finds the unhealthy ones, a
//! container without a shell is said so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::gone::{self, Gone, GoneImage};
use common::tmux::{self, Tmux};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn docktor(t: &Tmux, filter: &str) {
    t.wait_text("Containers (", 15);
    t.keys(&["/"]);
    t.text(filter);
    t.keys(&["Enter"]);
    t.wait_text(&format!("▶ {filter}"), 15);
}

/// The first line of the log box's body.
fn first_log_line(s: &str) -> String {
    s.lines()
        .skip_while(|l| !l.contains("┌ Logs"))
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn logs_pause_where_they_are_wrap_and_show_times_and_colours() {
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    // Short enough to be shown whole at 80 columns.
    let name = format!("dko-logs-{}", std::process::id());
    let script = r#"i=0; while [ $i -lt 300 ]; do echo "line $i"; i=$((i+1)); done; printf '\033[32mgreen words\033[0m\n'; head -c 3000 /dev/zero | tr '\0' y; echo; while :; do echo "tick $i"; i=$((i+1)); sleep 0.2; done"#;
    let _gone = gone::started(&name, &[], &["sh", "-c", script]);
    for (w, h) in SIZES {
        let t = Tmux::start(
            "dk-oncall-logs",
            w,
            h,
            &common::docktor_bin().display().to_string(),
        );
        docktor(&t, &name);
        t.keys(&["Enter"]);
        t.tab_to("Logs");
        t.wait_text("tick ", 15);
        // ANSI colours are colours: no `[32m` left on screen, green in the cells.
        let s = t.screen();
        assert!(!s.contains("[32m") && !s.contains("[0m"), "{s}");
        // Pause: the view stays where it is while lines come in (it used to jump to the top).
        t.keys(&["f"]);
        let s = t.wait_text("[paused]", 5);
        let before = first_log_line(&s);
        assert!(
            before.contains("line ") || before.contains("yyy") || before.contains("green"),
            "{s}"
        );
        std::thread::sleep(std::time::Duration::from_millis(1200));
        let after = t.screen();
        assert_eq!(
            first_log_line(&after),
            before,
            "the paused view moved:\n{after}"
        );
        // Wrap: the long line takes several rows.
        t.keys(&["G", "w"]);
        let s = t.wait_text("↪│", 5);
        assert!(s.contains("· wrap"), "{s}");
        // Timestamps, the daemon's, in UTC.
        t.keys(&["t"]);
        t.wait_for("timestamps", 5, |s| {
            s.lines()
                .any(|l| l.contains("out│20") && l.contains('T') && l.contains("Z "))
        });
        // The position in the buffer is in the title.
        assert!(t.screen().contains("/3"), "the title counts the lines");
        // The header: state, and a status that follows the clock.
        let head = t.screen().lines().next().unwrap_or_default().to_string();
        assert!(head.contains("running") && head.contains("up "), "{head}");
        assert!(!head.contains("Less than a second"), "{head}");
        // The hint bar keeps ? and q at every size.
        let s = t.screen();
        let bar = s.lines().last().unwrap_or_default();
        assert!(bar.contains("? help") && bar.contains("q quit"), "{bar}");
        // The green line, found by a search: its other words are green on screen.
        t.keys(&["/"]);
        t.text("green");
        t.keys(&["Enter"]);
        // Not while typing (`search: green▏`): once the search ran and shows its line.
        t.wait_for("the search done, its line on screen", 5, |s| {
            s.contains("search: green")
                && !s.contains("search: green▏")
                && s.contains("green words")
        });
        let esc = t.screen_escapes();
        let line = esc
            .lines()
            .find(|l| l.contains("words"))
            .unwrap_or_default();
        assert!(
            line.contains("[32m") || line.contains("38;5;2m"),
            "green is shown as green: {line:?}"
        );
        assert!(!t.screen().contains("[32m"), "no escape is shown as text");
        t.keys(&["q"]);
    }
}

#[tokio::test]
async fn the_filter_finds_the_unhealthy_and_a_shell_says_when_there_is_none() {
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    // A container with busybox as /busybox and no shell anywhere.
    let img = format!("dko/nosh-{}:1", std::process::id());
    let name = format!("dko-nosh-{}", std::process::id());
    let _gone = (Gone::one(name.clone()), GoneImage(img.clone()));
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy("/bin/busybox", dir.path().join("busybox")).expect("busybox");
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM scratch\nCOPY busybox /busybox\nCMD [\"/busybox\", \"sleep\", \"1000\"]\n",
    )
    .expect("Dockerfile");
    let ctx = dir.path().display().to_string();
    common::docker_cli_ok(&["build", "-q", "-t", &img, &ctx]);
    common::docker_cli_ok(&["run", "-d", "--name", &name, "--network", "none", &img]);
    for (w, h) in SIZES {
        let t = Tmux::start(
            "dk-oncall-list",
            w,
            h,
            &common::docktor_bin().display().to_string(),
        );
        t.wait_text("Containers (", 15);
        t.keys(&["/"]);
        t.text("unhealthy");
        t.keys(&["Enter"]);
        let s = t.wait_for("the unhealthy ones", 15, |s| {
            s.contains("filter: unhealthy") && s.contains("dfx-unhealthy")
        });
        assert!(
            !s.contains("dfx-healthy ") && !s.contains("dfx-nohealth"),
            "{s}"
        );
        // Each row is an unhealthy one (its badge is ✘, with the failing streak beside it) or
        // one the name matched: a container left stopped, as dfx-health-unhealthy is on a
        // machine whose daemon died with it, has no badge.
        let rows: Vec<&str> = s.lines().filter(|l| l.contains(" dfx-")).collect();
        assert!(
            rows.iter()
                .all(|l| l.contains("✘ ") || l.contains("dfx-health-unheal")),
            "{s}"
        );
        // Exit codes where they matter.
        t.keys(&["/", "C-u"]);
        t.text("dfx-exited");
        t.keys(&["Enter"]);
        t.wait_for("the exit code", 15, |s| {
            s.contains("filter: dfx-exited") && s.contains("exited (3)")
        });
        // No shell in it: said on the status line, and the TUI stays.
        t.keys(&["/", "C-u"]);
        t.text(&name);
        t.keys(&["Enter"]);
        t.wait_text(&format!("▶ {name}"), 15);
        t.keys(&["e"]);
        let s = t.wait_text("no shell in", 15);
        assert!(s.contains("Containers ("), "{s}");
        t.keys(&["q"]);
    }
}
