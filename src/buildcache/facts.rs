//! What the `cache.*` rules, the Build cache tab and `docktor cache` know about the engine's
//! disk, made from one `/system/df` ([`CacheFacts::from_disk_usage`]): the build cache's
//! records as entries, its totals, and the images, containers and volumes lines of
//! `docker system df`, with the dangling images and stopped containers a prune would free.

use serde::Serialize;

use super::entry::{Entry, EntryKind};
use crate::engine::{Engine, EngineError};
use crate::model::disk::{DiskUsage, UsageTotals};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CacheFacts {
    /// The build cache's size as `docker system df` shows it (shared records not counted).
    pub total_bytes: u64,
    pub reclaimable_bytes: u64,
    /// Every build cache record.
    pub entries: Vec<Entry>,
    pub dangling_images: u64,
    /// What removing the dangling images frees (their unique sizes).
    pub dangling_image_bytes: u64,
    pub stopped_containers: u64,
    pub stopped_container_bytes: u64,
    /// The four lines of `docker system df`.
    pub images: UsageTotals,
    pub containers: UsageTotals,
    pub volumes: UsageTotals,
    pub build_cache: UsageTotals,
}

impl CacheFacts {
    /// The facts one `/system/df` gives.
    pub fn from_disk_usage(df: &DiskUsage) -> CacheFacts {
        let dangling: Vec<_> = df
            .image_items
            .iter()
            .filter(|i| i.dangling() && i.containers.unwrap_or(0) == 0)
            .collect();
        let stopped: Vec<_> = df.container_items.iter().filter(|c| !c.active()).collect();
        CacheFacts {
            total_bytes: df.build_cache.size,
            reclaimable_bytes: df.build_cache.reclaimable,
            entries: df
                .build_cache_items
                .iter()
                .map(Entry::from_record)
                .collect(),
            dangling_images: dangling.len() as u64,
            dangling_image_bytes: dangling.iter().map(|i| i.unique_size() as u64).sum(),
            stopped_containers: stopped.len() as u64,
            stopped_container_bytes: stopped.iter().map(|c| c.size_rw.max(0) as u64).sum(),
            images: df.images,
            containers: df.containers,
            volumes: df.volumes,
            build_cache: df.build_cache,
        }
    }

    /// The cache mounts, largest first.
    pub fn cache_mounts(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| e.kind == EntryKind::CacheMount)
    }

    /// Whether any BuildKit build left records (layers or contexts).
    pub fn has_buildkit_builds(&self) -> bool {
        self.entries
            .iter()
            .any(|e| matches!(e.kind, EntryKind::Layer | EntryKind::Context))
    }
}

/// Reads the engine's disk usage once: the df itself (for the tab's groups and a prune's
/// preview) and the facts made from it. What the build cache gatherer calls.
pub async fn read(engine: &Engine) -> Result<(DiskUsage, CacheFacts), EngineError> {
    let df = engine.disk_usage().await?;
    let facts = CacheFacts::from_disk_usage(&df);
    Ok((df, facts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::State;
    use crate::model::disk::{ContainerUsage, DfShape, ImageUsage};

    fn image(id: &str, tags: &[&str], size: i64, shared: i64, containers: i64) -> ImageUsage {
        ImageUsage {
            id: id.into(),
            repo_tags: tags.iter().map(|t| t.to_string()).collect(),
            created: 0,
            size,
            shared_size: Some(shared),
            containers: Some(containers),
        }
    }

    fn container(id: &str, state: State, size: i64) -> ContainerUsage {
        ContainerUsage {
            id: id.into(),
            name: id.into(),
            image: "x".into(),
            image_id: "sha256:x".into(),
            state,
            created: 0,
            size_rw: size,
        }
    }

    #[test]
    fn dangling_images_and_stopped_containers_from_df() {
        let df = DiskUsage {
            shape: DfShape::Legacy,
            images: UsageTotals::default(),
            containers: UsageTotals::default(),
            volumes: UsageTotals::default(),
            build_cache: UsageTotals {
                count: 0,
                active: 0,
                size: 10,
                reclaimable: 7,
            },
            image_items: vec![
                image("a", &["<none>:<none>"], 100, 40, 0),
                image("b", &[], 50, 0, 0),
                image("c", &["<none>:<none>"], 70, 0, 1),
                image("d", &["web:1"], 500, 40, 0),
            ],
            container_items: vec![
                container("r", State::Running, 5),
                container("e", State::Exited, 3),
                container("x", State::Created, 2),
            ],
            volume_items: vec![],
            build_cache_items: vec![],
        };
        let f = CacheFacts::from_disk_usage(&df);
        assert_eq!((f.dangling_images, f.dangling_image_bytes), (2, 110));
        assert_eq!((f.stopped_containers, f.stopped_container_bytes), (2, 5));
        assert_eq!((f.total_bytes, f.reclaimable_bytes), (10, 7));
    }
}
