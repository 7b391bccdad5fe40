//! Opening a connection: builds the client for the resolved host, negotiates the API
//! version, and reads which engine (Docker or Podman, which version) answers.

use std::time::Duration;

use bollard::Docker;

use super::error::{EngineError, cause_chain};
pub use super::hint::hint_for;
use super::host::{Scheme, Source, Target};
use super::requests::{RequestCounter, RequestCounts};
use super::ssh::SshStderr;
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
    requests: RequestCounter,
    /// docktor's own request path (`raw.rs`), over the same kind of connection.
    pub(super) raw: transport::Raw,
    /// The newest API version the engine speaks (what an override may go up to).
    pub(super) server_api: (u32, u32),
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
        let api = ApiVersion::default();
        let requests = RequestCounter::default();
        let (docker, raw, ssh_stderr) =
            transport::docker_and_raw(target, api.clone(), requests.clone(), REQUEST_TIMEOUT_S)
                .map_err(EngineError::Host)?;
        let unreachable = async |reason: String| {
            let reason = with_ssh_reason(reason, ssh_stderr.as_ref()).await;
            let hint = hint_for(target, &reason);
            EngineError::unreachable(&target.uri, &reason, hint)
        };
        // One cheap unversioned request first: `/_ping`'s headers name the engine and its API
        // version; `/version` (slow on 20.10: it runs runc) only when they do not.
        let timed = |reason: Option<String>| {
            reason.unwrap_or_else(|| format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()))
        };
        match tokio::time::timeout(CONNECT_TIMEOUT, docker.ping()).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => return Err(unreachable(timed(Some(cause_chain(&e)))).await),
            Err(_) => return Err(unreachable(timed(None)).await),
        }
        let seen = api.headers();
        let from_ping = seen
            .api
            .as_deref()
            .and_then(parse_version)
            .zip(seen.server.as_deref().and_then(parse_server));
        let (server, mut kind, version, min) = match from_ping {
            Some((server, (kind, version))) => (server, kind, version, None),
            None => {
                let v = match tokio::time::timeout(CONNECT_TIMEOUT, docker.version()).await {
                    Ok(Ok(v)) => v,
                    Ok(Err(e)) => return Err(unreachable(timed(Some(cause_chain(&e)))).await),
                    Err(_) => return Err(unreachable(timed(None)).await),
                };
                let podman = v.components.as_ref().is_some_and(|cs| {
                    cs.iter()
                        .any(|c| c.name.to_ascii_lowercase().contains("podman"))
                });
                (
                    v.api_version
                        .as_deref()
                        .and_then(parse_version)
                        .unwrap_or(CLIENT_API),
                    if podman { "podman" } else { "docker" },
                    v.version.unwrap_or_else(|| "?".into()),
                    v.min_api_version.as_deref().and_then(parse_version),
                )
            }
        };
        let chosen = force.unwrap_or(server.min(CLIENT_API));
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
        if matches!(target.source, Source::Podman | Source::PodmanAuto) {
            kind = "podman";
        }
        let info = EngineInfo {
            kind: kind.to_string(),
            version,
            api_version: format!("{}.{}", chosen.0, chosen.1),
            uri: target.uri.clone(),
        };
        Ok(Engine {
            docker,
            requests,
            raw,
            server_api: server,
            info,
            target: target.clone(),
        })
    }

    /// The client library's handle: for the engine's own modules only.
    pub(super) fn docker(&self) -> &Docker {
        &self.docker
    }

    /// How many requests this connection has sent, by endpoint (connecting included).
    pub fn requests(&self) -> RequestCounts {
        self.requests.snapshot()
    }

    /// True when the daemon is on this machine (a unix socket): local fast paths apply.
    pub fn is_local(&self) -> bool {
        matches!(self.target.scheme, Scheme::Unix { .. })
    }
}

/// The newest API version docktor's client library models (bollard 0.19: 1.49).
pub const CLIENT_API: (u32, u32) = (1, 49);

/// `Docker/20.10.24+dfsg1 (linux)` → `("docker", "20.10.24+dfsg1")`; Podman answers
/// `Libpod/4.3.1 (linux)`.
pub fn parse_server(s: &str) -> Option<(&'static str, String)> {
    let (name, rest) = s.trim().split_once('/')?;
    let version = rest.split_whitespace().next()?.to_string();
    match name.to_ascii_lowercase().as_str() {
        "docker" => Some(("docker", version)),
        "libpod" | "podman" => Some(("podman", version)),
        _ => None,
    }
}

/// `"1.41"` → `(1, 41)`.
pub fn parse_version(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.trim().split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// For ssh, ssh's own words (e.g. `Permission denied (publickey)`) say more than hyper's
/// "connection closed before message completed"; they are put first.
async fn with_ssh_reason(reason: String, ssh: Option<&SshStderr>) -> String {
    match ssh {
        Some(s) => match s.last(Duration::from_millis(500)).await {
            Some(said) => {
                let said = said
                    .strip_prefix("ssh: ")
                    .unwrap_or(&said)
                    .replace('\n', "; ");
                format!("ssh: {said} ({reason})")
            }
            None => reason,
        },
        None => reason,
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
        assert_eq!(
            parse_server("Docker/20.10.24+dfsg1 (linux)"),
            Some(("docker", "20.10.24+dfsg1".into()))
        );
        assert_eq!(
            parse_server("Libpod/4.3.1 (linux)"),
            Some(("podman", "4.3.1".into()))
        );
        assert_eq!(parse_server("nginx"), None);
    }
}
