//! Plans over the records a 20.10 engine listed after a build with the guide's uv cache
//! mount: what each prune would remove, what stays shared, and the words for both.

use std::time::{Duration, SystemTime};

use super::*;
use crate::engine::disk_totals::cache_totals;
use crate::model::disk::{BuildCacheRecord, DfShape};

fn rec(id: &str, kind: &str, desc: &str, size: i64, shared: bool) -> BuildCacheRecord {
    BuildCacheRecord {
        id: id.into(),
        parents: vec![],
        kind: kind.into(),
        description: desc.into(),
        in_use: false,
        shared,
        size,
        created_at: None,
        last_used_at: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000)),
        usage_count: 1,
    }
}

fn df() -> DiskUsage {
    let items = vec![
        rec(
            "uv",
            "exec.cachemount",
            "cached mount /root/.cache/uv from exec /bin/sh -c uv sync",
            307_203,
            false,
        ),
        rec(
            "ctx",
            "source.local",
            "local source for context",
            1_982_518,
            false,
        ),
        rec("l1", "regular", "fileop target", 1_982_256, true),
        rec(
            "l2",
            "regular",
            "mount / from exec /bin/sh -c uv sync",
            5,
            true,
        ),
    ];
    DiskUsage {
        shape: DfShape::Legacy,
        images: UsageTotals::default(),
        containers: UsageTotals::default(),
        volumes: UsageTotals::default(),
        build_cache: cache_totals(&items),
        image_items: vec![],
        container_items: vec![],
        volume_items: vec![],
        build_cache_items: items,
    }
}

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(100_000)
}

#[test]
fn layers_only_keeps_the_uv_cache_and_says_what_stays_shared() {
    let mut req = PruneRequest::new(PruneWhat::Builder);
    req.keep_cache_mounts = true;
    let plan = Plan::from_df(&req, &df(), now());
    let ids: Vec<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"l1") && ids.contains(&"l2"), "{ids:?}");
    assert_eq!(plan.bytes, 1_982_261);
    assert_eq!(plan.shared_bytes, 1_982_261);
    assert_eq!(plan.summary(), "2 build cache records, 1.982MB");
    let lines = plan.lines(1);
    assert_eq!(
        lines,
        [
            "build cache layers (cache mounts such as the uv cache and contexts stay): 2 build cache records, 1.982MB",
            "  2 layers (regular) 1.982MB",
            "  - layer: COPY/ADD 1.982MB (shared)",
            "  … and 1 more",
            "1.982MB of it is shared with images: the disk gets it back when they go",
            "build cache 2.29MB → about 2.29MB",
        ]
    );
}

#[test]
fn a_plain_prune_leaves_shared_records_and_frees_the_rest() {
    let plan = Plan::from_df(&PruneRequest::new(PruneWhat::Builder), &df(), now());
    let mut ids: Vec<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["ctx", "uv"]);
    assert_eq!(plan.shared_bytes, 0);
    assert_eq!(
        plan.lines(5).last().map(String::as_str),
        Some("build cache 2.29MB → about 0B")
    );
    // A record used more recently than `until` stays.
    let mut req = PruneRequest::new(PruneWhat::Builder);
    req.until = Some(Duration::from_secs(200_000));
    assert!(Plan::from_df(&req, &df(), now()).is_empty());
}

#[test]
fn what_a_prune_did_in_one_line() {
    let before = CacheFacts::from_disk_usage(&df());
    let mut after_df = df();
    after_df
        .build_cache_items
        .retain(|r| r.kind == "exec.cachemount");
    after_df.build_cache = cache_totals(&after_df.build_cache_items);
    let done = Pruned {
        what: PruneWhat::Builder,
        report: PruneReport {
            deleted: vec!["ctx".into(), "l1".into(), "l2".into()],
            space_reclaimed: 3_964_779,
        },
        before: before.clone(),
        after: Ok(CacheFacts::from_disk_usage(&after_df)),
    };
    assert_eq!(
        done.line(),
        "freed 3.965MB (3 removed) · build cache 2.29MB → 307.2kB, reclaimable 2.29MB → 307.2kB"
    );
    let lost = Pruned {
        after: Err("the engine went away".into()),
        ..done
    };
    assert!(
        lost.line()
            .ends_with("the new totals could not be read: the engine went away")
    );
    let json = serde_json::to_value(&lost).unwrap_or_default();
    assert!(json["after"].is_null());
    assert_eq!(json["report"]["space_reclaimed"], 3_964_779);
}
