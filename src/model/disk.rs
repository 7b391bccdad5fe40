//! What the engine's disk holds (`/system/df`): images, containers, volumes and build cache,
//! with totals computed as `docker system df` computes them.

use std::time::SystemTime;

use serde::Serialize;

use super::State;

/// One line of `docker system df`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct UsageTotals {
    pub count: u64,
    pub active: u64,
    /// Bytes.
    pub size: u64,
    /// Bytes a prune of the unused ones could free.
    pub reclaimable: u64,
}

/// An image as df lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageUsage {
    pub id: String,
    pub repo_tags: Vec<String>,
    /// Unix seconds.
    pub created: i64,
    pub size: i64,
    /// Bytes shared with other images; `None` when the daemon did not compute it.
    pub shared_size: Option<i64>,
    /// Containers using it; `None` when unknown.
    pub containers: Option<i64>,
}

impl ImageUsage {
    /// No tag (or only `<none>:<none>`): what `image prune` removes by default.
    pub fn dangling(&self) -> bool {
        self.repo_tags.iter().all(|t| t == "<none>:<none>")
    }

    /// What removing it alone frees: its size minus what it shares.
    pub fn unique_size(&self) -> i64 {
        (self.size - self.shared_size.unwrap_or(0)).max(0)
    }
}

/// A container as df lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContainerUsage {
    pub id: String,
    pub name: String,
    pub image: String,
    pub image_id: String,
    pub state: State,
    /// Unix seconds.
    pub created: i64,
    /// Bytes of its writable layer.
    pub size_rw: i64,
}

impl ContainerUsage {
    /// Running, paused or restarting: what `container prune` keeps.
    pub fn active(&self) -> bool {
        matches!(
            self.state,
            State::Running | State::Paused | State::Restarting
        )
    }
}

/// A volume as df lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolumeUsage {
    pub name: String,
    pub driver: String,
    /// Bytes; `None` when the daemon could not tell.
    pub size: Option<i64>,
    /// Containers using it; `None` when unknown.
    pub ref_count: Option<i64>,
}

/// One build cache record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuildCacheRecord {
    pub id: String,
    /// Empty on API 1.41 (the records carry no parents there).
    pub parents: Vec<String>,
    /// `regular`, `exec.cachemount`, `source.local`, `internal`, `frontend`, `source.git.checkout`.
    pub kind: String,
    /// e.g. `mount / from exec /bin/sh -c uv sync`, `local source for context`.
    pub description: String,
    pub in_use: bool,
    pub shared: bool,
    pub size: i64,
    pub created_at: Option<SystemTime>,
    pub last_used_at: Option<SystemTime>,
    pub usage_count: i64,
}

/// Which shape the engine answered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DfShape {
    /// Lists at the top (`Images`, `BuildCache`, …): API up to 1.51, and 1.52 by default.
    Legacy,
    /// `ImageUsage`, `BuildCacheUsage`, … with `Items`: API 1.52 and newer.
    Usage,
}

/// `/system/df`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiskUsage {
    pub shape: DfShape,
    pub images: UsageTotals,
    pub containers: UsageTotals,
    pub volumes: UsageTotals,
    pub build_cache: UsageTotals,
    pub image_items: Vec<ImageUsage>,
    pub container_items: Vec<ContainerUsage>,
    pub volume_items: Vec<VolumeUsage>,
    pub build_cache_items: Vec<BuildCacheRecord>,
}
