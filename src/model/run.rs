//! Containers docktor itself creates (the demo), and the state it waits on.

use std::collections::BTreeMap;

use super::Health;

/// A container to create: its name, its image and its labels; everything else is the
/// image's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerSpec {
    pub name: String,
    pub image: String,
    pub labels: BTreeMap<String, String>,
}

/// Whether a container runs and what its health check says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthState {
    pub running: bool,
    /// The exit code of the last run (0 while running or never started).
    pub exit_code: i64,
    /// `None` when the container has no health check.
    pub health: Health,
    /// The output of the latest health check, when there is one.
    pub last_output: Option<String>,
}
