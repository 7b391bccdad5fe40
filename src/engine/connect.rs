//! Opening a connection: builds the bollard client for the resolved host, negotiates the
//! API version, and reads which engine (Docker or Podman, which version) answers.

use std::time::Duration;

use bollard::Docker;

use super::error::{EngineError, cause_chain};
use super::host::{Scheme, Source, Target};
use super::transport::{self, ApiVersion};
use crate::model::EngineInfo;

/// Seconds a plain request may take before we call the daemon unresponsive.
/// (bollard applies it to the response headers only, so long streams are not cut.)
const REQUEST_TIMEOUT_S: u64 = 20;
/// How long the first contact may take before we say the host is unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(8);

/// A live, version-negotiated connection and what it is connected to.
#[derive(Clone)]
pub struct Engine {
    docker: Docker,
    pub info: EngineInfo,
    pub target: Target,
}

impl Engine {
    /// Connects to `target`, negotiates the API version and identifies the engine.
    pub async fn connect(target: &Target) -> Result<Engine, EngineError> {
        Self::connect_as(target, None).await
    }

    /// Like `connect`, but with `force` sends every request as that API version instead of
    /// negotiating (tests use it to prove requests carry the version).
    pub async fn connect_as(
        target: &Target,
        force: Option<(u32, u32)>,
    ) -> Result<Engine, EngineError> {
        let unreachable = |reason: String| {
            let hint = hint_for(target, &reason);
            EngineError::unreachable(&target.uri, &reason, hint)
        };
        let api = ApiVersion::default();
        let docker = transport::docker_for(target, api.clone(), REQUEST_TIMEOUT_S)
            .map_err(EngineError::Host)?;
        // Asked unversioned: every engine answers /version, whatever API versions it accepts.
        let version = match tokio::time::timeout(CONNECT_TIMEOUT, docker.version()).await {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => return Err(unreachable(cause_chain(&e))),
            Err(_) => {
                return Err(unreachable(format!(
                    "no answer within {} s",
                    CONNECT_TIMEOUT.as_secs()
                )));
            }
        };
        let server = version
            .api_version
            .as_deref()
            .and_then(parse_version)
            .unwrap_or(CLIENT_API);
        let chosen = force.unwrap_or(server.min(CLIENT_API));
        let min = version.min_api_version.as_deref().and_then(parse_version);
        if let Some(min) = min.filter(|m| chosen < *m && force.is_none()) {
            return Err(EngineError::Api {
                doing: format!("talk to {}", target.uri),
                message: format!(
                    "the engine accepts API {}.{} and newer; docktor speaks up to {}.{}. Use a newer docktor.",
                    min.0, min.1, CLIENT_API.0, CLIENT_API.1
                ),
            });
        }
        api.set(chosen.0, chosen.1);
        let is_podman = version.components.as_ref().is_some_and(|cs| {
            cs.iter()
                .any(|c| c.name.to_ascii_lowercase().contains("podman"))
        }) || matches!(target.source, Source::Podman | Source::PodmanAuto);
        let info = EngineInfo {
            kind: if is_podman { "podman" } else { "docker" }.to_string(),
            version: version.version.unwrap_or_else(|| "?".into()),
            api_version: format!("{}.{}", chosen.0, chosen.1),
            uri: target.uri.clone(),
        };
        Ok(Engine {
            docker,
            info,
            target: target.clone(),
        })
    }

    pub fn docker(&self) -> &Docker {
        &self.docker
    }

    /// True when the daemon is on this machine (a unix socket): local fast paths apply.
    pub fn is_local(&self) -> bool {
        matches!(self.target.scheme, Scheme::Unix { .. })
    }
}

/// The newest API version docktor's client library models (bollard 0.19: 1.49).
pub const CLIENT_API: (u32, u32) = (1, 49);

/// `"1.41"` → `(1, 41)`.
pub fn parse_version(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.trim().split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// What to do next, for a connection failure to `target` with error text `reason`.
pub fn hint_for(target: &Target, reason: &str) -> String {
    let r = reason.to_ascii_lowercase();
    let elsewhere =
        "Or point docktor at another engine with --host, DOCKER_HOST, --context or --podman.";
    match &target.scheme {
        Scheme::Unix { path } if !path.exists() => format!(
            "No socket at {}: the daemon is not running here. Start it (`sudo systemctl start docker`, or `sudo dockerd &`). {elsewhere}",
            path.display()
        ),
        Scheme::Unix { path } if r.contains("permission denied") => format!(
            "Permission denied on {}: add your user to the `docker` group (`sudo usermod -aG docker $USER`, then log in again) or run docktor with sudo.",
            path.display()
        ),
        Scheme::Unix { .. } => format!(
            "The socket exists but nothing answers: the daemon may be starting, stopped or hung; check `systemctl status docker`. {elsewhere}"
        ),
        Scheme::Tcp { addr, tls } => {
            let tls_hint = if tls.is_some() || r.contains("certificate") || r.contains("tls") {
                " Check DOCKER_CERT_PATH / the context's TLS files and that the daemon speaks TLS on that port."
            } else {
                ""
            };
            format!(
                "Nothing answered at {addr}: check that the daemon listens there (dockerd -H tcp://…) and that no firewall is in the way.{tls_hint} {elsewhere}"
            )
        }
        Scheme::Ssh { url } => format!(
            "Could not run `docker system dial-stdio` over ssh at {url}: check that `ssh` to that host works without a password prompt and that docker is installed there. {elsewhere}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(parse_version("1.41"), Some((1, 41)));
        assert_eq!(parse_version("x"), None);
        assert!((1, 41) < CLIENT_API && (1, 52).min(CLIENT_API) == CLIENT_API);
    }
}
