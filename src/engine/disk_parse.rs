//! `/system/df` parsed from the raw JSON in whichever shape the engine sends: the lists at
//! the top (API ≤ 1.51; 1.52 by default), or `ImageUsage`/`ContainerUsage`/`VolumeUsage`/
//! `BuildCacheUsage` with `Items` (1.52 with `verbose`, only these from 1.53). Totals are
//! computed here, as `docker system df` computes them: `BuilderSize` is gone on newer
//! engines and the daemon's own build cache `TotalSize` cannot be relied on.

use serde::Deserialize;

use super::disk_totals::{cache_totals, container_totals, image_totals, pos, volume_totals};
use super::timestamp::parse_timestamp;
use crate::model::State;
use crate::model::disk::{
    BuildCacheRecord, ContainerUsage, DfShape, DiskUsage, ImageUsage, UsageTotals, VolumeUsage,
};

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireImage {
    id: String,
    repo_tags: Option<Vec<String>>,
    created: i64,
    size: i64,
    shared_size: Option<i64>,
    containers: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireContainer {
    id: String,
    names: Option<Vec<String>>,
    image: String,
    #[serde(rename = "ImageID")]
    image_id: String,
    state: String,
    created: i64,
    size_rw: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireUsageData {
    size: Option<i64>,
    ref_count: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireVolume {
    name: String,
    driver: String,
    usage_data: Option<WireUsageData>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireCache {
    #[serde(rename = "ID")]
    id: String,
    #[serde(rename = "Parent")]
    parent: Option<String>,
    #[serde(rename = "Parents")]
    parents: Option<Vec<String>>,
    /// Some engines of API 1.51 spell the key with a leading space.
    #[serde(rename = " Parents")]
    parents_spaced: Option<Vec<String>>,
    #[serde(rename = "Type")]
    kind: String,
    #[serde(rename = "Description")]
    description: String,
    #[serde(rename = "InUse")]
    in_use: bool,
    #[serde(rename = "Shared")]
    shared: bool,
    #[serde(rename = "Size")]
    size: i64,
    #[serde(rename = "CreatedAt")]
    created_at: Option<String>,
    #[serde(rename = "LastUsedAt")]
    last_used_at: Option<String>,
    #[serde(rename = "UsageCount")]
    usage_count: i64,
}

/// The summary objects of API ≥ 1.52.
#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireUsage<T> {
    active_count: Option<i64>,
    total_count: Option<i64>,
    total_size: Option<i64>,
    reclaimable: Option<i64>,
    items: Option<Vec<T>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireDf {
    layers_size: Option<i64>,
    images: Option<Vec<WireImage>>,
    containers: Option<Vec<WireContainer>>,
    volumes: Option<Vec<WireVolume>>,
    build_cache: Option<Vec<WireCache>>,
    image_usage: Option<WireUsage<WireImage>>,
    container_usage: Option<WireUsage<WireContainer>>,
    volume_usage: Option<WireUsage<WireVolume>>,
    build_cache_usage: Option<WireUsage<WireCache>>,
}

fn from_summary<T>(u: &WireUsage<T>) -> UsageTotals {
    UsageTotals {
        count: pos(u.total_count.unwrap_or(0)),
        active: pos(u.active_count.unwrap_or(0)),
        size: pos(u.total_size.unwrap_or(0)),
        reclaimable: pos(u.reclaimable.unwrap_or(0)),
    }
}

/// Items from the usage object's `Items` when it has them, else from the legacy list; the
/// usage object's own totals only when neither lists any.
fn pick<T>(
    legacy: Option<Vec<T>>,
    usage: &mut Option<WireUsage<T>>,
) -> (Vec<T>, Option<UsageTotals>) {
    let summary = usage.as_ref().map(from_summary);
    if let Some(items) = usage.as_mut().and_then(|u| u.items.take()) {
        return (items, None);
    }
    match legacy {
        Some(items) => (items, None),
        None => (Vec::new(), summary),
    }
}

fn image(w: WireImage) -> ImageUsage {
    ImageUsage {
        id: w.id,
        repo_tags: w.repo_tags.unwrap_or_default(),
        created: w.created,
        size: w.size,
        shared_size: w.shared_size.filter(|s| *s >= 0),
        containers: w.containers.filter(|c| *c >= 0),
    }
}

fn container(w: WireContainer) -> ContainerUsage {
    let name = w
        .names
        .unwrap_or_default()
        .into_iter()
        .next()
        .unwrap_or_default();
    ContainerUsage {
        id: w.id,
        name: name.trim_start_matches('/').to_string(),
        image: w.image,
        image_id: w.image_id,
        state: State::parse(&w.state),
        created: w.created,
        size_rw: w.size_rw.unwrap_or(0).max(0),
    }
}

fn volume(w: WireVolume) -> VolumeUsage {
    let u = w.usage_data.unwrap_or_default();
    VolumeUsage {
        name: w.name,
        driver: w.driver,
        size: u.size.filter(|s| *s >= 0),
        ref_count: u.ref_count.filter(|r| *r >= 0),
    }
}

fn cache(w: WireCache) -> BuildCacheRecord {
    let parents = w
        .parents
        .or(w.parents_spaced)
        .or_else(|| w.parent.filter(|p| !p.is_empty()).map(|p| vec![p]))
        .unwrap_or_default();
    BuildCacheRecord {
        id: w.id,
        parents,
        kind: w.kind,
        description: w.description,
        in_use: w.in_use,
        shared: w.shared,
        size: w.size,
        created_at: w.created_at.as_deref().and_then(parse_timestamp),
        last_used_at: w.last_used_at.as_deref().and_then(parse_timestamp),
        usage_count: w.usage_count,
    }
}

/// `/system/df`'s body → [`DiskUsage`].
pub fn parse_disk_usage(body: &[u8]) -> Result<DiskUsage, serde_json::Error> {
    let mut w: WireDf = serde_json::from_slice(body)?;
    let shape = if w.image_usage.is_some() || w.build_cache_usage.is_some() {
        let has_items = [
            w.image_usage.as_ref().map(|u| u.items.is_some()),
            w.build_cache_usage.as_ref().map(|u| u.items.is_some()),
        ];
        let legacy = w.images.is_some() || w.build_cache.is_some();
        if has_items.contains(&Some(true)) || !legacy {
            DfShape::Usage
        } else {
            DfShape::Legacy
        }
    } else {
        DfShape::Legacy
    };
    let image_summary = w.image_usage.as_ref().map(from_summary);
    let (images, img_sum) = pick(w.images.take(), &mut w.image_usage);
    let (containers, ctr_sum) = pick(w.containers.take(), &mut w.container_usage);
    let (volumes, vol_sum) = pick(w.volumes.take(), &mut w.volume_usage);
    let (caches, bc_sum) = pick(w.build_cache.take(), &mut w.build_cache_usage);
    let image_items: Vec<ImageUsage> = images.into_iter().map(image).collect();
    let container_items: Vec<ContainerUsage> = containers.into_iter().map(container).collect();
    let volume_items: Vec<VolumeUsage> = volumes.into_iter().map(volume).collect();
    let build_cache_items: Vec<BuildCacheRecord> = caches.into_iter().map(cache).collect();
    // The images' size: `LayersSize`, else the daemon's `ImageUsage.TotalSize`.
    let layers = w.layers_size.or(image_summary.map(|s| s.size as i64));
    Ok(DiskUsage {
        shape,
        images: img_sum.unwrap_or_else(|| image_totals(&image_items, layers)),
        containers: ctr_sum.unwrap_or_else(|| container_totals(&container_items)),
        volumes: vol_sum.unwrap_or_else(|| volume_totals(&volume_items)),
        build_cache: bc_sum.unwrap_or_else(|| cache_totals(&build_cache_items)),
        image_items,
        container_items,
        volume_items,
        build_cache_items,
    })
}

#[cfg(test)]
#[path = "disk_parse_tests.rs"]
mod tests;
