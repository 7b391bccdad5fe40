//! Totals of `/system/df` as `docker system df` computes them (the newest Docker client's
//! rules), from the items: the daemon's own totals are missing on old engines and wrong for
//! build cache on some new ones.

use crate::model::disk::{BuildCacheRecord, ContainerUsage, ImageUsage, UsageTotals, VolumeUsage};

/// Negative sizes mean "unknown" to the daemon; they count as nothing.
pub fn pos(n: i64) -> u64 {
    n.max(0) as u64
}

/// Images: active when a container uses them; reclaimable is the size less what the
/// images in use hold alone (their size minus what they share), as the docker CLI counts
/// it — so shared layers no container needs count as reclaimable.
pub fn image_totals(items: &[ImageUsage], layers_size: Option<i64>) -> UsageTotals {
    let mut t = UsageTotals {
        count: items.len() as u64,
        ..Default::default()
    };
    let mut used = 0u64;
    for i in items.iter().filter(|i| i.containers.unwrap_or(0) > 0) {
        t.active += 1;
        if i.shared_size.is_some() {
            used += pos(i.unique_size());
        }
    }
    // Podman answers `LayersSize: 0` beside images with sizes: it did not count them.
    let layers_size = layers_size.filter(|&s| s > 0 || items.iter().all(|i| i.size <= 0));
    t.size = match layers_size {
        Some(s) => pos(s),
        None => items.iter().map(|i| pos(i.unique_size())).sum::<u64>() + max_shared(items),
    };
    t.reclaimable = t.size.saturating_sub(used);
    t
}

/// Shared bytes counted once (the most any image shares), for the size without `LayersSize`.
fn max_shared(items: &[ImageUsage]) -> u64 {
    items
        .iter()
        .filter_map(|i| i.shared_size)
        .map(pos)
        .max()
        .unwrap_or(0)
}

pub fn container_totals(items: &[ContainerUsage]) -> UsageTotals {
    let size: u64 = items.iter().map(|c| pos(c.size_rw)).sum();
    let used: u64 = items
        .iter()
        .filter(|c| c.active())
        .map(|c| pos(c.size_rw))
        .sum();
    UsageTotals {
        count: items.len() as u64,
        active: items.iter().filter(|c| c.active()).count() as u64,
        size,
        reclaimable: size - used,
    }
}

pub fn volume_totals(items: &[VolumeUsage]) -> UsageTotals {
    let in_use = |v: &&VolumeUsage| v.ref_count.unwrap_or(0) > 0;
    let size: u64 = items.iter().filter_map(|v| v.size).map(pos).sum();
    let used: u64 = items
        .iter()
        .filter(in_use)
        .filter_map(|v| v.size)
        .map(pos)
        .sum();
    UsageTotals {
        count: items.len() as u64,
        active: items.iter().filter(in_use).count() as u64,
        size,
        reclaimable: size - used,
    }
}

/// Build cache: shared records are not counted (another build holds them too); those in
/// use are active and not reclaimable.
pub fn cache_totals(items: &[BuildCacheRecord]) -> UsageTotals {
    let size: u64 = items
        .iter()
        .filter(|b| !b.shared)
        .map(|b| pos(b.size))
        .sum();
    let used: u64 = items
        .iter()
        .filter(|b| b.in_use && !b.shared)
        .map(|b| pos(b.size))
        .sum();
    UsageTotals {
        count: items.len() as u64,
        active: items.iter().filter(|b| b.in_use).count() as u64,
        size,
        reclaimable: size - used,
    }
}
