//! The prune preview's decisions on hand-made records.

use super::*;
use crate::model::State;

const HOUR: Duration = Duration::from_secs(3600);

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000)
}

fn rec(id: &str, kind: &str, size: i64, hours_ago: u64) -> BuildCacheRecord {
    BuildCacheRecord {
        id: id.into(),
        parents: Vec::new(),
        kind: kind.into(),
        description: format!("{id} desc"),
        in_use: false,
        shared: false,
        size,
        created_at: None,
        last_used_at: Some(now() - HOUR * hours_ago as u32),
        usage_count: 1,
    }
}

fn ids(p: &PrunePreview) -> Vec<&str> {
    let mut v: Vec<&str> = p.items.iter().map(|c| c.id.as_str()).collect();
    v.sort();
    v
}

#[test]
fn in_use_shared_and_internal_records_stay_without_all() {
    let mut used = rec("used", "regular", 10, 1);
    used.in_use = true;
    let mut shared = rec("shared", "regular", 20, 1);
    shared.shared = true;
    let records = vec![
        used,
        shared,
        rec("int", "internal", 30, 1),
        rec("front", "frontend", 40, 1),
        rec("layer", "regular", 50, 1),
        rec("uv", "exec.cachemount", 60, 1),
    ];
    let p = build_cache(&records, &BuildPrune::default(), now());
    assert_eq!(ids(&p), vec!["layer", "uv"]);
    assert_eq!(p.bytes, 110);
    let all = BuildPrune {
        all: true,
        ..Default::default()
    };
    let p = build_cache(&records, &all, now());
    assert_eq!(ids(&p), vec!["front", "int", "layer", "shared", "uv"]);
    assert_eq!(
        p.bytes, 200,
        "the daemon counts shared records as reclaimed"
    );
}

#[test]
fn layers_only_keeps_the_uv_cache_and_until_keeps_recent_ones() {
    let records = vec![
        rec("old-layer", "regular", 5, 48),
        rec("new-layer", "regular", 7, 1),
        rec("uv", "exec.cachemount", 100, 48),
        rec("ctx", "source.local", 3, 48),
    ];
    let opts = BuildPrune {
        until: Some(HOUR * 24),
        ..Default::default()
    }
    .layers_only();
    let p = build_cache(&records, &opts, now());
    assert_eq!(ids(&p), vec!["old-layer"]);
    assert_eq!(p.bytes, 5);
}

#[test]
fn a_parent_goes_only_with_its_children() {
    let parent = rec("base", "regular", 10, 5);
    let mut child = rec("child", "regular", 20, 5);
    child.parents = vec!["base".into()];
    let mut kept_child = rec("kept", "regular", 30, 5);
    kept_child.parents = vec!["base".into()];
    kept_child.in_use = true;
    let p = build_cache(
        &[parent.clone(), child.clone()],
        &BuildPrune::default(),
        now(),
    );
    assert_eq!(ids(&p), vec!["base", "child"]);
    let p = build_cache(&[parent, child, kept_child], &BuildPrune::default(), now());
    assert_eq!(
        ids(&p),
        vec!["child"],
        "base is still needed by a record in use"
    );
}

#[test]
fn a_storage_limit_removes_the_least_recently_used_first() {
    let records = vec![
        rec("oldest", "regular", 40, 30),
        rec("middle", "regular", 40, 20),
        rec("newest", "regular", 40, 10),
    ];
    let opts = BuildPrune {
        keep_storage: Some(50),
        ..Default::default()
    };
    let p = build_cache(&records, &opts, now());
    assert_eq!(ids(&p), vec!["middle", "oldest"]);
    assert_eq!(p.bytes, 80);
    let roomy = BuildPrune {
        keep_storage: Some(1000),
        ..Default::default()
    };
    assert!(build_cache(&records, &roomy, now()).items.is_empty());
}

#[test]
fn filters_take_one_value_per_key() {
    let mut r = rec("abc123", "regular", 1, 1);
    r.description = "mount / from exec uv sync".into();
    let by_id = BuildPrune {
        filters: vec![("id".into(), "abc".into())],
        ..Default::default()
    };
    assert_eq!(build_cache(&[r.clone()], &by_id, now()).items.len(), 1);
    let by_desc = BuildPrune {
        filters: vec![("description".into(), "other".into())],
        ..Default::default()
    };
    assert!(build_cache(&[r], &by_desc, now()).items.is_empty());
}

fn img(id: &str, tags: &[&str], containers: i64, created: i64) -> ImageUsage {
    ImageUsage {
        id: id.into(),
        repo_tags: tags.iter().map(|s| s.to_string()).collect(),
        created,
        size: 100,
        shared_size: Some(40),
        containers: Some(containers),
    }
}

#[test]
fn image_prune_takes_unused_dangling_images() {
    let t = 1_000_000 - 48 * 3600;
    let items = vec![
        img("sha256:a", &[], 0, t),
        img("sha256:b", &["<none>:<none>"], 0, 999_000),
        img("sha256:c", &[], 1, t),
        img("sha256:d", &["app:1"], 0, t),
    ];
    let p = images(&items, &ImagePrune::default(), now());
    assert_eq!(ids(&p), vec!["sha256:a", "sha256:b"]);
    assert_eq!(p.bytes, 120);
    let old = ImagePrune {
        until: Some(HOUR * 24),
        ..Default::default()
    };
    assert_eq!(ids(&images(&items, &old, now())), vec!["sha256:a"]);
    let all = ImagePrune {
        dangling_only: false,
        until: None,
    };
    assert_eq!(
        ids(&images(&items, &all, now())),
        vec!["sha256:a", "sha256:b", "sha256:d"]
    );
}

#[test]
fn container_prune_takes_stopped_containers() {
    let c = |id: &str, state: State, created: i64| ContainerUsage {
        id: id.into(),
        name: id.into(),
        image: "x".into(),
        image_id: "sha256:x".into(),
        state,
        created,
        size_rw: 10,
    };
    let items = vec![
        c("run", State::Running, 1),
        c("paused", State::Paused, 1),
        c("exited", State::Exited, 1),
        c("created", State::Created, 999_999),
        c("dead", State::Dead, 1),
    ];
    let p = containers(&items, &ContainerPrune::default(), now());
    assert_eq!(ids(&p), vec!["created", "dead", "exited"]);
    assert_eq!(p.bytes, 30);
    let old = ContainerPrune { until: Some(HOUR) };
    assert_eq!(
        ids(&containers(&items, &old, now())),
        vec!["dead", "exited"]
    );
}
