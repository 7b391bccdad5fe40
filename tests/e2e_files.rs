//! The Files tab of the real binary in tmux against the real daemon: a container with
//! ownership mistakes shows its tree with flags, the findings list, another path; the
//! 100,000-file one shows its first screen before the walk ends, and Esc cancels; the
//! terminal comes back sane.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod files_kit;

use common::tmux::{self, Tmux};

fn wrapped(args: &str) -> String {
    format!(
        "{} {args}; code=$?; modes=$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '); echo \"EXIT=$code MODES=$modes END\"; sleep 60",
        common::docktor_bin().display()
    )
}

async fn ready() -> bool {
    if common::engine().await.is_none() {
        return false;
    }
    if !tmux::available() {
        assert!(
            !common::require_docker(),
            "tmux is required for the end-to-end tests"
        );
        common::skip::skip("tmux not installed");
        return false;
    }
    files_kit::fixtures()
}

/// Opens `name` from the list and tabs to Files.
fn open_files_tab(t: &Tmux, name: &str) {
    t.wait_text("Containers (", 15);
    t.keys(&["/"]);
    t.text(name);
    t.keys(&["Enter"]);
    t.wait_text(name, 15);
    t.keys(&["Enter"]);
    t.wait_text("Doctor │ Logs", 10);
    t.tab_to("Files");
}

#[tokio::test]
async fn ownership_mistakes_are_flagged_and_listed() {
    if !ready().await {
        return;
    }
    let t = Tmux::start("dk-e2e-files", 120, 36, &wrapped(""));
    open_files_tab(&t, "dfx-files-perms");
    let s = t.wait_for("the rules' verdict", 20, |s| {
        s.contains("findings ─") || s.contains(" findings ")
    });
    assert!(s.contains("Files /app · app (1001:1001)"), "{s}");
    assert!(
        s.contains("root:root") && s.contains("secret.conf") && s.contains("✘"),
        "{s}"
    );
    t.keys(&["v"]);
    let s = t.wait_text("files.must-write", 10);
    assert!(s.contains("fix:"), "{s}");
    // Another path: /etc, with the names from the container's own /etc/passwd.
    t.keys(&["p"]);
    t.text("/etc");
    t.keys(&["Enter"]);
    // The header comes before the walk's first entries: wait for both.
    t.wait_for("/etc and its entries", 15, |s| {
        s.contains("Files /etc") && s.contains("passwd")
    });
    t.keys(&["q"]);
    let s = t.wait_text("END", 10);
    assert!(
        s.contains("EXIT=0") && !s.contains("-icanon") && !s.contains("-echo"),
        "{s}"
    );
}

#[tokio::test]
async fn a_large_walk_shows_early_and_esc_cancels() {
    if !ready().await {
        return;
    }
    let t = Tmux::start("dk-e2e-files-big", 120, 30, &wrapped(""));
    open_files_tab(&t, "dfx-files-big");
    let s = t.wait_for("the tree or the end", 30, |s| {
        s.contains("d0") || s.contains("entries,")
    });
    assert!(s.contains("Files /app"), "{s}");
    t.keys(&["Escape"]);
    let s = t.wait_for("cancelled or done", 30, |s| {
        s.contains("cancelled after") || s.contains("finding")
    });
    assert!(s.contains("d0"), "what was read stays on screen: {s}");
    t.keys(&["q"]);
    let s = t.wait_text("END", 10);
    assert!(s.contains("EXIT=0"), "{s}");
}
