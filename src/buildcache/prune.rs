//! What a prune is asked to do (`docktor prune builder|images|containers`, the tab's prune
//! keys), checked before anything is sent, and the words of its preview and confirmation.

use std::time::Duration;

use serde::Serialize;

use super::units::{docker_size, format_age};
use crate::model::prune::{BuildPrune, ContainerPrune, ImagePrune};

/// What to prune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PruneWhat {
    /// Build cache (`docker builder prune`).
    Builder,
    /// Dangling images (`docker image prune`; `--all`: every unused image).
    Images,
    /// Stopped containers (`docker container prune`).
    Containers,
}

/// A prune request, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PruneRequest {
    pub what: PruneWhat,
    /// Builder: also shared and internal records; images: every unused image, not only
    /// dangling ones.
    pub all: bool,
    /// Only what was last used (images, containers: created) longer ago than this.
    pub until: Option<Duration>,
    /// Builder: keep this many bytes of cache.
    pub keep_storage: Option<u64>,
    /// Builder: layer records only — cache mounts (the uv cache) and contexts stay.
    pub keep_cache_mounts: bool,
    /// Builder: BuildKit's record filters as typed (`type=regular`, `id=…`); the daemon
    /// judges them, as `docker builder prune --filter` lets it.
    pub filters: Vec<(String, String)>,
}

impl PruneRequest {
    pub fn new(what: PruneWhat) -> PruneRequest {
        PruneRequest {
            what,
            all: false,
            until: None,
            keep_storage: None,
            keep_cache_mounts: false,
            filters: Vec::new(),
        }
    }

    /// The engine's build prune. "Keep the cache mounts" is `all` plus `type=regular`:
    /// BuildKit marks layer records an image also holds as shared, and a prune without
    /// `all` leaves shared records alone (Docker 20.10 marks every layer record so).
    pub fn build(&self) -> BuildPrune {
        let opts = BuildPrune {
            all: self.all || self.keep_cache_mounts,
            until: self.until,
            filters: self.filters.clone(),
            keep_storage: self.keep_storage,
        };
        if self.keep_cache_mounts {
            opts.layers_only()
        } else {
            opts
        }
    }

    /// The engine's image prune: dangling images, or every unused one with `all`.
    pub fn images(&self) -> ImagePrune {
        ImagePrune {
            dangling_only: !self.all,
            until: self.until,
        }
    }

    /// The engine's container prune: stopped containers.
    pub fn containers(&self) -> ContainerPrune {
        ContainerPrune { until: self.until }
    }

    /// Refuses options that do not apply (they would be ignored in silence otherwise).
    pub fn validate(&self) -> Result<(), String> {
        if self.what != PruneWhat::Builder {
            if self.keep_cache_mounts {
                return Err("--keep-cache-mounts applies to `prune builder` only".into());
            }
            if self.keep_storage.is_some() {
                return Err("--keep-storage applies to `prune builder` only".into());
            }
            if !self.filters.is_empty() {
                return Err("--filter applies to `prune builder` only".into());
            }
        }
        if self.what == PruneWhat::Containers && self.all {
            return Err("--all applies to `prune builder` and `prune images`".into());
        }
        if self.keep_cache_mounts && self.filters.iter().any(|(k, _)| k == "type") {
            return Err(
                "--keep-cache-mounts is the filter type=regular: leave out --filter type=…".into(),
            );
        }
        Ok(())
    }

    /// One line for the preview and the confirmation: what will be removed.
    pub fn describe(&self) -> String {
        let mut s = match (self.what, self.all, self.keep_cache_mounts) {
            (PruneWhat::Builder, _, true) => {
                "build cache layers (cache mounts such as the uv cache and contexts stay)"
                    .to_string()
            }
            (PruneWhat::Builder, true, false) => {
                "all unused build cache, shared records too".into()
            }
            (PruneWhat::Builder, false, false) => "unused build cache".into(),
            (PruneWhat::Images, true, _) => "every image no container uses".into(),
            (PruneWhat::Images, false, _) => "dangling images (untagged, unused)".into(),
            (PruneWhat::Containers, _, _) => "stopped containers".into(),
        };
        if let Some(u) = self.until {
            let verb = if self.what == PruneWhat::Builder {
                "unused for"
            } else {
                "created"
            };
            s.push_str(&format!(", {verb} more than {}", format_age(u)));
            if self.what != PruneWhat::Builder {
                s.push_str(" ago");
            }
        }
        if let Some(k) = self.keep_storage {
            s.push_str(&format!(", keeping {} of cache", docker_size(k)));
        }
        for (k, v) in &self.filters {
            s.push_str(&format!(", {k}={v}"));
        }
        s
    }
}

/// One line of a preview: a kind of thing, how many, how many bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewLine {
    pub kind: String,
    pub count: usize,
    pub bytes: u64,
}

/// Counts and bytes by kind, largest first, from `(kind, bytes)` of each candidate.
pub fn by_kind<'a>(items: impl Iterator<Item = (&'a str, u64)>) -> Vec<PreviewLine> {
    let mut out: Vec<PreviewLine> = Vec::new();
    for (kind, bytes) in items {
        match out.iter_mut().find(|l| l.kind == kind) {
            Some(l) => {
                l.count += 1;
                l.bytes += bytes;
            }
            None => out.push(PreviewLine {
                kind: kind.to_string(),
                count: 1,
                bytes,
            }),
        }
    }
    out.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.kind.cmp(&b.kind)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_that_do_not_apply_are_refused() {
        let mut r = PruneRequest::new(PruneWhat::Images);
        r.keep_cache_mounts = true;
        assert!(r.validate().unwrap_err().contains("prune builder"));
        let mut r = PruneRequest::new(PruneWhat::Containers);
        r.all = true;
        assert!(r.validate().is_err());
        let mut r = PruneRequest::new(PruneWhat::Images);
        assert!(r.images().dangling_only);
        r.all = true;
        assert!(!r.images().dangling_only);
        r.filters.push(("type".into(), "regular".into()));
        assert!(r.validate().unwrap_err().contains("--filter"));
        let plain = PruneRequest::new(PruneWhat::Builder).build();
        assert!(!plain.all && plain.filters.is_empty());
        let mut r = PruneRequest::new(PruneWhat::Builder);
        r.keep_cache_mounts = true;
        r.until = Some(Duration::from_secs(86_400));
        r.keep_storage = Some(1_500_000_000);
        assert_eq!(r.validate(), Ok(()));
        let b = r.build();
        assert!(b.all, "layers only needs all: layer records are shared");
        assert_eq!(b.filter("type"), Some("regular"));
        assert_eq!(b.keep_storage, Some(1_500_000_000));
        r.filters.push(("type".into(), "source.local".into()));
        assert!(r.validate().is_err());
        r.filters.clear();
        assert_eq!(
            r.describe(),
            "build cache layers (cache mounts such as the uv cache and contexts stay), \
             unused for more than 1d, keeping 1.5GB of cache"
        );
    }

    #[test]
    fn previews_sum_by_kind() {
        let lines =
            by_kind([("regular", 10), ("exec.cachemount", 300), ("regular", 5)].into_iter());
        assert_eq!(
            lines[0],
            PreviewLine {
                kind: "exec.cachemount".into(),
                count: 1,
                bytes: 300
            }
        );
        assert_eq!(
            lines[1],
            PreviewLine {
                kind: "regular".into(),
                count: 2,
                bytes: 15
            }
        );
    }
}
