//! `docktor cache` output: `docker system df`'s table, then the build cache's records by
//! type (the uv cache mount as what it is) and the `cache.*` rules' findings; JSON with
//! `total_bytes`, `reclaimable_bytes`, `groups[]`, `entries[]` and the four totals.

use std::time::Duration;

use serde_json::{Value, json};

use crate::buildcache::units::{docker_size, format_age};
use crate::buildcache::{CacheFacts, CacheView, Entry};
use crate::diagnose::{Finding, Outcome};
use crate::model::EngineInfo;
use crate::model::disk::UsageTotals;

/// A `docker system df` line in JSON.
pub fn totals_json(t: &UsageTotals) -> Value {
    json!({
        "count": t.count,
        "active": t.active,
        "size_bytes": t.size,
        "reclaimable_bytes": t.reclaimable,
    })
}

/// The JSON document.
pub fn json(
    engine: &EngineInfo,
    facts: &CacheFacts,
    view: &CacheView,
    outcomes: &[Outcome],
    findings: &[Finding],
) -> Value {
    let groups: Vec<Value> = view
        .groups
        .iter()
        .map(|g| {
            json!({
                "kind": g.kind,
                "title": g.title,
                "count": g.count,
                "size_bytes": g.size_bytes,
                "reclaimable_bytes": g.reclaimable_bytes,
            })
        })
        .collect();
    let entries: Vec<&Entry> = view.entries().collect();
    let checks: Vec<Value> = outcomes
        .iter()
        .map(|o| json!({"id": o.rule.id, "status": o.status().as_str(), "summary": o.verdict.summary()}))
        .collect();
    json!({
        "engine": {"kind": engine.kind, "version": engine.version, "api": engine.api_version, "host": engine.uri},
        "total_bytes": view.total_bytes,
        "reclaimable_bytes": view.reclaimable_bytes,
        "count": view.count,
        "groups": groups,
        "entries": entries,
        "images": totals_json(&facts.images),
        "containers": totals_json(&facts.containers),
        "volumes": totals_json(&facts.volumes),
        "build_cache": totals_json(&facts.build_cache),
        "dangling_images": {"count": facts.dangling_images, "bytes": facts.dangling_image_bytes},
        "stopped_containers": {"count": facts.stopped_containers, "bytes": facts.stopped_container_bytes},
        "checks": checks,
        "findings": findings,
    })
}

/// `docker system df`'s reclaimable column: `20.1MB (44%)`; no share for the build cache.
fn reclaimable(t: &UsageTotals, share: bool) -> String {
    if share && t.size > 0 {
        format!(
            "{} ({}%)",
            docker_size(t.reclaimable),
            t.reclaimable * 100 / t.size
        )
    } else {
        docker_size(t.reclaimable)
    }
}

/// The four lines of `docker system df`, as it prints them.
pub fn df_table(f: &CacheFacts) -> String {
    let mut s = format!(
        "{:<16}{:<10}{:<10}{:<10}{}\n",
        "TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"
    );
    for (name, t, share) in [
        ("Images", &f.images, true),
        ("Containers", &f.containers, true),
        ("Local Volumes", &f.volumes, true),
        ("Build Cache", &f.build_cache, false),
    ] {
        s.push_str(&format!(
            "{name:<16}{:<10}{:<10}{:<10}{}\n",
            t.count,
            t.active,
            docker_size(t.size),
            reclaimable(t, share)
        ));
    }
    s
}

/// `used 3m ago`, `in use`, `2 uses`, `shared` for one entry at `now` (Unix seconds).
pub fn entry_state(e: &Entry, now: u64) -> String {
    let mut parts = Vec::new();
    if let Some(idle) = e.idle(now) {
        parts.push(format!(
            "used {} ago",
            format_age(Duration::from_secs(idle.as_secs()))
        ));
    }
    parts.push(match e.usage_count {
        1 => "1 use".to_string(),
        n => format!("{n} uses"),
    });
    if e.in_use {
        parts.push("in use".into());
    }
    if e.shared {
        parts.push("shared".into());
    }
    parts.join(", ")
}

/// `s` in at most `w` characters, ending in `…` when cut.
fn cut(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_string();
    }
    s.chars().take(w.saturating_sub(1)).chain(['…']).collect()
}

/// The text report at `now` (Unix seconds).
pub fn text(
    engine: &EngineInfo,
    facts: &CacheFacts,
    view: &CacheView,
    findings: &[Finding],
    now: u64,
) -> String {
    let mut s = format!(
        "Disk usage of {} {} (API {}) · {}\n\n",
        engine.kind, engine.version, engine.api_version, engine.uri
    );
    s.push_str(&df_table(facts));
    if view.groups.is_empty() {
        s.push_str("\nThe build cache is empty.\n");
    }
    for g in &view.groups {
        let noun = if g.count == 1 { "record" } else { "records" };
        s.push_str(&format!(
            "\n{}: {} {noun}, {}, {} reclaimable\n",
            g.title,
            g.count,
            docker_size(g.size_bytes),
            docker_size(g.reclaimable_bytes)
        ));
        for e in &g.entries {
            s.push_str(&format!(
                "  {:<44} {:>9}  {}\n",
                cut(&e.label, 44),
                docker_size(e.size_bytes),
                entry_state(e, now)
            ));
        }
    }
    for f in findings {
        s.push_str(&format!(
            "\n{} {} ({}): {}\n  {}\n  fix: {}\n",
            f.severity, f.id, f.section, f.title, f.evidence, f.fix
        ));
    }
    s
}
