//! Parsing container and image inspect JSON into `model::inspect` types, leniently: every
//! field optional, unknown values kept as text (an enum the client library does not know
//! must not fail the whole inspect), across API 1.41 to current engines and Podman.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::details_config::WireConfig;
pub use super::details_config::parse_image;
use super::timestamp::parse_timestamp;
use crate::model::inspect::{
    ContainerDetails, ContainerState, GraphDriver, HealthLogEntry, HealthState, HostConfig,
    MountPoint, NetworkEndpoint, RestartPolicy,
};
use crate::model::{Health, State};

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireHealthLog {
    start: Option<String>,
    end: Option<String>,
    exit_code: Option<i64>,
    output: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireHealth {
    status: Option<String>,
    failing_streak: Option<i64>,
    log: Option<Vec<WireHealthLog>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireState {
    status: Option<String>,
    running: bool,
    paused: bool,
    restarting: bool,
    #[serde(rename = "OOMKilled")]
    oom_killed: bool,
    dead: bool,
    pid: Option<i64>,
    exit_code: Option<i64>,
    error: Option<String>,
    started_at: Option<String>,
    finished_at: Option<String>,
    health: Option<WireHealth>,
}

fn time(s: &Option<String>) -> Option<std::time::SystemTime> {
    s.as_deref().and_then(parse_timestamp)
}

impl WireState {
    fn into_model(self) -> ContainerState {
        let health = self.health.map(|h| HealthState {
            status: h
                .status
                .as_deref()
                .map(Health::parse)
                .unwrap_or(Health::None),
            failing_streak: h.failing_streak.unwrap_or(0).max(0) as u32,
            log: h
                .log
                .unwrap_or_default()
                .into_iter()
                .map(|l| HealthLogEntry {
                    start: time(&l.start),
                    end: time(&l.end),
                    exit_code: l.exit_code.unwrap_or(-1),
                    output: l.output.unwrap_or_default(),
                })
                .collect(),
        });
        ContainerState {
            status: self
                .status
                .as_deref()
                .map(State::parse)
                .unwrap_or(State::Unknown),
            running: self.running,
            paused: self.paused,
            restarting: self.restarting,
            oom_killed: self.oom_killed,
            dead: self.dead,
            pid: self.pid.unwrap_or(0),
            exit_code: self.exit_code.unwrap_or(0),
            error: self.error.unwrap_or_default(),
            started_at: time(&self.started_at),
            finished_at: time(&self.finished_at),
            health,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireRestart {
    name: Option<String>,
    maximum_retry_count: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireHostConfig {
    restart_policy: Option<WireRestart>,
    memory: Option<i64>,
    nano_cpus: Option<i64>,
    cpu_quota: Option<i64>,
    cpu_period: Option<i64>,
    network_mode: Option<String>,
    binds: Option<Vec<String>>,
    readonly_rootfs: Option<bool>,
    privileged: Option<bool>,
}

/// Limits the daemon writes as 0 mean "none".
fn set(n: Option<i64>) -> Option<i64> {
    n.filter(|n| *n > 0)
}

impl WireHostConfig {
    fn into_model(self) -> HostConfig {
        let rp = self.restart_policy.unwrap_or_default();
        HostConfig {
            restart_policy: RestartPolicy {
                name: rp.name.unwrap_or_default(),
                max_retries: rp.maximum_retry_count.unwrap_or(0),
            },
            memory: set(self.memory),
            nano_cpus: set(self.nano_cpus),
            cpu_quota: set(self.cpu_quota),
            cpu_period: set(self.cpu_period),
            network_mode: self.network_mode.unwrap_or_default(),
            binds: self.binds.unwrap_or_default(),
            read_only_rootfs: self.readonly_rootfs.unwrap_or(false),
            privileged: self.privileged.unwrap_or(false),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireMount {
    #[serde(rename = "Type")]
    kind: Option<String>,
    name: Option<String>,
    source: Option<String>,
    destination: Option<String>,
    #[serde(rename = "RW")]
    rw: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireEndpoint {
    #[serde(rename = "NetworkID")]
    network_id: Option<String>,
    #[serde(rename = "IPAddress")]
    ip_address: Option<String>,
    aliases: Option<Vec<String>>,
    gateway: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireNetworkSettings {
    networks: Option<BTreeMap<String, WireEndpoint>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireContainer {
    id: Option<String>,
    name: Option<String>,
    image: Option<String>,
    created: Option<String>,
    restart_count: Option<i64>,
    platform: Option<String>,
    config: Option<WireConfig>,
    state: Option<WireState>,
    host_config: Option<WireHostConfig>,
    mounts: Option<Vec<WireMount>>,
    network_settings: Option<WireNetworkSettings>,
    graph_driver: Option<WireGraphDriver>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireGraphDriver {
    name: Option<String>,
    data: Option<BTreeMap<String, String>>,
}

/// `GET /containers/{id}/json` → [`ContainerDetails`].
pub fn parse_container(body: &[u8]) -> Result<ContainerDetails, serde_json::Error> {
    let w: WireContainer = serde_json::from_slice(body)?;
    let config = w.config.unwrap_or_default().into_model();
    let networks = w
        .network_settings
        .and_then(|n| n.networks)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, e)| NetworkEndpoint {
            name,
            network_id: e.network_id.unwrap_or_default(),
            ip: e.ip_address.unwrap_or_default(),
            aliases: e.aliases.unwrap_or_default(),
            gateway: e.gateway.unwrap_or_default(),
        })
        .collect();
    let mounts = w
        .mounts
        .unwrap_or_default()
        .into_iter()
        .map(|m| MountPoint {
            kind: m.kind.unwrap_or_default(),
            source: m.source.unwrap_or_default(),
            destination: m.destination.unwrap_or_default(),
            volume: m.name.filter(|n| !n.is_empty()),
            rw: m.rw.unwrap_or(true),
        })
        .collect();
    Ok(ContainerDetails {
        id: w.id.unwrap_or_default(),
        name: w
            .name
            .unwrap_or_default()
            .trim_start_matches('/')
            .to_string(),
        image: config.image.clone(),
        image_id: w.image.unwrap_or_default(),
        created: time(&w.created),
        restart_count: w.restart_count.unwrap_or(0),
        platform: w.platform.unwrap_or_default(),
        config,
        state: w.state.unwrap_or_default().into_model(),
        host_config: w.host_config.unwrap_or_default().into_model(),
        mounts,
        networks,
        graph_driver: w.graph_driver.map(|g| GraphDriver {
            name: g.name.unwrap_or_default(),
            data: g.data.unwrap_or_default(),
        }),
    })
}

#[cfg(test)]
#[path = "details_parse_tests.rs"]
mod tests;
