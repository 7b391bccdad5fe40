//! The Build cache tab on its own: its fixtures (a 20.10 engine's records after the
//! guide's build), snapshots at 80x24 and 120x40, and the styles that carry meaning. The
//! prune flow is in `tests_prune.rs`.

use std::time::{Duration, SystemTime};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::BuildCache;
use super::job::{Checked, DiskRead};
use crate::buildcache::CacheFacts;
use crate::buildcache::prune::{PruneRequest, PruneWhat};
use crate::buildcache::pruning::Plan;
use crate::engine::disk_totals::cache_totals;
use crate::model::disk::{BuildCacheRecord, DfShape, DiskUsage, UsageTotals};
use crate::registry::{Probe, RegistryFacts, RegistryOutcome};
use crate::tui::jobs::{PaneId, Ticket};
use crate::tui::keys::Act;
use crate::tui::msg::{Effect, describe};
use crate::tui::pane::testing::Fixture;
use crate::tui::pane::{Handled, Pane, Subject};
use crate::tui::theme::Theme;

/// 2026-12-01 09:15:00 UTC.
pub(super) const T0: u64 = 1_796_116_500;

pub(super) fn rec(
    id: &str,
    kind: &str,
    desc: &str,
    size: i64,
    shared: bool,
    in_use: bool,
) -> BuildCacheRecord {
    // Used twice, ten minutes before T0.
    BuildCacheRecord {
        last_used_at: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(T0 - 600)),
        usage_count: 2,
        ..crate::buildcache::view::tests::rec(id, kind, desc, size, shared, in_use)
    }
}

/// What a 20.10 engine listed after a build with the guide's uv cache mount.
pub(super) fn df(with_layers: bool) -> DiskUsage {
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

pub(super) fn registry() -> RegistryFacts {
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

pub(super) fn ticket() -> Ticket {
    Ticket {
        owner: PaneId(7),
        seq: 1,
    }
}

pub(super) fn loaded(f: &Fixture) -> BuildCache {
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

pub(super) fn render(p: &BuildCache, w: u16, h: u16, mono: bool) -> Terminal<TestBackend> {
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

pub(super) fn text(p: &BuildCache, w: u16, h: u16) -> String {
    format!("{:?}", render(p, w, h, true).backend())
}

pub(super) fn act(p: &mut BuildCache, a: Act, f: &Fixture) -> Vec<Effect> {
    match p.on_act(a, &f.env()) {
        Handled::Yes(fx) => fx,
        Handled::No => Vec::new(),
    }
}

pub(super) fn plan(req: &PruneRequest) -> Plan {
    Plan::from_df(
        req,
        &df(true),
        SystemTime::UNIX_EPOCH + Duration::from_secs(T0),
    )
}

pub(super) fn layers_only() -> PruneRequest {
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

pub(super) fn find(buf: &ratatui::buffer::Buffer, text: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        row.find(text).map(|i| (row[..i].chars().count() as u16, y))
    })
}

pub(super) fn find_last(buf: &ratatui::buffer::Buffer, text: &str) -> Option<(u16, u16)> {
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
