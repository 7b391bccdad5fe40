//! Can the daemon reach a registry (distribution inspect, classified), and the daemon's
//! settings that decide it (`/info`: proxies, mirrors, insecure registries).

use std::time::Duration;

use serde::Serialize;

/// How a distribution inspect ended, told apart for the advice each needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistryOutcome {
    /// The registry answered with the image's manifest.
    Reachable,
    /// The registry's name does not resolve (from the daemon).
    DnsFailure,
    /// Nothing listens at the registry's address.
    Refused,
    /// No route to the registry's address (network is unreachable, no route to host).
    Unreachable,
    /// No answer in time.
    Timeout,
    /// Certificates or a plain-HTTP registry not marked insecure.
    Tls,
    /// The daemon's proxy failed or refused.
    Proxy,
    /// The registry answered and wants credentials (401, `denied`): it is reachable.
    AuthRequired,
    /// The registry answered: no such repository or tag.
    NotFound,
    /// Anything else; the daemon's words say what.
    Other,
}

impl RegistryOutcome {
    /// True when the registry itself answered (whatever it said).
    pub fn registry_answered(self) -> bool {
        matches!(
            self,
            RegistryOutcome::Reachable | RegistryOutcome::AuthRequired | RegistryOutcome::NotFound
        )
    }
}

/// The result of asking the daemon to inspect an image at its registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistryCheck {
    /// The image reference asked for, e.g. `ghcr.io/astral-sh/uv:0.5`.
    pub image: String,
    /// The registry host (`docker.io` for short names).
    pub registry: String,
    pub outcome: RegistryOutcome,
    /// The daemon's own words (empty on success).
    pub message: String,
    /// The manifest digest, on success.
    pub digest: Option<String>,
    /// `os/arch[/variant]` the image exists for, on success.
    pub platforms: Vec<String>,
    pub elapsed: Duration,
}

/// The registry host of an image reference, as Docker normalises it: the first part when
/// it has a `.` or `:` or is `localhost`, else Docker Hub.
pub fn registry_host(image: &str) -> String {
    match image.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => first.to_string(),
        _ => "docker.io".to_string(),
    }
}

/// What `/info` says that matters for troubleshooting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DaemonInfo {
    pub name: String,
    pub server_version: String,
    /// The version requests are sent as, and the newest the engine speaks.
    pub api_version: String,
    pub server_api_version: String,
    /// e.g. `Debian GNU/Linux 12 (bookworm)`, `Docker Desktop`.
    pub operating_system: String,
    /// `linux` or `windows`.
    pub os_type: String,
    pub architecture: String,
    pub kernel_version: String,
    /// Storage driver, e.g. `overlay2`.
    pub driver: String,
    /// `cgroupfs` or `systemd`.
    pub cgroup_driver: String,
    /// `1` or `2`.
    pub cgroup_version: String,
    pub http_proxy: String,
    pub https_proxy: String,
    pub no_proxy: String,
    pub registry_mirrors: Vec<String>,
    /// CIDRs and registry names the daemon talks to without TLS verification.
    pub insecure_registries: Vec<String>,
    pub ncpu: i64,
    pub mem_total: i64,
    pub docker_root_dir: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_hosts_are_normalised() {
        assert_eq!(registry_host("ghcr.io/astral-sh/uv:0.5"), "ghcr.io");
        assert_eq!(registry_host("python:3.12-slim"), "docker.io");
        assert_eq!(registry_host("library/python"), "docker.io");
        assert_eq!(registry_host("127.0.0.1:5000/x"), "127.0.0.1:5000");
        assert_eq!(registry_host("localhost/x"), "localhost");
    }
}
