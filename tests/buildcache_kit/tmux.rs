//! The prune flow of the real binary in tmux, on an engine the test owns: the question of
//! `docktor prune` on a terminal (default no); the Build cache screen (`docktor cache
//! --tui`) and tab with `docker system df`'s totals; a prune cancelled (nothing removed),
//! then confirmed (spinner, what it freed, new totals equal to `docker system df`'s); stopped
//! containers; a prune that fails because the engine went away leaves the last totals and
//! says why; read-only refuses; the terminal is restored.

use crate::common::tmux::Tmux;

use super::Owned;

fn docktor(o: &Owned, args: &str) -> String {
    format!(
        "{} -H {} {args}",
        crate::common::docktor_bin().display(),
        o.host()
    )
}

/// The title the screen shows for `docker system df`'s build cache line.
fn title(o: &Owned) -> String {
    let (count, _, size, reclaimable) = o.df("Build Cache");
    format!("Build cache · {count} records · {size} · {reclaimable} reclaimable")
}

pub fn prune_flow(o: &mut Owned, tag: &str) {
    let prefix = format!("dkt-buildcache-tmux-{tag}-{}", std::process::id());
    o.fill(&prefix);
    // tmux's server exits with its last session: a new session started while it exits
    // fails. One session lives through the whole flow.
    let _keeper = Tmux::start(&format!("dkt-bc-keep-{tag}"), 20, 5, "sleep 600");

    // Headless on a terminal: it asks, and Enter is no.
    let t = Tmux::start(
        &format!("dkt-bc-ask-{tag}"),
        120,
        30,
        &format!("{}; sleep 60", docktor(o, "prune containers")),
    );
    t.wait_text("[y/N]", 20);
    t.keys(&["Enter"]);
    t.wait_text("nothing pruned", 10);
    assert_eq!(
        o.df("Containers").0,
        "1",
        "the stopped container is still there"
    );
    drop(t);

    // Read-only: the prune keys are refused and say so.
    let t = Tmux::start(
        &format!("dkt-bc-ro-{tag}"),
        100,
        30,
        &docktor(o, "--read-only cache --tui"),
    );
    t.wait_text("cache mount /root/.cache/uv", 20);
    t.keys(&["l"]);
    t.wait_text("read-only mode", 5);
    assert!(!t.screen().contains("confirm"), "{}", t.screen());
    t.keys(&["q"]);
    drop(t);

    // The tab of a container shows the same.
    let t = Tmux::start(&format!("dkt-bc-tab-{tag}"), 100, 30, &docktor(o, ""));
    t.wait_text("Containers (1/1 all)", 20);
    t.keys(&["Enter"]);
    t.wait_text("Build cache", 10);
    // The last tab: `[` (previous) from the first wraps round to it.
    t.keys(&["["]);
    let s = t.wait_text("cache mount /root/.cache/uv", 20);
    assert!(s.contains(&title(o)), "{s}");
    t.keys(&["q"]);
    drop(t);

    let t = Tmux::start(
        &format!("dkt-bc-tui-{tag}"),
        100,
        32,
        &format!(
            "{}; echo \"EXIT=$? END\"; sleep 30",
            docktor(o, "cache --tui")
        ),
    );
    let s = t.wait_text("cache mount /root/.cache/uv", 20);
    assert!(
        s.contains(&title(o)),
        "the title is docker system df's: {s}"
    );
    let layers = s.matches("layer: ").count();
    assert!(layers >= 3, "{s}");

    // Layers only: asked first; no keeps everything.
    let before = title(o);
    t.keys(&["l"]);
    let s = t.wait_text("build cache records", 20);
    assert!(
        s.contains("Prune ") && s.contains("cache mounts such as the uv cache and contexts stay"),
        "{s}"
    );
    t.keys(&["n"]);
    t.wait_text("prune cancelled: nothing removed", 10);
    assert_eq!(title(o), before, "nothing was removed");

    // Yes: it runs, says what it freed, and the totals are docker system df's again.
    t.keys(&["l"]);
    t.wait_text("build cache records", 20);
    t.keys(&["y"]);
    let s = t.wait_text("✔ freed", 60);
    let now = title(o);
    let s = if s.contains(&now) {
        s
    } else {
        t.wait_text(&now, 10)
    };
    assert!(!s.contains("layer: "), "the layers are gone: {s}");
    assert!(
        s.contains("cache mount /root/.cache/uv"),
        "the uv cache stays: {s}"
    );

    // Stopped containers, with the same preview and question.
    t.keys(&["c"]);
    let s = t.wait_text("Prune 1 container", 20);
    assert!(
        s.contains("dkt-buildcache-tmux-"),
        "the container is named: {s}"
    );
    t.keys(&["y"]);
    t.wait_text("freed", 60);
    assert_eq!(o.df("Containers").0, "0");

    // A prune that fails: the engine goes away between the question and the answer.
    t.keys(&["p"]);
    t.wait_text("Prune ", 20);
    let shown = title(o);
    o.stop();
    t.keys(&["y"]);
    let s = t.wait_text("prune failed", 30);
    assert!(s.contains(&shown), "the last totals stay on screen: {s}");
    t.keys(&["q"]);
    let s = t.wait_text("END", 10);
    assert!(s.contains("EXIT=0 END"), "{s}");
    assert!(t.terminal_restored(), "{s}");
}
