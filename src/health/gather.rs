//! Gathering one container's health facts from the engine and the store — the one way the
//! Health tab, `docktor health`, the Doctor and `docktor check` get them: the full inspect
//! (the check, the run, the daemon's log of 5), the image's config (the check a container
//! inherits), the probe tools in the container (a stat of each path), and what `docktor
//! record` stored. What cannot be had is said in words a user acts on.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use futures_util::future::join_all;

use crate::engine::{Engine, EngineError};
use crate::envcheck::{Masker, container_masker};
use crate::model::inspect::ContainerDetails;
use crate::profile::Profile;

use super::facts::{TOOL_PATHS, Tools};
use super::inspect::{needs_image, snapshot as snapshot_of};
use super::snapshot::Snapshot;
use super::store::{Recorded, Store, StoreError};
use super::{HealthFacts, History};

/// Recorded probes read for one container (the store keeps 20,000 by default).
pub const RECORDED_LIMIT: usize = 20_000;

/// How the store keys this engine: the daemon's ID at the URI it is reached by
/// (`ID@unix:///var/run/docker.sock`), else the URI alone. The ID alone is not enough:
/// daemons sharing a host's `/etc/docker/key.json` (or cloned machines) share it.
pub async fn engine_key(engine: &Engine) -> String {
    let uri = &engine.target.uri;
    match engine.daemon_id().await {
        Ok(Some(id)) => format!("{id}@{uri}"),
        _ => uri.clone(),
    }
}

/// The container's inspect and the snapshot it gives. With `image`, the image's config is
/// read too (to tell an inherited check); without, only when the container leaves
/// something to it.
pub async fn snapshot(
    engine: &Engine,
    id: &str,
    image: bool,
) -> Result<(ContainerDetails, Snapshot), EngineError> {
    let d = engine.container_details(id).await?;
    let img = if image || needs_image(&d) {
        engine.image_config(&d.image_id).await.ok()
    } else {
        None
    };
    let s = snapshot_of(&d, img.as_ref());
    Ok((d, s))
}

/// Which probe tools the container has (one stat per path, together). A stopped container
/// can be looked at too.
pub async fn tools(engine: &Engine, id: &str) -> Result<Tools, String> {
    let paths: Vec<&str> = TOOL_PATHS
        .iter()
        .flat_map(|(_, p)| p.iter().copied())
        .collect();
    let stats = join_all(paths.iter().map(|p| engine.path_stat(id, p))).await;
    let mut found = HashSet::new();
    for (p, r) in paths.iter().zip(stats) {
        match r {
            Ok(_) => {
                found.insert(*p);
            }
            Err(EngineError::PathNotFound { .. }) => {}
            Err(e) => return Err(format!("could not look for curl, wget or python: {e}")),
        }
    }
    Ok(Tools::probe(|p| found.contains(p)))
}

/// The recorded history of `container_id` on the engine keyed `engine_key`: `None` when the
/// store does not exist or has nothing of it. Blocking (SQLite).
pub fn recorded(
    store: &Path,
    engine_key: &str,
    container_id: &str,
    limit: usize,
) -> Result<Option<Recorded>, StoreError> {
    let Some(s) = Store::open_existing(store)? else {
        return Ok(None);
    };
    match s.row_of(engine_key, container_id)? {
        Some(row) => s.recorded(row, limit).map(Some),
        None => Ok(None),
    }
}

/// Whether the daemon knows `start_interval` (API 1.44, Docker 25).
pub fn start_interval_supported(engine: &Engine) -> bool {
    engine.server_api_version() >= (1, 44)
}

/// What an engine does with health checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineTraits {
    pub start_interval_supported: bool,
    pub runner: super::Runner,
}

pub fn traits(engine: &Engine) -> EngineTraits {
    EngineTraits {
        start_interval_supported: start_interval_supported(engine),
        runner: if engine.info.kind == "podman" {
            super::Runner::SystemdTimers
        } else {
            super::Runner::Daemon
        },
    }
}

/// What was gathered about one container.
pub struct Gathered {
    pub details: ContainerDetails,
    pub snapshot: Snapshot,
    pub facts: HealthFacts,
    /// How many probes came from the store, or why it could not be read.
    pub store: Result<usize, StoreError>,
    /// Why the tools are unknown, if they are.
    pub tools_note: Option<String>,
}

impl Gathered {
    /// What masks this container's outputs: the profile's patterns and the secret values of
    /// its environment.
    pub fn masker(&self, profile: &Profile) -> Masker {
        container_masker(&self.details, profile)
    }
}

/// Everything about one container: inspect, image config, tools and the store together.
/// `store`: the store's path (`None`: no store). Errors only when the container cannot be
/// inspected; the store and the tools are reported in [`Gathered`].
pub async fn gather(
    engine: &Engine,
    id: &str,
    store: Option<PathBuf>,
) -> Result<Gathered, EngineError> {
    let (inspected, tools) = tokio::join!(snapshot(engine, id, true), tools(engine, id));
    let (details, snap) = inspected?;
    let key = engine_key(engine).await;
    let container = details.id.clone();
    let read = match store {
        None => Ok(None),
        Some(path) => {
            tokio::task::spawn_blocking(move || recorded(&path, &key, &container, RECORDED_LIMIT))
                .await
                .unwrap_or_else(|e| {
                    Err(StoreError::Sqlite {
                        path: PathBuf::new(),
                        doing: "read recorded probes".into(),
                        cause: e.to_string(),
                    })
                })
        }
    };
    let (rec, store) = match read {
        Ok(r) => {
            let n = r.as_ref().map_or(0, |r| r.probes.len());
            (r, Ok(n))
        }
        Err(e) => (None, Err(e)),
    };
    let history: History = snap.history(rec);
    let (tools, tools_note) = match tools {
        Ok(t) => (Some(t), None),
        Err(why) => (None, Some(why)),
    };
    let facts = snap.facts(history, tools, Some(traits(engine)));
    Ok(Gathered {
        details,
        snapshot: snap,
        facts,
        store,
        tools_note,
    })
}

/// The health facts of an image, for the rule engine: its check, no probes.
pub async fn image_facts(engine: &Engine, image: &str) -> Result<HealthFacts, String> {
    match engine.image_config(image).await {
        Ok(c) => Ok(super::inspect::image_facts(
            &c,
            start_interval_supported(engine),
        )),
        Err(e) if e.is_not_found() => Err(format!("no image {image} on {}", engine.info.uri)),
        Err(e) => Err(e.to_string()),
    }
}

/// The health facts of one container, for the rule engine (the Doctor, `docktor check`):
/// the store at its default place, the probes' outputs masked (the profile's patterns and
/// the container's secret values). `Err` is why they cannot be had, for "could not check".
pub async fn facts(engine: &Engine, id: &str, profile: &Profile) -> Result<HealthFacts, String> {
    let store = super::store::path::default_from_env();
    match gather(engine, id, store).await {
        Ok(g) => {
            let masker = g.masker(profile);
            Ok(g.facts.masked(&masker))
        }
        Err(e) if e.is_not_found() => Err(format!("no container {id} on {}", engine.info.uri)),
        Err(e) => Err(e.to_string()),
    }
}
