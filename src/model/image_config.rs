//! What an image says its containers run as: user, env, health check, command, workdir,
//! labels. The defaults a container inherits when it sets none of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use super::inspect::{EnvVar, HealthConfig};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImageConfig {
    /// `sha256:…`.
    pub id: String,
    pub tags: Vec<String>,
    /// Empty for root.
    pub user: String,
    pub env: Vec<EnvVar>,
    pub healthcheck: Option<HealthConfig>,
    pub cmd: Vec<String>,
    pub entrypoint: Vec<String>,
    pub working_dir: String,
    pub labels: BTreeMap<String, String>,
    /// e.g. `8000/tcp`.
    pub exposed_ports: Vec<String>,
    pub os: String,
    pub architecture: String,
    /// Bytes.
    pub size: i64,
}
