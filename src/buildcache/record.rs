//! A build cache record as `/system/df` lists it. Until the engine's own type lands
//! (`model::disk::BuildCacheRecord`, same fields), docktor's domain code is written against
//! this one; then this file becomes a re-export.

use std::time::SystemTime;

use serde::Serialize;

/// One build cache record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    pub id: String,
    pub parents: Vec<String>,
    /// `regular`, `exec.cachemount`, `source.local`, `internal`, `frontend`,
    /// `source.git.checkout`.
    pub kind: String,
    /// e.g. `cached mount /root/.cache/uv from exec /bin/sh -c uv sync`.
    pub description: String,
    pub in_use: bool,
    pub shared: bool,
    pub size: i64,
    pub created_at: Option<SystemTime>,
    pub last_used_at: Option<SystemTime>,
    pub usage_count: i64,
}
