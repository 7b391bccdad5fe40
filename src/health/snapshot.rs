//! What one inspect of a container tells the health history: its check, its run
//! (`StartedAt`), the daemon's status and streak, and the daemon's log (its last 5 probes).
//! The engine fills it; the recorder and the Health tab merge it into their histories.

use crate::model::Health;

use super::config::CheckConfig;
use super::probe::Probe;
use super::time::Nanos;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub id: String,
    pub name: String,
    pub image: String,
    pub running: bool,
    /// The current run's start; `None` when never started.
    pub started_at: Option<Nanos>,
    /// The check in effect (container over image).
    pub config: Option<CheckConfig>,
    pub status: Health,
    pub failing_streak: u32,
    /// The daemon's log, oldest first.
    pub log: Vec<Probe>,
    /// Ports exposed (`8000/tcp` → 8000).
    pub exposed_ports: Vec<u16>,
}

impl Snapshot {
    /// What the capture needs to tell this container's probes from other execs.
    pub fn watched(&self) -> Option<super::capture::Watched> {
        let c = self.config.as_ref().filter(|c| !c.is_disabled())?;
        Some(super::capture::Watched {
            command: c.event_command(),
            timeout: super::time::nanos_in(c.timeout()),
        })
    }
}
