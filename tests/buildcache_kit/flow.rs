//! `docktor cache` and `docktor prune` end to end on an engine the test owns: totals equal
//! to `docker system df`'s before and after every prune; the uv cache mount shown as what
//! it is; a prune refused without `--yes` off a terminal and in `--read-only`; "layers
//! only" keeps the uv cache (and why it needs `all`); what the daemon says when it refuses;
//! dangling images and stopped containers.

use std::collections::BTreeSet;

use docktor::model::prune::BuildPrune;

use super::{Owned, as_df};

/// docktor's four totals equal `docker system df`'s.
pub fn totals_match(o: &Owned, when: &str) -> serde_json::Value {
    let v = o.docktor_json(&["cache", "--format", "json"]);
    for (kind, key) in [
        ("Images", "images"),
        ("Containers", "containers"),
        ("Local Volumes", "volumes"),
        ("Build Cache", "build_cache"),
    ] {
        assert_eq!(
            as_df(&v[key]),
            o.df(kind),
            "{kind} {when} on the {}",
            o.name()
        );
    }
    assert_eq!(v["total_bytes"], v["build_cache"]["size_bytes"]);
    v
}

fn kinds(v: &serde_json::Value) -> BTreeSet<String> {
    v["entries"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["type"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The records' IDs (their use counts may still change as BuildKit releases mounts).
fn ids(v: &serde_json::Value) -> BTreeSet<String> {
    v["entries"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

pub async fn prune_flow(o: &Owned) {
    let prefix = format!("dkt-buildcache-flow-{}", std::process::id());
    o.fill(&prefix);
    let before = totals_match(o, "after the builds");
    assert!(kinds(&before).contains("exec.cachemount"), "{before}");
    let uv = before["entries"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["type"] == "exec.cachemount"))
        .unwrap_or_else(|| panic!("a cache mount in {before}"));
    assert_eq!(uv["label"], "cache mount /root/.cache/uv");
    assert_eq!(uv["kind"], "cache-mount");
    assert_eq!(
        before["groups"][0]["kind"], "cache-mount",
        "cache mounts come first"
    );

    // Refused without --yes off a terminal, and in read-only: nothing is removed.
    let out = o.docktor(&["prune", "builder", "--keep-cache-mounts"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("pass --yes"), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Would remove build cache layers"));
    let out = o.docktor(&["--read-only", "prune", "builder", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(ids(&totals_match(o, "after refusals")), ids(&before));

    // Without `all`, type=regular removes nothing: the layer records are shared with the
    // images built from them, and a prune without `all` leaves shared records alone.
    let engine = docktor::engine::Engine::connect(&target(o))
        .await
        .expect("connect");
    let plain = BuildPrune {
        filters: vec![("type".into(), "regular".into())],
        ..Default::default()
    };
    let kept = engine.prune_build_cache(&plain).await.expect("prune");
    assert!(
        kept.deleted.is_empty(),
        "shared layers went without all: {:?}",
        kept.deleted
    );

    // The dry run lists what the prune then removes: every layer, and only layers.
    let dry = o.docktor_json(&[
        "prune",
        "builder",
        "--keep-cache-mounts",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(dry["pruned"], serde_json::Value::Null);
    let planned: BTreeSet<String> = dry["plan"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .inspect(|i| assert_eq!(i["type"], "regular", "{i}"))
        .filter_map(|i| i["id"].as_str().map(str::to_string))
        .collect();
    assert!(!planned.is_empty());
    let done = o.docktor_json(&[
        "prune",
        "builder",
        "--keep-cache-mounts",
        "--yes",
        "--format",
        "json",
    ]);
    let deleted: BTreeSet<String> = done["pruned"]["deleted"]
        .as_array()
        .expect("deleted")
        .iter()
        .filter_map(|d| d.as_str().map(str::to_string))
        .collect();
    assert_eq!(deleted, planned, "the preview is what went");
    assert_eq!(done["pruned"]["space_reclaimed"], dry["plan"]["bytes"]);
    let after = totals_match(o, "after pruning the layers");
    assert_eq!(done["after"]["build_cache"], after["build_cache"]);
    let left = kinds(&after);
    assert!(!left.contains("regular"), "{left:?}");
    assert!(
        left.contains("exec.cachemount"),
        "the uv cache stays: {left:?}"
    );

    // A filter the daemon refuses ("invalid filter" on 28, "Invalid filter" on 20.10): its
    // words, and nothing removed.
    let out = o.docktor(&["prune", "builder", "--filter", "bogus=1", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .to_lowercase()
            .contains("invalid filter 'bogus'"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("the prune failed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ids(&totals_match(o, "after a refused prune")), ids(&after));

    // Stopped containers, then dangling images.
    let done = o.docktor_json(&["prune", "containers", "--yes", "--format", "json"]);
    assert_eq!(
        done["pruned"]["deleted"].as_array().map(Vec::len),
        Some(1),
        "{done}"
    );
    totals_match(o, "after pruning containers");
    let dry = o.docktor_json(&["prune", "images", "--dry-run", "--format", "json"]);
    assert!(
        !dry["plan"]["items"].as_array().expect("items").is_empty(),
        "a dangling image"
    );
    let done = o.docktor_json(&["prune", "images", "--yes", "--format", "json"]);
    let gone = done["pruned"]["deleted"].as_array().expect("deleted");
    for i in dry["plan"]["items"].as_array().expect("items") {
        assert!(gone.contains(&i["id"]), "{i} in {gone:?}");
    }
    totals_match(o, "after pruning images");

    // A storage limit above the cache keeps everything: the daemon got the limit under the
    // name its API version reads (keep-storage on 1.41, reserved-space from 1.48; a name it
    // does not know would be ignored and everything pruned).
    let size = after["build_cache"]["size_bytes"].as_u64().expect("size");
    let roomy = BuildPrune {
        all: true,
        keep_storage: Some(size + (1 << 30)),
        ..Default::default()
    };
    let kept = engine.prune_build_cache(&roomy).await.expect("prune");
    assert!(
        kept.deleted.is_empty(),
        "the limit was ignored: {:?}",
        kept.deleted
    );

    // Everything, the uv cache too; then nothing is left to prune.
    let out = o.docktor(&["prune", "builder", "--all", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Pruned: freed"));
    let empty = totals_match(o, "after pruning everything");
    assert_eq!(empty["count"], 0, "{empty}");
    let out = o.docktor(&["prune", "builder", "--all"]);
    assert!(out.status.success(), "nothing to prune needs no --yes");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Nothing to prune"));
    let _ = o.docker(&["rmi", &format!("{prefix}:1")]);
}

pub fn target(o: &Owned) -> docktor::engine::host::Target {
    docktor::engine::host::Target {
        uri: o.host(),
        scheme: docktor::engine::host::Scheme::Unix { path: o.socket() },
        source: docktor::engine::host::Source::Flag,
    }
}
