//! A container as a full inspect describes it: config, state with the health log, host
//! config, mounts and networks. Plain data; `engine::details` fills it.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::State;

/// One `KEY=value` of an environment, in the order the daemon lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvVar {
    pub key: String,
    /// Empty when the entry has no `=`.
    pub value: String,
}

impl EnvVar {
    /// `KEY=value` → key and value (the first `=` splits).
    pub fn parse(entry: &str) -> EnvVar {
        match entry.split_once('=') {
            Some((k, v)) => EnvVar {
                key: k.to_string(),
                value: v.to_string(),
            },
            None => EnvVar {
                key: entry.to_string(),
                value: String::new(),
            },
        }
    }
}

/// A health check as configured (container or image). Durations the daemon leaves at 0
/// (its defaults apply: 30 s interval and timeout, 0 start period, 5 s start interval) are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HealthConfig {
    /// As the daemon has it: `["CMD-SHELL", "curl -f …"]`, `["CMD", "curl", …]`, `["NONE"]`,
    /// or empty (inherit the image's).
    pub test: Vec<String>,
    pub interval: Option<Duration>,
    pub timeout: Option<Duration>,
    /// 0 (`None`) means the default, 3.
    pub retries: Option<u32>,
    pub start_period: Option<Duration>,
    pub start_interval: Option<Duration>,
}

/// What the health check's `test` runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthTest {
    /// Empty test: the image's check applies.
    Inherit,
    /// `NONE`: checks disabled.
    Disabled,
    /// `CMD`: exec'd directly.
    Exec(Vec<String>),
    /// `CMD-SHELL`: run with the container's shell (`/bin/sh -c`).
    Shell(String),
}

impl HealthConfig {
    pub fn kind(&self) -> HealthTest {
        match self.test.split_first() {
            None => HealthTest::Inherit,
            Some((first, rest)) => match first.as_str() {
                "NONE" => HealthTest::Disabled,
                "CMD" => HealthTest::Exec(rest.to_vec()),
                "CMD-SHELL" => HealthTest::Shell(rest.join(" ")),
                // Older daemons keep a bare command as CMD-SHELL.
                _ => HealthTest::Shell(self.test.join(" ")),
            },
        }
    }
}

/// The container's `Config`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ContainerConfig {
    pub env: Vec<EnvVar>,
    /// As set (`app`, `1001`, `1001:1001`, empty for root).
    pub user: String,
    pub working_dir: String,
    pub cmd: Vec<String>,
    pub entrypoint: Vec<String>,
    pub labels: BTreeMap<String, String>,
    /// e.g. `8000/tcp`.
    pub exposed_ports: Vec<String>,
    pub healthcheck: Option<HealthConfig>,
    pub image: String,
    pub hostname: String,
    pub tty: bool,
}

/// One probe result the daemon kept (it keeps the last 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthLogEntry {
    pub start: Option<SystemTime>,
    pub end: Option<SystemTime>,
    pub exit_code: i64,
    pub output: String,
}

impl HealthLogEntry {
    pub fn duration(&self) -> Option<Duration> {
        self.end?.duration_since(self.start?).ok()
    }
}

/// `State.Health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthState {
    pub status: super::Health,
    pub failing_streak: u32,
    pub log: Vec<HealthLogEntry>,
}

/// The container's `State`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContainerState {
    pub status: State,
    pub running: bool,
    pub paused: bool,
    pub restarting: bool,
    pub oom_killed: bool,
    pub dead: bool,
    pub pid: i64,
    pub exit_code: i64,
    pub error: String,
    pub started_at: Option<SystemTime>,
    pub finished_at: Option<SystemTime>,
    pub health: Option<HealthState>,
}

/// `HostConfig.RestartPolicy`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RestartPolicy {
    /// `no` (or empty), `always`, `unless-stopped`, `on-failure`.
    pub name: String,
    pub max_retries: i64,
}

/// The parts of `HostConfig` the checks need.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct HostConfig {
    pub restart_policy: RestartPolicy,
    /// Bytes; `None` when unlimited.
    pub memory: Option<i64>,
    /// CPUs × 10⁹ (`--cpus 1.5` → 1.5e9); `None` when unlimited.
    pub nano_cpus: Option<i64>,
    pub cpu_quota: Option<i64>,
    pub cpu_period: Option<i64>,
    /// `default`, `bridge`, `host`, `none`, `container:<id>` or a network name.
    pub network_mode: String,
    /// `host-path:container-path[:options]`.
    pub binds: Vec<String>,
    pub read_only_rootfs: bool,
    pub privileged: bool,
}

impl HostConfig {
    /// The CPU limit in CPUs, from `NanoCpus` or `CpuQuota / CpuPeriod` (default period 100 ms).
    pub fn cpu_limit(&self) -> Option<f64> {
        if let Some(n) = self.nano_cpus {
            return Some(n as f64 / 1e9);
        }
        let quota = self.cpu_quota?;
        let period = self.cpu_period.unwrap_or(100_000);
        (period > 0).then(|| quota as f64 / period as f64)
    }
}

/// One mount as the container sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MountPoint {
    /// `bind`, `volume`, `tmpfs`, `npipe`, `image`…
    pub kind: String,
    pub source: String,
    pub destination: String,
    /// Set for volumes.
    pub volume: Option<String>,
    pub rw: bool,
}

/// One network the container is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkEndpoint {
    pub name: String,
    pub network_id: String,
    /// Empty when not running.
    pub ip: String,
    pub aliases: Vec<String>,
    pub gateway: String,
}

/// Where the storage driver keeps the container's filesystem (`GraphDriver`): for
/// overlay2, `LowerDir`, `UpperDir`, `MergedDir`, `WorkDir` — a local fast path for files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct GraphDriver {
    /// e.g. `overlay2`.
    pub name: String,
    pub data: BTreeMap<String, String>,
}

/// A full container inspect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContainerDetails {
    pub id: String,
    /// Without the leading `/`.
    pub name: String,
    /// The image as the container was created from it (`Config.Image`, e.g. `web:1.2`).
    pub image: String,
    /// `sha256:…`.
    pub image_id: String,
    pub created: Option<SystemTime>,
    pub restart_count: i64,
    /// `linux`, or the platform the daemon names.
    pub platform: String,
    pub config: ContainerConfig,
    pub state: ContainerState,
    pub host_config: HostConfig,
    pub mounts: Vec<MountPoint>,
    pub networks: Vec<NetworkEndpoint>,
    /// `None` when the engine does not say (Podman, containerd image store).
    pub graph_driver: Option<GraphDriver>,
}

impl ContainerDetails {
    /// The mount whose destination holds `path` (the longest match), if any.
    pub fn mount_for(&self, path: &str) -> Option<&MountPoint> {
        self.mounts
            .iter()
            .filter(|m| {
                let d = m.destination.trim_end_matches('/');
                path == d || path.starts_with(&format!("{d}/")) || d.is_empty()
            })
            .max_by_key(|m| m.destination.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_entries_split_on_the_first_equals() {
        assert_eq!(
            EnvVar::parse("URL=postgres://u:p@db/x?a=b"),
            EnvVar {
                key: "URL".into(),
                value: "postgres://u:p@db/x?a=b".into()
            }
        );
        assert_eq!(EnvVar::parse("FLAG").value, "");
    }

    #[test]
    fn health_tests_are_told_apart() {
        let h = |t: &[&str]| HealthConfig {
            test: t.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        assert_eq!(h(&[]).kind(), HealthTest::Inherit);
        assert_eq!(h(&["NONE"]).kind(), HealthTest::Disabled);
        assert_eq!(
            h(&["CMD", "curl", "-f", "x"]).kind(),
            HealthTest::Exec(vec!["curl".into(), "-f".into(), "x".into()])
        );
        assert_eq!(
            h(&["CMD-SHELL", "curl -f x || exit 1"]).kind(),
            HealthTest::Shell("curl -f x || exit 1".into())
        );
    }

    #[test]
    fn cpu_limits_come_from_nano_cpus_or_quota() {
        let mut h = HostConfig {
            nano_cpus: Some(1_500_000_000),
            ..Default::default()
        };
        assert_eq!(h.cpu_limit(), Some(1.5));
        h.nano_cpus = None;
        h.cpu_quota = Some(50_000);
        assert_eq!(h.cpu_limit(), Some(0.5));
        h.cpu_quota = None;
        assert_eq!(h.cpu_limit(), None);
    }
}
