//! The Build cache tab on its own: snapshots at 80x24 and 120x40 (idle, pruning with the
//! spinner, done, failed), the prune flow (plan → confirmation, default No → the job),
//! what is available when, and the styles that carry meaning.

use std::time::{Duration, SystemTime};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::job::{Checked, DiskRead, Planned, PruneEnded, PruneStarted, PruneTick};
use super::{BuildCache, PruneState, keys};
use crate::buildcache::CacheFacts;
use crate::buildcache::prune::{PruneRequest, PruneWhat};
use crate::buildcache::pruning::{Plan, Pruned};
use crate::engine::disk_totals::cache_totals;
use crate::model::disk::{BuildCacheRecord, DfShape, DiskUsage, UsageTotals};
use crate::model::prune::PruneReport;
use crate::registry::{Probe, RegistryFacts, RegistryOutcome};
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::{Act, Avail};
use crate::tui::msg::{Effect, describe};
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Handled, Pane, Subject};
use crate::tui::theme::Theme;

/// 2026-12-01 09:15:00 UTC.
const T0: u64 = 1_796_116_500;

fn rec(
    id: &str,
    kind: &str,
    desc: &str,
    size: i64,
    shared: bool,
    in_use: bool,
) -> BuildCacheRecord {
    BuildCacheRecord {
        id: id.into(),
        parents: vec![],
        kind: kind.into(),
        description: desc.into(),
        in_use,
        shared,
        size,
        created_at: None,
        last_used_at: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(T0 - 600)),
        usage_count: 2,
    }
}

/// What a 20.10 engine listed after a build with the guide's uv cache mount.
fn df(with_layers: bool) -> DiskUsage {
    let mut items = vec![
        rec(
            "uv",
            "exec.cachemount",
            "cached mount /root/.cache/uv from exec /bin/sh -c uv sync --locked",
            307_203,
            false,
            false,
        ),
        rec(
            "ctx",
            "source.local",
            "local source for context",
            1_982_518,
            false,
            false,
        ),
        rec(
            "df",
            "source.local",
            "local source for dockerfile",
            262,
            false,
            true,
        ),
    ];
    if with_layers {
        items.push(rec(
            "l1",
            "regular",
            "fileop target",
            1_982_256,
            true,
            false,
        ));
        items.push(rec(
            "l2",
            "regular",
            "mount / from exec /bin/sh -c uv sync --locked",
            5,
            true,
            false,
        ));
    }
    let t = |count, active, size, reclaimable| UsageTotals {
        count,
        active,
        size,
        reclaimable,
    };
    DiskUsage {
        shape: DfShape::Legacy,
        images: t(12, 3, 45_200_000, 20_100_000),
        containers: t(5, 4, 1_200, 0),
        volumes: t(0, 0, 0, 0),
        build_cache: cache_totals(&items),
        image_items: vec![],
        container_items: vec![],
        volume_items: vec![],
        build_cache_items: items,
    }
}

fn registry() -> RegistryFacts {
    RegistryFacts {
        probes: vec![Probe {
            registry: "ghcr.io".into(),
            image: crate::profile::GUIDE_BASE_IMAGE.into(),
            named_by: vec!["profile base_image".into()],
            outcome: RegistryOutcome::DnsFailure,
            message:
                "Get \"https://ghcr.io/v2/\": dial tcp: lookup ghcr.io on 10.0.0.2:53: no such host"
                    .into(),
            elapsed_ms: 12,
        }],
        ..RegistryFacts::default()
    }
}

fn ticket() -> Ticket {
    Ticket {
        owner: PaneId(7),
        seq: 1,
    }
}

fn loaded(f: &Fixture) -> BuildCache {
    let mut p = BuildCache::default();
    let fx = p.on_open(&Subject::Container("c0ffee".into()), &f.env());
    assert_eq!(describe(&fx), ["job build cache", "job registries"]);
    p.on_done(
        ticket(),
        Box::new(DiskRead(Ok(CacheFacts::from_disk_usage(&df(true))))),
        &f.env(),
    );
    p.on_done(ticket(), Box::new(Checked(Ok(registry()))), &f.env());
    p
}

fn render(p: &BuildCache, w: u16, h: u16, mono: bool) -> Terminal<TestBackend> {
    let mut f = Fixture::new(vec![]);
    f.theme = Theme { mono };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    let mut env = f.env();
    env.now = T0 as i64;
    term.draw(|fr| {
        p.draw(fr, fr.area(), &env);
    })
    .unwrap_or_else(|e| panic!("{e}"));
    term
}

fn text(p: &BuildCache, w: u16, h: u16) -> String {
    format!("{:?}", render(p, w, h, true).backend())
}

fn act(p: &mut BuildCache, a: Act, f: &Fixture) -> Vec<Effect> {
    match p.on_act(a, &f.env()) {
        Handled::Yes(fx) => fx,
        Handled::No => Vec::new(),
    }
}

fn plan(req: &PruneRequest) -> Plan {
    Plan::from_df(
        req,
        &df(true),
        SystemTime::UNIX_EPOCH + Duration::from_secs(T0),
    )
}

fn layers_only() -> PruneRequest {
    let mut r = PruneRequest::new(PruneWhat::Builder);
    r.keep_cache_mounts = true;
    r
}

#[test]
fn build_cache_tab_80x24() {
    let f = Fixture::new(vec![]);
    insta::assert_snapshot!(render(&loaded(&f), 80, 24, true).backend());
}

#[test]
fn build_cache_tab_120x40() {
    let f = Fixture::new(vec![]);
    insta::assert_snapshot!(render(&loaded(&f), 120, 40, true).backend());
}

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

fn find(buf: &ratatui::buffer::Buffer, text: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        row.find(text).map(|i| (row[..i].chars().count() as u16, y))
    })
}

fn find_last(buf: &ratatui::buffer::Buffer, text: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).rev().find_map(|y| {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        row.find(text).map(|i| (row[..i].chars().count() as u16, y))
    })
}

#[test]
fn states_are_coloured_by_what_they_mean() {
    let f = Fixture::new(vec![]);
    let p = loaded(&f);
    let term = render(&p, 120, 40, false);
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "in use").unwrap_or_else(|| panic!("in use"));
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
    // The last one: the first entry is selected (white on blue).
    let (x, y) = find_last(buf, "reclaimable│").unwrap_or_else(|| panic!("reclaimable"));
    assert_eq!(buf[(x, y)].fg, Color::Green);
    let (x, y) = find(buf, "✘ ghcr.io").unwrap_or_else(|| panic!("registry verdict"));
    assert_eq!(buf[(x, y)].fg, Color::Red);
    let s = text(&p, 80, 24);
    assert!(s.contains("cache mount /root/.cache/uv"), "{s}");
    assert!(s.contains("Cache mounts (1) · kept by l"), "{s}");
}

#[test]
fn read_only_says_prunes_are_off() {
    let mut f = Fixture::new(vec![]);
    let p = loaded(&f);
    f.theme = Theme { mono: true };
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap_or_else(|e| panic!("{e}"));
    let mut env = f.env();
    env.read_only = true;
    term.draw(|fr| {
        p.draw(fr, fr.area(), &env);
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(format!("{:?}", term.backend()).contains("read-only mode: prunes are disabled"));
}
