//! Opening a connection: builds the bollard client for the resolved host, negotiates the
//! API version, and reads which engine (Docker or Podman, which version) answers.

use std::time::Duration;

use bollard::{API_DEFAULT_VERSION, Docker};

use super::error::{EngineError, cause_chain};
pub use super::hint::hint_for;
use super::host::{Scheme, Source, Target};
use super::ssh::{self, SshDest, SshStderr};
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
    /// For ssh:// engines: what ssh last said on stderr, the real reason of a failure.
    ssh_stderr: Option<SshStderr>,
}

impl Engine {
    /// Connects to `target`, negotiates the API version and identifies the engine.
    pub async fn connect(target: &Target) -> Result<Engine, EngineError> {
        let (docker, ssh_stderr) = client_for(target)?;
        let first = async {
            let docker = docker.negotiate_version().await?;
            let version = docker.version().await?;
            Ok::<_, bollard::errors::Error>((docker, version))
        };
        let (docker, version) = match tokio::time::timeout(CONNECT_TIMEOUT, first).await {
            Ok(Ok(pair)) => pair,
            Ok(Err(e)) => {
                let reason = with_ssh_reason(cause_chain(&e), ssh_stderr.as_ref()).await;
                return Err(EngineError::unreachable(
                    &target.uri,
                    &reason,
                    hint_for(target, &reason),
                ));
            }
            Err(_) => {
                let reason = format!("no answer within {} s", CONNECT_TIMEOUT.as_secs());
                let reason = with_ssh_reason(reason, ssh_stderr.as_ref()).await;
                return Err(EngineError::unreachable(
                    &target.uri,
                    &reason,
                    hint_for(target, &reason),
                ));
            }
        };
        let is_podman = version.components.as_ref().is_some_and(|cs| {
            cs.iter()
                .any(|c| c.name.to_ascii_lowercase().contains("podman"))
        }) || matches!(target.source, Source::Podman | Source::PodmanAuto);
        let v = docker.client_version();
        let info = EngineInfo {
            kind: if is_podman { "podman" } else { "docker" }.to_string(),
            version: version.version.unwrap_or_else(|| "?".into()),
            api_version: format!("{}.{}", v.major_version, v.minor_version),
            uri: target.uri.clone(),
        };
        Ok(Engine {
            docker,
            info,
            target: target.clone(),
            ssh_stderr,
        })
    }

    pub fn docker(&self) -> &Docker {
        &self.docker
    }

    /// True when the daemon is on this machine (a unix socket): local fast paths apply.
    pub fn is_local(&self) -> bool {
        matches!(self.target.scheme, Scheme::Unix { .. })
    }

    /// A cheap liveness probe.
    pub async fn ping(&self) -> Result<(), EngineError> {
        match tokio::time::timeout(Duration::from_secs(3), self.docker.ping()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => {
                let reason = with_ssh_reason(cause_chain(&e), self.ssh_stderr.as_ref()).await;
                Err(EngineError::unreachable(
                    &self.target.uri,
                    &reason,
                    hint_for(&self.target, &reason),
                ))
            }
            Err(_) => Err(EngineError::unreachable(
                &self.target.uri,
                "no answer within 3 s",
                String::new(),
            )),
        }
    }
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

fn client_for(target: &Target) -> Result<(Docker, Option<SshStderr>), EngineError> {
    let v = API_DEFAULT_VERSION;
    let built = match &target.scheme {
        Scheme::Unix { path } => {
            let p = path.to_string_lossy();
            Docker::connect_with_unix(&p, REQUEST_TIMEOUT_S, v)
        }
        Scheme::Tcp { addr, tls: None } => Docker::connect_with_http(addr, REQUEST_TIMEOUT_S, v),
        Scheme::Tcp {
            addr,
            tls: Some(tls),
        } => {
            let (Some(key), Some(cert), Some(ca)) = (&tls.key, &tls.cert, &tls.ca) else {
                // bollard 0.19's TLS client always verifies the daemon against ca.pem and
                // sends a client certificate, so "TLS without verification" (DOCKER_TLS,
                // a context's SkipTLSVerify) still needs the three files.
                let no_verify = if tls.verify {
                    ""
                } else {
                    " (docktor cannot skip TLS verification: DOCKER_TLS without DOCKER_TLS_VERIFY, or a context's skip-tls-verify, still needs them)"
                };
                return Err(EngineError::Host(format!(
                    "TLS for {} needs ca.pem, cert.pem and key.pem; some are missing (looked in the context's TLS folder or DOCKER_CERT_PATH){no_verify}. Put the files there, or unset DOCKER_TLS_VERIFY / DOCKER_TLS for a plain tcp:// daemon.",
                    target.uri
                )));
            };
            Docker::connect_with_ssl(addr, key, cert, ca, REQUEST_TIMEOUT_S, v)
        }
        Scheme::Ssh { url } => {
            let Some(dest) = SshDest::parse(url) else {
                return Err(EngineError::Host(format!(
                    "cannot use {url}: expected ssh://[USER@]HOST[:PORT]"
                )));
            };
            return ssh::connect(dest, REQUEST_TIMEOUT_S, v)
                .map(|(docker, stderr)| (docker, Some(stderr)))
                .map_err(|e| {
                    let reason = cause_chain(&e);
                    EngineError::unreachable(&target.uri, &reason, hint_for(target, &reason))
                });
        }
    };
    built.map(|docker| (docker, None)).map_err(|e| {
        let reason = cause_chain(&e);
        EngineError::unreachable(&target.uri, &reason, hint_for(target, &reason))
    })
}
