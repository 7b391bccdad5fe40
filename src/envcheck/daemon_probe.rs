//! The container side of the env check on docktor's engine: the container as the gatherer
//! takes it (full inspect), and the probe's [`Runner`] — exec in the container, or a helper
//! container from the busybox helper image, removed after each probe.

use std::time::Duration;

use super::daemon::helper_image;
use super::db::{DbFacts, Network};
use super::gather::ContainerData;
use super::probe::Outcome;
use super::reach::{RunError, RunOutput, Runner};
use crate::engine::{Engine, EngineError};
use crate::model::exec::{DEFAULT_OUTPUT_LIMIT, ExecSpec};
use crate::model::helper::HelperSpec;
use crate::model::inspect::ContainerDetails;

/// The container `id` (name or ID) as the gatherer takes it.
pub async fn container(engine: &Engine, id: &str) -> Result<ContainerData, EngineError> {
    Ok(container_data(&engine.container_details(id).await?))
}

pub fn container_data(d: &ContainerDetails) -> ContainerData {
    ContainerData {
        id: d.id.clone(),
        name: d.name.clone(),
        image: if d.config.image.is_empty() {
            d.image.clone()
        } else {
            d.config.image.clone()
        },
        image_id: d.image_id.clone(),
        running: d.state.running,
        env: d
            .config
            .env
            .iter()
            .map(|e| format!("{}={}", e.key, e.value))
            .collect(),
        networks: d
            .networks
            .iter()
            .map(|n| Network {
                name: n.name.clone(),
                aliases: n.aliases.clone(),
                peers: Vec::new(),
            })
            .collect(),
    }
}

/// The most network members inspected for their aliases.
const PEERS: usize = 12;

/// When the name did not resolve or nothing answered, says which containers (and their
/// aliases) are on the container's networks: the names that do resolve there.
pub async fn with_peers(
    engine: &Engine,
    db: Result<DbFacts, String>,
    own: &str,
) -> Result<DbFacts, String> {
    let Ok(DbFacts::Probed {
        target,
        via,
        report,
        mut networks,
    }) = db
    else {
        return db;
    };
    if matches!(
        report.outcome,
        Outcome::DnsFailure | Outcome::Unreachable | Outcome::Timeout
    ) {
        for n in &mut networks {
            let members = engine.network_members(&n.name).await.unwrap_or_default();
            for m in members.iter().filter(|m| m.as_str() != own).take(PEERS) {
                let aliases: Vec<String> = match engine.container_details(m).await {
                    Ok(d) => d
                        .networks
                        .iter()
                        .filter(|e| e.name == n.name)
                        .flat_map(|e| e.aliases.iter())
                        .filter(|a| a.as_str() != m && !is_short_id(a))
                        .cloned()
                        .collect(),
                    Err(_) => Vec::new(),
                };
                n.peers.push(match aliases.is_empty() {
                    true => m.clone(),
                    false => format!("{m} (alias {})", aliases.join(", ")),
                });
            }
        }
    }
    Ok(DbFacts::Probed {
        target,
        via,
        report,
        networks,
    })
}

fn is_short_id(a: &str) -> bool {
    a.len() == 12 && a.chars().all(|c| c.is_ascii_hexdigit())
}

/// The label of the probe's helper containers (beside the engine's `docktor.helper=1`).
pub const PROBE_LABEL: &str = "docktor.helper.env-probe";

/// Probes through the engine: exec, else a helper container.
pub struct EngineRunner<'a> {
    pub engine: &'a Engine,
}

impl Runner for EngineRunner<'_> {
    async fn exec(
        &self,
        id: &str,
        cmd: &[String],
        timeout: Duration,
    ) -> Result<RunOutput, RunError> {
        let spec = ExecSpec::new(cmd.iter().cloned()).timeout(timeout);
        match self.engine.exec(id, &spec).await {
            Ok(out) => Ok(RunOutput {
                exit_code: out.exit_code,
                stdout: out.stdout.text(),
                stderr: out.stderr.text(),
            }),
            Err(EngineError::ExecutableNotFound { .. }) => Err(RunError::NotFound),
            Err(EngineError::NotRunning { .. }) => Err(RunError::NotRunning),
            Err(e) => Err(RunError::Other(e.to_string())),
        }
    }

    async fn helper(
        &self,
        network: &str,
        cmd: &[String],
        timeout: Duration,
    ) -> Result<(String, RunOutput), String> {
        let image = helper_image(self.engine).await?;
        let spec = HelperSpec::new(image.clone())
            .entrypoint(Vec::<String>::new())
            .cmd(cmd.iter().cloned())
            .network(network)
            .label(PROBE_LABEL, "1");
        let helper = self
            .engine
            .create_helper(&spec)
            .await
            .map_err(|e| e.to_string())?;
        let out = helper.run(timeout, DEFAULT_OUTPUT_LIMIT).await;
        let removed = helper.remove().await;
        let out = out.map_err(|e| e.to_string())?;
        removed
            .map_err(|e| format!("the probe ran, but its helper container was not removed: {e}"))?;
        Ok((
            image,
            RunOutput {
                exit_code: out.exit_code,
                stdout: out.stdout.text(),
                stderr: out.stderr.text(),
            },
        ))
    }
}
