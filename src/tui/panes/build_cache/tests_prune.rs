//! The Build cache tab's prune flow: plan → confirmation (default No) → the job, the
//! spinner, what it freed (snapshots), a failure with the daemon's words, nothing to prune.

use std::time::Duration;

use ratatui::style::Color;

use super::job::{Planned, PruneEnded, PruneStarted, PruneTick};
use super::tests::{act, df, find, layers_only, loaded, plan, render, text, ticket};
use super::{PruneState, keys};
use crate::buildcache::CacheFacts;
use crate::buildcache::prune::{PruneRequest, PruneWhat};
use crate::buildcache::pruning::Pruned;
use crate::engine::disk_totals::cache_totals;
use crate::model::prune::PruneReport;
use crate::tui::keys::Avail;
use crate::tui::msg::{Effect, describe};
use crate::tui::pane::Pane;
use crate::tui::pane::testing::Fixture;

#[test]
fn the_prune_is_planned_confirmed_with_no_as_default_then_run() {
    let f = Fixture::new(vec![]);
    let mut p = loaded(&f);
    assert_eq!(
        describe(&act(&mut p, keys::PRUNE_LAYERS, &f)),
        ["job prune plan"]
    );
    assert!(text(&p, 80, 24).contains("working out what a prune would remove"));
    let fx = p.on_done(
        ticket(),
        Box::new(Planned {
            request: layers_only(),
            plan: Ok(plan(&layers_only())),
        }),
        &f.env(),
    );
    let Some(Effect::Confirm(c)) = fx.into_iter().next() else {
        panic!("a confirmation");
    };
    assert_eq!(c.title, "Prune 2 build cache records, 1.982MB?");
    assert!(!c.default_yes, "No is the default");
    assert_eq!(describe(&c.on_yes), ["job prune"]);
    assert_eq!(
        c.preview[0],
        "build cache layers (cache mounts such as the uv cache and contexts stay)"
    );
    assert!(
        c.preview.iter().any(|l| l.contains("shared with images")),
        "{:?}",
        c.preview
    );
    assert!(c.preview.iter().all(|l| l.chars().count() <= 74));
    // Running: the spinner turns with each tick, every prune key waits.
    p.on_done(
        ticket(),
        Box::new(PruneStarted("2 build cache records, 1.982MB".into())),
        &f.env(),
    );
    for _ in 0..13 {
        p.on_done(ticket(), Box::new(PruneTick), &f.env());
    }
    assert!(matches!(
        p.state().prune,
        PruneState::Running { ticks: 13, .. }
    ));
    let s = text(&p, 80, 24);
    assert!(
        s.contains("⠸ pruning 2 build cache records, 1.982MB… 1.3 s"),
        "{s}"
    );
    assert_eq!(
        p.available(keys::PRUNE, &f.env()),
        Avail::not("a prune is under way: wait for it to finish")
    );
    insta::assert_snapshot!(
        "build_cache_pruning_80x24",
        render(&p, 80, 24, true).backend()
    );
    // Done: what it freed and the new totals, the view from the disk read after.
    let mut after = df(false);
    after.build_cache = cache_totals(&after.build_cache_items);
    let done = Pruned {
        what: PruneWhat::Builder,
        report: PruneReport {
            deleted: vec!["l1".into(), "l2".into()],
            space_reclaimed: 1_982_261,
        },
        before: CacheFacts::from_disk_usage(&df(true)),
        after: Ok(CacheFacts::from_disk_usage(&after)),
    };
    let fx = p.on_done(
        ticket(),
        Box::new(PruneEnded::Done(Box::new(done))),
        &f.env(),
    );
    assert_eq!(
        describe(&fx),
        [
            "flash freed 1.982MB (2 removed) · build cache 2.29MB → 2.29MB, reclaimable 2.29MB → 2.29MB"
        ]
    );
    assert_eq!(p.state().entry_count(), 3);
    assert_eq!(
        p.available(keys::PRUNE_LAYERS, &f.env()),
        Avail::not("no layer records in the build cache")
    );
    insta::assert_snapshot!(
        "build_cache_pruned_80x24",
        render(&p, 80, 24, true).backend()
    );
}

#[test]
fn a_failed_prune_says_what_the_daemon_said_and_shows_the_disk_after() {
    let f = Fixture::new(vec![]);
    let mut p = loaded(&f);
    act(&mut p, keys::PRUNE, &f);
    p.on_done(ticket(), Box::new(PruneStarted("x".into())), &f.env());
    let said =
        "cannot prune the build cache: Error response from daemon: filters expect only one value";
    let fx = p.on_done(
        ticket(),
        Box::new(PruneEnded::Failed {
            message: said.into(),
            now: Some(Box::new(CacheFacts::from_disk_usage(&df(false)))),
        }),
        &f.env(),
    );
    assert_eq!(describe(&fx), [format!("flash prune failed: {said}")]);
    assert_eq!(
        p.state().entry_count(),
        3,
        "the view is the disk as read after the failure"
    );
    let s = text(&p, 80, 24);
    assert!(
        s.contains("prune failed: cannot prune the build cache: Error response"),
        "{s}"
    );
    assert!(
        s.contains("filters expect only one value"),
        "wrapped, not cut: {s}"
    );
    let term = render(&p, 80, 24, false);
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "✘ prune failed").unwrap_or_else(|| panic!("the failure on screen"));
    assert_eq!(buf[(x, y)].fg, Color::Red);
    // Without a disk read after it, the last one stays and says so.
    p.on_done(
        ticket(),
        Box::new(PruneEnded::Failed {
            message: said.into(),
            now: None,
        }),
        &f.env(),
    );
    assert!(text(&p, 120, 40).contains("could not read the disk"));
}

#[test]
fn nothing_to_prune_is_said_and_asks_nothing() {
    let f = Fixture::new(vec![]);
    let mut p = loaded(&f);
    assert_eq!(
        p.available(keys::PRUNE_IMAGES, &f.env()),
        Avail::not("no dangling images")
    );
    assert_eq!(
        p.available(keys::PRUNE_CONTAINERS, &f.env()),
        Avail::not("no stopped containers")
    );
    let mut req = PruneRequest::new(PruneWhat::Builder);
    req.until = Some(Duration::from_secs(86_400));
    let fx = p.on_done(
        ticket(),
        Box::new(Planned {
            plan: Ok(plan(&req)),
            request: req,
        }),
        &f.env(),
    );
    assert_eq!(
        describe(&fx),
        ["flash nothing to prune: no unused build cache, unused for more than 1d"]
    );
}
