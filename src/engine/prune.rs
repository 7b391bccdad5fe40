//! Pruning build cache (`POST /build/prune`), dangling images and stopped containers, and
//! previews of each that delete nothing (`prune_preview.rs`, from `/system/df`).
//!
//! The build cache's storage limit is `keep-storage` below API 1.48 and `reserved-space`
//! from 1.48 on, by the version the request is sent as: an engine ignores a name it does
//! not know, so sending the wrong one would prune everything.

use std::time::{Duration, SystemTime};

use serde::Deserialize;

use super::prune_preview;
use super::raw::{Query, Request};
use super::{Engine, EngineError};
use crate::model::prune::{BuildPrune, ContainerPrune, ImagePrune, PrunePreview, PruneReport};

/// A prune can take minutes on a big cache; the daemon answers when it is done.
const PRUNE_TIMEOUT: Duration = Duration::from_secs(600);

/// `24h` as Go's duration parser reads it.
fn go_duration(d: Duration) -> String {
    format!("{}s", d.as_secs())
}

/// The query of `POST /build/prune` for `opts`, sent as API `api`.
pub fn build_prune_query(opts: &BuildPrune, api: (u32, u32)) -> Query {
    let mut filters = opts.filters.clone();
    if let Some(until) = opts.until {
        filters.push(("until".into(), go_duration(until)));
    }
    let keep = opts.keep_storage.map(|k| k.to_string());
    let keep_key = if api >= (1, 48) {
        "reserved-space"
    } else {
        "keep-storage"
    };
    Query::new()
        .push_opt("all", opts.all.then_some("1"))
        .filters(&filters)
        .push_opt(keep_key, keep.as_deref())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireBuildPrune {
    caches_deleted: Option<Vec<String>>,
    space_reclaimed: u64,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireImageDeleted {
    untagged: Option<String>,
    deleted: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireImagePrune {
    images_deleted: Option<Vec<WireImageDeleted>>,
    space_reclaimed: u64,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireContainerPrune {
    containers_deleted: Option<Vec<String>>,
    space_reclaimed: u64,
}

impl Engine {
    /// `docker builder prune` with `opts`; what the daemon removed.
    pub async fn prune_build_cache(&self, opts: &BuildPrune) -> Result<PruneReport, EngineError> {
        let api = self.api_version();
        let req = Request::post("/build/prune")
            .query(build_prune_query(opts, api))
            .timeout(PRUNE_TIMEOUT);
        let w: WireBuildPrune = self.call_json(req, "prune the build cache").await?;
        Ok(PruneReport {
            deleted: w.caches_deleted.unwrap_or_default(),
            space_reclaimed: w.space_reclaimed,
        })
    }

    /// `docker image prune` (dangling only unless `opts.dangling_only` is off).
    pub async fn prune_images(&self, opts: &ImagePrune) -> Result<PruneReport, EngineError> {
        let mut filters = vec![("dangling".to_string(), opts.dangling_only.to_string())];
        if let Some(until) = opts.until {
            filters.push(("until".into(), go_duration(until)));
        }
        let req = Request::post("/images/prune")
            .query(Query::new().filters(&filters))
            .timeout(PRUNE_TIMEOUT);
        let w: WireImagePrune = self.call_json(req, "prune images").await?;
        let deleted = w
            .images_deleted
            .unwrap_or_default()
            .into_iter()
            .flat_map(|d| [d.deleted, d.untagged])
            .flatten()
            .collect();
        Ok(PruneReport {
            deleted,
            space_reclaimed: w.space_reclaimed,
        })
    }

    /// `docker container prune`: stopped containers.
    pub async fn prune_containers(
        &self,
        opts: &ContainerPrune,
    ) -> Result<PruneReport, EngineError> {
        let filters: Vec<(String, String)> = opts
            .until
            .map(|u| ("until".to_string(), go_duration(u)))
            .into_iter()
            .collect();
        let req = Request::post("/containers/prune")
            .query(Query::new().filters(&filters))
            .timeout(PRUNE_TIMEOUT);
        let w: WireContainerPrune = self.call_json(req, "prune containers").await?;
        Ok(PruneReport {
            deleted: w.containers_deleted.unwrap_or_default(),
            space_reclaimed: w.space_reclaimed,
        })
    }

    /// What [`Engine::prune_build_cache`] would remove now; deletes nothing.
    pub async fn preview_build_prune(
        &self,
        opts: &BuildPrune,
    ) -> Result<PrunePreview, EngineError> {
        let df = self.disk_usage().await?;
        Ok(prune_preview::build_cache(
            &df.build_cache_items,
            opts,
            SystemTime::now(),
        ))
    }

    /// What [`Engine::prune_images`] would remove now; deletes nothing.
    pub async fn preview_image_prune(
        &self,
        opts: &ImagePrune,
    ) -> Result<PrunePreview, EngineError> {
        let df = self.disk_usage().await?;
        Ok(prune_preview::images(
            &df.image_items,
            opts,
            SystemTime::now(),
        ))
    }

    /// What [`Engine::prune_containers`] would remove now; deletes nothing.
    pub async fn preview_container_prune(
        &self,
        opts: &ContainerPrune,
    ) -> Result<PrunePreview, EngineError> {
        let df = self.disk_usage().await?;
        Ok(prune_preview::containers(
            &df.container_items,
            opts,
            SystemTime::now(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(opts: &BuildPrune, api: (u32, u32)) -> String {
        Request::get("/build/prune")
            .query(build_prune_query(opts, api))
            .path
    }

    #[test]
    fn the_storage_limit_is_named_by_the_api_version() {
        let opts = BuildPrune {
            keep_storage: Some(1_000_000),
            ..Default::default()
        };
        assert_eq!(query(&opts, (1, 41)), "/build/prune?keep-storage=1000000");
        assert_eq!(query(&opts, (1, 47)), "/build/prune?keep-storage=1000000");
        assert_eq!(query(&opts, (1, 48)), "/build/prune?reserved-space=1000000");
        assert_eq!(query(&opts, (1, 52)), "/build/prune?reserved-space=1000000");
    }

    #[test]
    fn all_until_and_filters_are_sent() {
        let opts = BuildPrune {
            all: true,
            until: Some(Duration::from_secs(86_400)),
            ..Default::default()
        }
        .layers_only();
        let q = query(&opts, (1, 41));
        assert!(q.starts_with("/build/prune?all=1&filters="), "{q}");
        let decoded: String = form_urlencoded::parse(q.split_once('?').unwrap().1.as_bytes())
            .filter(|(k, _)| k == "filters")
            .map(|(_, v)| v.into_owned())
            .collect();
        let v: serde_json::Value = serde_json::from_str(&decoded).unwrap();
        assert_eq!(v["type"], serde_json::json!(["regular"]));
        assert_eq!(v["until"], serde_json::json!(["86400s"]));
        assert_eq!(query(&BuildPrune::default(), (1, 41)), "/build/prune");
    }
}
