//! The Doctor in the real binary, in tmux, against the real daemon: choosing a container
//! shows its checklist first, rows fill in, Enter on a check jumps to the tab with its
//! details, and the Images view opens an image's checklist. The checklist must be on screen
//! within a generous bound (the figure is printed; tests/bench/bench-doctor.sh measures it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

// keys pressed (tests/keys_covered.rs): [Images] d
mod common;
mod doctor_kit;

use std::time::{Duration, Instant};

use common::tmux::{self, Tmux};
use doctor_kit::Made;

#[tokio::test]
async fn choosing_a_container_shows_its_checklist_and_enter_jumps_to_the_details() {
    if common::engine().await.is_none() || !tmux::ready() || doctor_kit::image().is_none() {
        return;
    }
    let c = Made::new("e2e", true, &["--cpus", "1", "-e", "WORKERS=5"]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("docktor.toml"),
        "[build]\nbase_image = \"\"\n",
    )
    .unwrap();
    let cmd = format!(
        "cd {} && {}; echo END; sleep 60",
        dir.path().display(),
        common::docktor_bin().display()
    );
    let t = Tmux::start("dk-e2e-doctor", 120, 40, &cmd);
    t.wait_text("Containers (", 15);
    t.keys(&["/"]);
    t.text(&c.name);
    t.keys(&["Enter"]);
    t.wait_text(&format!("▶ {}", c.name), 15);
    let opened = Instant::now();
    t.keys(&["Enter"]);
    let s = t.wait_for("a first verdict", 10, |s| {
        s.contains("Doctor ·") && s.contains("✔ pass")
    });
    eprintln!(
        "doctor: first verdict on screen {} ms after Enter (tmux polling, 100 ms steps)",
        opened.elapsed().as_millis()
    );
    assert!(opened.elapsed() < Duration::from_secs(5));
    assert!(
        s.contains("Build issues") && s.contains("Runtime issues"),
        "{s}"
    );
    t.wait_for("every fact", 30, |s| !s.contains("reading "));
    // The last rows: five workers on one CPU (more than 2 × 1 + 1), no restart policy, and
    // last an image check, which Enter shows in the Layers tab.
    t.keys(&["G"]);
    let s = t.wait_text("5 Gunicorn workers compete for 1 CPUs", 10);
    assert!(s.contains("No restart policy"), "{s}");
    t.wait_text("Enter Layers tab", 5);
    t.keys(&["Enter"]);
    t.wait_for("the Layers tab", 20, |s| {
        s.contains("efficiency") && s.contains("metadata steps folded")
    });
    // Back on the Doctor: what it found is still there.
    t.keys(&["BTab", "BTab"]);
    t.wait_text("5 Gunicorn workers compete", 5);
    // The Images view opens an image's checklist with d.
    t.keys(&["Escape", "Escape", "i"]);
    t.wait_text("Images (", 15);
    t.keys(&["/"]);
    t.text("dkt-doctor/app");
    t.keys(&["Enter"]);
    t.wait_text("dkt-doctor/app:latest", 15);
    t.keys(&["d"]);
    let s = t.wait_for("the image's checklist", 20, |s| {
        s.contains("Doctor · dkt-doctor/app") && !s.contains("reading ")
    });
    assert!(s.contains("✔ pass"), "{s}");
    t.keys(&["q"]);
    t.wait_text("END", 10);
}
