//! `Fact::BuildCache`: the engine's build cache and disk (`/system/df`, in whatever shape the
//! engine answers), as the `cache.*` rules and the Build cache tab read it.

use std::sync::Arc;

use super::{Cancel, Gathered};
use crate::buildcache::view::totals;
use crate::buildcache::{CacheFacts, Entry, Record};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::model::disk::{BuildCacheRecord, DiskUsage};
use crate::profile::Profile;

pub async fn gather(
    engine: &Engine,
    _subject: &Subject,
    _profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let part = match engine.disk_usage().await {
        Ok(df) => Part::Ready(Arc::new(facts(&df))),
        Err(e) => Part::Unavailable(e.to_string()),
    };
    Gathered::part(Fact::BuildCache, |f| &mut f.build_cache, part)
}

fn record(r: &BuildCacheRecord) -> Record {
    Record {
        id: r.id.clone(),
        parents: r.parents.clone(),
        kind: r.kind.clone(),
        description: r.description.clone(),
        in_use: r.in_use,
        shared: r.shared,
        size: r.size,
        created_at: r.created_at,
        last_used_at: r.last_used_at,
        usage_count: r.usage_count,
    }
}

/// What the `cache.*` rules know, from `/system/df`.
pub fn facts(df: &DiskUsage) -> CacheFacts {
    let records: Vec<Record> = df.build_cache_items.iter().map(record).collect();
    let (total_bytes, reclaimable_bytes) = totals(&records);
    let dangling: Vec<_> = df.image_items.iter().filter(|i| i.dangling()).collect();
    let stopped: Vec<_> = df.container_items.iter().filter(|c| !c.active()).collect();
    CacheFacts {
        total_bytes,
        reclaimable_bytes,
        entries: records.iter().map(Entry::from_record).collect(),
        dangling_images: dangling.len() as u64,
        dangling_image_bytes: dangling.iter().map(|i| i.unique_size().max(0) as u64).sum(),
        stopped_containers: stopped.len() as u64,
        stopped_container_bytes: stopped.iter().map(|c| c.size_rw.max(0) as u64).sum(),
    }
}
