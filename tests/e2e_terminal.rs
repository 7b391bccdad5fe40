//! The terminal always comes back: the real binary in tmux, ended by SIGTERM, SIGHUP and
//! SIGINT, suspended with Ctrl-Z (and SIGTSTP) and brought back with `fg`, handing the
//! terminal to a shell in a container and back, and started without a terminal. Except for
//! the shell, the engine is an address where nothing answers: the TUI is up (its "cannot
//! reach" screen) without depending on a daemon.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

// keys pressed (tests/keys_covered.rs): [Container actions] e
// keys pressed (tests/keys_covered.rs): [Ctrl] C-z
// keys pressed (tests/keys_covered.rs): [Everywhere] q

use common::gone::Gone;
use common::tmux::{self, Tmux};

const DOWN: &str = "DOCKER_HOST=tcp://127.0.0.1:1";

/// A pane command that runs docktor, then reports its exit code and the terminal modes.
fn wrapped(args: &str) -> String {
    wrapped_with(DOWN, args)
}

fn wrapped_with(env: &str, args: &str) -> String {
    format!(
        "{env} {} {args}; code=$?; modes=$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '); echo \"EXIT=$code MODES=$modes END\"; sleep 60",
        common::docktor_bin().display()
    )
}

/// Whether a shell prompt (`…$ ` or `…# `) ends the text on screen.
fn prompt(screen: &str) -> bool {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            let l = l.trim_end();
            l.ends_with('$') || l.ends_with('#')
        })
}

fn assert_restored(t: &Tmux, screen: &str, code: u8) {
    assert!(
        screen.contains(&format!("EXIT={code} ")),
        "docktor must exit {code}:\n{screen}"
    );
    assert!(
        screen.contains("icanon") && !screen.contains("-icanon"),
        "canonical mode restored:\n{screen}"
    );
    assert!(!screen.contains("-echo"), "echo restored:\n{screen}");
    assert!(
        t.terminal_restored(),
        "alternate screen left and cursor shown (alternate_on={}, cursor_flag={}):\n{screen}",
        t.format("alternate_on"),
        t.format("cursor_flag")
    );
    for bad in ["panicked", "backtrace"] {
        assert!(!screen.contains(bad), "{screen}");
    }
}

fn killed_by(signal: &str, code: u8) {
    if !tmux::ready() {
        return;
    }
    let t = Tmux::start(&format!("dk-term-{signal}"), 100, 30, &wrapped(""));
    t.wait_text("Cannot reach the container engine", 15);
    assert_eq!(
        t.format("alternate_on"),
        "1",
        "the TUI is on the alternate screen"
    );
    let pid = t.child_pid("docktor");
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .is_ok_and(|s| s.success());
    assert!(sent, "kill -{signal} {pid}");
    let s = t.wait_text(" END", 10);
    assert_restored(&t, &s, code);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    killed_by("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    killed_by("HUP", 129);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    killed_by("INT", 130);
}

/// The process state letter of `pid` (`T` when stopped).
fn state(pid: u32) -> String {
    std::process::Command::new("ps")
        .args(["-o", "stat=", "-p", &pid.to_string()])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

#[test]
fn ctrl_z_suspends_and_fg_brings_it_back() {
    if !tmux::ready() {
        return;
    }
    let t = Tmux::start("dk-term-tstp", 100, 30, "exec bash --norc --noprofile -i");
    t.wait_for("bash's prompt", 10, prompt);
    t.text(&format!("{DOWN} {}", common::docktor_bin().display()));
    t.keys(&["Enter"]);
    t.wait_text("Cannot reach the container engine", 15);
    let pid = t.child_pid("docktor");
    for how in ["Ctrl-Z", "SIGTSTP"] {
        if how == "Ctrl-Z" {
            t.keys(&["C-z"]);
        } else {
            let _ = std::process::Command::new("kill")
                .args(["-TSTP", &pid.to_string()])
                .status();
        }
        let s = t.wait_text("Stopped", 10);
        assert!(t.terminal_restored(), "{how}: terminal restored:\n{s}");
        assert!(state(pid).starts_with('T'), "{how}: docktor is stopped");
        t.keys(&["clear", "Enter"]);
        t.text("fg");
        t.keys(&["Enter"]);
        t.wait_for(&format!("the TUI back after {how}"), 10, |s| {
            s.contains("Cannot reach the container engine")
        });
        assert_eq!(t.format("alternate_on"), "1", "{how}: the TUI redraws");
    }
    t.keys(&["q"]);
    t.wait_for("the prompt", 10, |_| t.format("alternate_on") == "0");
    t.text("echo EXIT=$? END");
    t.keys(&["Enter"]);
    let s = t.wait_text("EXIT=0 END", 10);
    assert!(t.terminal_restored(), "{s}");
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2() {
    if !tmux::ready() {
        return;
    }
    let cmd = format!(
        "{} < /dev/null; echo \"EXIT=$? END\"; sleep 60",
        common::docktor_bin().display()
    );
    let t = Tmux::start("dk-term-none", 120, 30, &cmd);
    let s = t.wait_text(" END", 10);
    assert!(s.contains("EXIT=2 END"), "{s}");
    assert!(s.contains("needs a terminal"), "{s}");
    assert!(
        s.contains("docktor ps") && s.contains("docktor compare"),
        "{s}"
    );
    assert!(!s.contains("panicked") && !s.contains("backtrace"), "{s}");
    assert!(t.terminal_restored(), "{s}");
}

#[tokio::test]
async fn shell_hands_the_terminal_over_and_comes_back() {
    if common::engine().await.is_none() || !tmux::ready() {
        return;
    }
    assert!(common::fixtures(), "fixtures");
    let t = Tmux::start("dk-e2e-shell", 120, 30, &wrapped_with("", ""));
    t.wait_text("Containers (", 15);
    let s = t.filter("nohealth");
    assert!(s.contains("▶ dfx-nohealth"), "{s}");
    t.keys(&["e"]);
    t.wait_text("exit the shell to come back", 10);
    t.wait_for("the container shell's prompt", 10, |s| {
        s.split_once("exit the shell to come back")
            .is_some_and(|(_, after)| prompt(after))
    });
    t.text("echo INSIDE-$((40+2))");
    t.keys(&["Enter"]);
    t.wait_text("INSIDE-42", 10);
    // While the shell has the terminal the engine goes on: a container appears; its event
    // is queued and handled once docktor is back.
    let name = format!("dkt-tui-nohealth-shell-{}", std::process::id());
    let _cleanup = Gone::one(name.clone());
    let since = (docktor::clock::now() - 5).to_string();
    common::docker_cli_ok(&[
        "create",
        "--name",
        &name,
        "--network",
        "none",
        "docktor-fixture/base:latest",
        "true",
    ]);
    // The daemon has sent the create event to its subscribers (docktor among them) before
    // the shell exits.
    let created = common::wait_until(std::time::Duration::from_secs(10), || {
        let out = common::docker_cli(&[
            "events",
            "--since",
            &since,
            "--until",
            "0s",
            "--filter",
            &format!("container={name}"),
            "--filter",
            "event=create",
        ]);
        !String::from_utf8_lossy(&out.stdout).trim().is_empty()
    });
    assert!(created, "the daemon reported the create of {name}");
    t.text("exit");
    t.keys(&["Enter"]);
    let s = t.wait_text("shell closed", 10);
    assert!(
        s.contains("dfx-nohealth") && s.contains("Containers ("),
        "{s}"
    );
    t.wait_text("dkt-tui-nohealth-shell-", 10);
    t.keys(&["q"]);
    let s = t.wait_text(" END", 10);
    assert_restored(&t, &s, 0);
}
