//! What a prune would remove, worked out from `/system/df` the way the daemon decides it,
//! without deleting anything. Pure functions; `prune.rs` feeds them.
//!
//! Build cache, as BuildKit prunes it: never a record in use; without `all`, not the
//! internal and frontend records nor shared ones; `until` keeps what was used more recently;
//! the record filters match one value each; a record goes only once no remaining record
//! names it as a parent; a storage limit removes the least recently used first until the
//! cache fits. Note that layer records an image also holds are `shared`: without `all`
//! they stay, which is why "layers only, keep the uv cache" is `all` plus `type=regular`.

use std::time::{Duration, SystemTime};

use crate::model::disk::{BuildCacheRecord, ContainerUsage, ImageUsage};
use crate::model::prune::{BuildPrune, ContainerPrune, ImagePrune, PruneCandidate, PrunePreview};

fn older_than(t: Option<SystemTime>, until: Option<Duration>, now: SystemTime) -> bool {
    match (until, t) {
        (None, _) => true,
        (Some(_), None) => true,
        (Some(d), Some(t)) => now.duration_since(t).is_ok_and(|age| age > d),
    }
}

fn unix(secs: i64) -> Option<SystemTime> {
    (secs > 0).then(|| SystemTime::UNIX_EPOCH + Duration::from_secs(secs as u64))
}

fn flag(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// Whether a record passes BuildKit's record filters (one value per key).
fn filters_match(r: &BuildCacheRecord, opts: &BuildPrune) -> bool {
    opts.filters.iter().all(|(k, v)| match k.as_str() {
        "type" => r.kind == *v,
        "id" => r.id.contains(v.as_str()),
        "description" => r.description == *v,
        "parent" | "parents" => r.parents.iter().any(|p| p == v),
        "inuse" => flag(v) == Some(r.in_use),
        "shared" => flag(v) == Some(r.shared),
        "private" => flag(v) == Some(!r.shared),
        // `until` and `unused-for` travel in `opts.until`; others the daemon would refuse.
        _ => true,
    })
}

/// The build cache records a prune with `opts` would remove, at `now`.
pub fn build_cache(
    records: &[BuildCacheRecord],
    opts: &BuildPrune,
    now: SystemTime,
) -> PrunePreview {
    let eligible = |r: &BuildCacheRecord| {
        !r.in_use
            && (opts.all || !(r.shared || r.kind == "internal" || r.kind == "frontend"))
            && older_than(r.last_used_at.or(r.created_at), opts.until, now)
            && filters_match(r, opts)
    };
    let mut gone = vec![false; records.len()];
    // A record another record builds on goes only after it: repeat until nothing changes.
    loop {
        let mut changed = false;
        for (i, r) in records.iter().enumerate() {
            if gone[i] || !eligible(r) {
                continue;
            }
            let needed = records
                .iter()
                .enumerate()
                .any(|(j, o)| !gone[j] && j != i && o.parents.contains(&r.id));
            if !needed {
                gone[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut order: Vec<usize> = (0..records.len()).filter(|i| gone[*i]).collect();
    if let Some(keep) = opts.keep_storage {
        // Least recently used first, until what stays fits in `keep`.
        order.sort_by_key(|i| records[*i].last_used_at.or(records[*i].created_at));
        let mut total: u64 = records
            .iter()
            .filter(|r| !r.shared)
            .map(|r| r.size.max(0) as u64)
            .sum();
        order.retain(|i| {
            if total <= keep {
                return false;
            }
            total = total.saturating_sub(records[*i].size.max(0) as u64);
            true
        });
    }
    let items: Vec<PruneCandidate> = order
        .iter()
        .map(|i| {
            let r = &records[*i];
            PruneCandidate {
                id: r.id.clone(),
                name: r.description.clone(),
                kind: r.kind.clone(),
                size: r.size.max(0) as u64,
            }
        })
        .collect();
    // As the daemon counts `SpaceReclaimed`: every removed record's size, shared ones too.
    let bytes = order.iter().map(|i| records[*i].size.max(0) as u64).sum();
    PrunePreview { items, bytes }
}

/// The images an image prune would remove: no container uses them, untagged unless
/// `dangling_only` is off, created before `until`.
pub fn images(items: &[ImageUsage], opts: &ImagePrune, now: SystemTime) -> PrunePreview {
    let chosen: Vec<&ImageUsage> = items
        .iter()
        .filter(|i| i.containers.unwrap_or(0) == 0)
        .filter(|i| !opts.dangling_only || i.dangling())
        .filter(|i| older_than(unix(i.created), opts.until, now))
        .collect();
    PrunePreview {
        bytes: chosen.iter().map(|i| i.unique_size() as u64).sum(),
        items: chosen
            .iter()
            .map(|i| PruneCandidate {
                id: i.id.clone(),
                name: i
                    .repo_tags
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "<none>".into()),
                kind: "image".into(),
                size: i.unique_size() as u64,
            })
            .collect(),
    }
}

/// The containers a container prune would remove: every one not running, paused or
/// restarting, created before `until`.
pub fn containers(
    items: &[ContainerUsage],
    opts: &ContainerPrune,
    now: SystemTime,
) -> PrunePreview {
    let chosen: Vec<&ContainerUsage> = items
        .iter()
        .filter(|c| !c.active())
        .filter(|c| older_than(unix(c.created), opts.until, now))
        .collect();
    PrunePreview {
        bytes: chosen.iter().map(|c| c.size_rw.max(0) as u64).sum(),
        items: chosen
            .iter()
            .map(|c| PruneCandidate {
                id: c.id.clone(),
                name: c.name.clone(),
                kind: "container".into(),
                size: c.size_rw.max(0) as u64,
            })
            .collect(),
    }
}

#[cfg(test)]
#[path = "prune_preview_tests.rs"]
mod tests;
