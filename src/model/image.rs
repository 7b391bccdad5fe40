//! Images as the engine describes them: list rows, inspect, history, storage driver data.
//! Plain values: no client-library type leaves `engine/`.

use std::collections::BTreeMap;

use serde::Serialize;

/// One row of the image list (`GET /images/json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRow {
    pub id: String,
    /// `repo:tag` names; `<none>:<none>` is left out.
    pub tags: Vec<String>,
    pub size_bytes: u64,
    /// Unix seconds.
    pub created: i64,
    /// No tag at all.
    pub dangling: bool,
}

/// The storage driver of an image and its driver data (`LowerDir`, `UpperDir`, …), which the
/// overlay2 walk reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GraphDriver {
    pub name: String,
    pub data: BTreeMap<String, String>,
}

/// A `HEALTHCHECK` as the image config holds it. Durations in nanoseconds, as the API gives
/// them (0 or absent: the engine's default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Healthcheck {
    /// `["CMD-SHELL", "curl -f …"]`, `["CMD", …]` or `["NONE"]`.
    pub test: Vec<String>,
    pub interval_ns: Option<i64>,
    pub timeout_ns: Option<i64>,
    pub start_period_ns: Option<i64>,
    pub retries: Option<i64>,
}

/// What an image's config says a container of it will run as.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImageConfig {
    /// `KEY=value` entries, as written (may hold secrets: mask before showing).
    pub env: Vec<String>,
    /// `USER`, when set and not empty.
    pub user: Option<String>,
    pub healthcheck: Option<Healthcheck>,
    pub cmd: Option<Vec<String>>,
    pub entrypoint: Option<Vec<String>>,
    /// `WORKDIR`, when set and not empty.
    pub workdir: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// `8000/tcp`, sorted.
    pub exposed_ports: Vec<String>,
}

/// An image inspect (`GET /images/{name}/json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImageDetails {
    /// `sha256:…`: the digest of the config, so an ID never changes meaning.
    pub id: String,
    pub tags: Vec<String>,
    /// Total size (all layers) as the daemon reports it.
    pub size_bytes: u64,
    /// RFC 3339, as the daemon wrote it.
    pub created: Option<String>,
    pub config: ImageConfig,
    /// The rootfs layer IDs (diff_ids), bottom first.
    pub layers: Vec<String>,
    pub graph_driver: Option<GraphDriver>,
}

/// One history entry of an image (`GET /images/{name}/history`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The instruction, e.g. `/bin/sh -c #(nop)  CMD ["sh"]`.
    pub created_by: String,
    /// Unix seconds.
    pub created: i64,
    pub comment: String,
    /// Bytes the step's layer adds (0 for metadata-only steps).
    pub size_bytes: u64,
}
