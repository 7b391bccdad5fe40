//! What to prune (build cache, dangling images, stopped containers), what a prune would
//! remove (the preview, nothing deleted), and what it did remove.

use std::time::Duration;

use serde::Serialize;

/// `docker builder prune`'s options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildPrune {
    /// Also internal and frontend records and shared ones (`--all`); otherwise only
    /// what no other build shares.
    pub all: bool,
    /// Keep what was used more recently than this (`--filter until=24h`).
    pub until: Option<Duration>,
    /// BuildKit's record filters, one value per key: `type` (`regular` keeps cache mounts
    /// and contexts), `id`, `description`, `inuse`, `shared`, `private`.
    pub filters: Vec<(String, String)>,
    /// Keep this many bytes of cache (`--keep-storage`; `reserved-space` from API 1.48).
    pub keep_storage: Option<u64>,
}

impl BuildPrune {
    /// Layer records only: cache mounts (the uv cache) and build contexts stay.
    pub fn layers_only(mut self) -> BuildPrune {
        self.filters.retain(|(k, _)| k != "type");
        self.filters.push(("type".into(), "regular".into()));
        self
    }

    /// The value of a filter key, if set.
    pub fn filter(&self, key: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// `docker image prune`'s options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePrune {
    /// Only untagged images (the default); false: every image no container uses (`-a`).
    pub dangling_only: bool,
    /// Only images created before this long ago.
    pub until: Option<Duration>,
}

impl Default for ImagePrune {
    fn default() -> Self {
        ImagePrune {
            dangling_only: true,
            until: None,
        }
    }
}

/// `docker container prune`'s options: stopped containers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerPrune {
    /// Only containers created before this long ago.
    pub until: Option<Duration>,
}

/// One thing a prune would remove.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PruneCandidate {
    pub id: String,
    /// A tag, a container name, or a cache record's description.
    pub name: String,
    /// For build cache: the record type (`regular`, `exec.cachemount`, …); else `image` or
    /// `container`.
    pub kind: String,
    pub size: u64,
}

/// What a prune would remove, computed without deleting anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PrunePreview {
    pub items: Vec<PruneCandidate>,
    /// Bytes it would free, as the daemon would report them: for build cache every removed
    /// record's size (shared ones too, as `SpaceReclaimed` counts them); for images an
    /// estimate (shared layers are freed only with the last image holding them).
    pub bytes: u64,
}

/// What a prune removed, as the daemon reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PruneReport {
    /// Cache record IDs, image IDs (`Deleted`, and `Untagged` references), container IDs.
    pub deleted: Vec<String>,
    pub space_reclaimed: u64,
}
