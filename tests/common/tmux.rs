//! Driving the real binary in a detached tmux session: send keys, read the screen.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub session: String,
}

pub fn available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the end-to-end tests can run: tmux is there. Without it they skip (and say so),
/// or fail when a daemon is required (CI installs tmux).
pub fn ready() -> bool {
    if !available() {
        assert!(
            !super::require_docker(),
            "tmux is required for the end-to-end tests"
        );
        super::skip::skip("tmux not installed");
        return false;
    }
    true
}

impl Tmux {
    /// Starts `shell_cmd` (run by sh) in a new detached session of `w`×`h`.
    pub fn start(name: &str, w: u16, h: u16, shell_cmd: &str) -> Tmux {
        let session = format!("{name}-{}", std::process::id());
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &session])
            .output();
        let ok = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                shell_cmd,
            ])
            .env_remove("TMUX")
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tmux new-session failed for {shell_cmd}");
        Tmux { session }
    }

    pub fn screen(&self) -> String {
        Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    /// The screen with its colours and attributes as escape sequences.
    pub fn screen_escapes(&self) -> String {
        Command::new("tmux")
            .args(["capture-pane", "-p", "-e", "-t", &self.session])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    /// Sends keys as tmux names them (`Enter`, `Escape`, `j`, `C-c`) or literal text.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let _ = Command::new("tmux")
                .args(["send-keys", "-t", &self.session, k])
                .status();
        }
    }

    pub fn text(&self, text: &str) {
        let _ = Command::new("tmux")
            .args(["send-keys", "-t", &self.session, "-l", text])
            .status();
    }

    /// Waits until `pred(screen)` holds; panics with the last screen after `secs`.
    pub fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                panic!("waited {secs} s for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `#{name}` of the pane as tmux formats it (e.g. `alternate_on`, `cursor_flag`, `pane_pid`).
    pub fn format(&self, name: &str) -> String {
        Command::new("tmux")
            .args([
                "display-message",
                "-p",
                "-t",
                &self.session,
                &format!("#{{{name}}}"),
            ])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    }

    /// True when the program left the alternate screen and shows the cursor again.
    pub fn terminal_restored(&self) -> bool {
        self.format("alternate_on") == "0" && self.format("cursor_flag") == "1"
    }

    /// The PID of the pane's process named `name` (a child of the pane's shell), waiting up to
    /// 10 s for it.
    pub fn child_pid(&self, name: &str) -> u32 {
        let shell = self.format("pane_pid");
        let start = Instant::now();
        loop {
            let out = Command::new("ps")
                .args(["-o", "pid=,comm=", "--ppid", &shell])
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default();
            let found = out.lines().find_map(|l| {
                let mut it = l.split_whitespace();
                let pid = it.next()?.parse().ok()?;
                (it.next()? == name).then_some(pid)
            });
            if let Some(pid) = found {
                return pid;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no {name} under the pane's shell {shell}: {out}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Types `/`, `text` and Enter (the filter of a list) and waits until the filter is
    /// kept: the title says `filter: TEXT` without the cursor mark `▏` it has while typing
    /// (a wait for `text` alone would be over as soon as it is typed), and the list is read
    /// (no "reading the … list…" left). Returns the screen.
    // keys pressed (tests/keys_covered.rs): [Container list] /
    pub fn filter(&self, text: &str) -> String {
        self.keys(&["/"]);
        self.text(text);
        self.keys(&["Enter"]);
        let kept = format!("filter: {text}");
        let typing = format!("filter: {text}▏");
        // The list's title is drawn before the engine has answered: wait for the list too.
        let loading = [
            "connecting…",
            "reading the container list…",
            "reading the image list…",
        ];
        self.wait_for(
            &format!("the filter {text:?} kept on a listed list"),
            15,
            |s| s.contains(&kept) && !s.contains(&typing) && !loading.iter().any(|l| s.contains(l)),
        )
    }

    pub fn wait_text(&self, text: &str, secs: u64) -> String {
        self.wait_for(&format!("'{text}'"), secs, |s| s.contains(text))
    }

    /// On a container's tabs: presses `]` (next tab) until the pane titled `title` is the
    /// one drawn (a line starts with its frame, `┌ title`: not a pane inside another tab),
    /// whatever tabs come before it.
    pub fn tab_to(&self, title: &str) -> String {
        let frame = format!("┌ {title}");
        for _ in 0..10 {
            let s = self.screen();
            if s.lines().any(|l| l.starts_with(&frame)) {
                return s;
            }
            self.keys(&["]"]);
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        self.wait_for(&frame, 5, |s| s.lines().any(|l| l.starts_with(&frame)))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .output();
    }
}
