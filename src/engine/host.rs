//! Which daemon to talk to, worked out the way the docker CLI does it, plus Podman.
//!
//! Precedence (checked against docker 28): `--podman` / `--host` / `--context` flags
//! (at most one of them), then `DOCKER_HOST`, then `DOCKER_CONTEXT`, then `currentContext`
//! in `$DOCKER_CONFIG/config.json`, then the default socket. As in docker, a `--context`
//! flag beats `DOCKER_HOST`, and context "default" means "`DOCKER_HOST` or the default
//! socket". When nothing was chosen and `/var/run/docker.sock` is missing but a Podman
//! socket exists, Podman is picked. Pure apart from reading the docker config files:
//! the environment and existence checks are injected.

mod context;
mod error;
mod parse;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_parse;
#[cfg(test)]
mod tests_resolve;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use context::context_id;
pub use error::{HostError, HostOrigin};

/// The docker daemon's default socket.
pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";
/// Rootful Podman's socket; rootless is `$XDG_RUNTIME_DIR/podman/podman.sock`.
pub const PODMAN_ROOTFUL_SOCKET: &str = "/run/podman/podman.sock";

/// What the command line said about the daemon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostOptions {
    /// `--host` / `-H`.
    pub host: Option<String>,
    /// `--context`.
    pub context: Option<String>,
    /// `--podman`.
    pub podman: bool,
}

/// Environment lookup; empty values count as unset.
pub trait Env {
    fn var(&self, key: &str) -> Option<String>;
}

/// The real process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, key: &str) -> Option<String> {
        std::env::var(key).ok().filter(|v| !v.is_empty())
    }
}

/// A fixed environment, handy for tests and for replaying a resolution.
impl Env for HashMap<String, String> {
    fn var(&self, key: &str) -> Option<String> {
        self.get(key).filter(|v| !v.is_empty()).cloned()
    }
}

/// How to reach the daemon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    Unix {
        path: PathBuf,
    },
    /// `addr` is `host:port`; `tls` is set when TLS is to be used.
    Tcp {
        addr: String,
        tls: Option<TlsFiles>,
    },
    /// `url` is `ssh://[user@]host[:port]`.
    Ssh {
        url: String,
    },
}

impl Scheme {
    /// Canonical URI: `unix:///var/run/docker.sock`, `tcp://1.2.3.4:2376`, `ssh://me@box`.
    pub fn uri(&self) -> String {
        match self {
            Scheme::Unix { path } => format!("unix://{}", path.display()),
            Scheme::Tcp { addr, .. } => format!("tcp://{addr}"),
            Scheme::Ssh { url } => url.clone(),
        }
    }
}

/// TLS material; each file only when it exists. `verify` is false for skip-TLS-verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub ca: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub verify: bool,
}

/// Why this daemon was picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--host` flag.
    Flag,
    /// `DOCKER_HOST`.
    Env,
    /// A docker context, by name.
    Context(String),
    /// Nothing chosen (or context "default"): the default socket.
    Default,
    /// `--podman` flag.
    Podman,
    /// Nothing chosen, no docker socket, but a Podman socket exists.
    PodmanAuto,
}

impl Source {
    /// Short phrase for the status bar and messages.
    pub fn describe(&self) -> String {
        match self {
            Source::Flag => "--host flag".into(),
            Source::Env => "DOCKER_HOST".into(),
            Source::Context(name) => format!("context {name}"),
            Source::Default => "default socket".into(),
            Source::Podman => "podman socket".into(),
            Source::PodmanAuto => "podman socket (auto-detected, no docker socket)".into(),
        }
    }
}

/// The daemon to talk to and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub scheme: Scheme,
    pub source: Source,
    /// Canonical URI, as the status bar shows it.
    pub uri: String,
}

impl Target {
    fn new(scheme: Scheme, source: Source) -> Self {
        let uri = scheme.uri();
        Target {
            scheme,
            source,
            uri,
        }
    }
}

/// Parses a host string: `unix:///path`, `tcp://h:p` (default port 2375), `http://` (as
/// tcp), `ssh://user@host[:port]`, a bare `/path` (socket) or bare `host:port` (tcp).
pub fn parse_host(s: &str) -> Result<Scheme, HostError> {
    parse::parse_scheme(s, false).map_err(|reason| HostError::InvalidHost {
        origin: HostOrigin::Value,
        value: s.to_string(),
        reason,
    })
}

/// Works out the daemon to talk to. See the module docs for the precedence.
pub fn resolve(
    opts: &HostOptions,
    env: &dyn Env,
    path_exists: &dyn Fn(&Path) -> bool,
) -> Result<Target, HostError> {
    let host_flag = opts.host.as_deref().filter(|s| !s.trim().is_empty());
    let ctx_flag = opts.context.as_deref().filter(|s| !s.trim().is_empty());
    let conflict = |first, second| Err(HostError::Conflict { first, second });
    match (opts.podman, host_flag.is_some(), ctx_flag.is_some()) {
        (true, true, _) => return conflict("--podman", "--host"),
        (true, _, true) => return conflict("--podman", "--context"),
        (_, true, true) => return conflict("--host", "--context"),
        _ => {}
    }
    if opts.podman {
        let (path, _) = podman_socket(env, path_exists);
        return Ok(Target::new(Scheme::Unix { path }, Source::Podman));
    }
    if let Some(host) = host_flag {
        return from_host(host, HostOrigin::Flag, Source::Flag, env, path_exists);
    }

    let docker_host = get(env, "DOCKER_HOST");
    // (name, where it came from, whether it counts as an explicit choice)
    let chosen: Option<(String, String, bool)> = if let Some(name) = ctx_flag {
        Some((name.to_string(), "--context".into(), true))
    } else if docker_host.is_some() {
        None
    } else if let Some(name) = get(env, "DOCKER_CONTEXT") {
        Some((name, "DOCKER_CONTEXT".into(), true))
    } else if let Some(dir) = context::config_dir(env) {
        let from = format!("currentContext in {}", dir.join("config.json").display());
        context::current_context(&dir)?.map(|name| (name, from, false))
    } else {
        None
    };

    let explicit = match chosen {
        Some((name, from, _)) if name != "default" => {
            let Some(dir) = context::config_dir(env) else {
                return Err(HostError::NoConfigDir {
                    needed_for: format!("context '{name}'"),
                });
            };
            let scheme = context::load_context(&dir, &name, &from, path_exists)?;
            return Ok(Target::new(scheme, Source::Context(name)));
        }
        Some((_, _, explicit)) => explicit,
        None => false,
    };

    // The "default" context: DOCKER_HOST, else the default socket (or Podman's).
    if let Some(host) = docker_host {
        return from_host(&host, HostOrigin::Env, Source::Env, env, path_exists);
    }
    let docker_sock = PathBuf::from(DEFAULT_SOCKET);
    if !explicit
        && !path_exists(&docker_sock)
        && let (path, true) = podman_socket(env, path_exists)
    {
        return Ok(Target::new(Scheme::Unix { path }, Source::PodmanAuto));
    }
    Ok(Target::new(
        Scheme::Unix { path: docker_sock },
        Source::Default,
    ))
}

/// Non-empty variable, whatever the [`Env`] implementation does with empty ones.
pub(crate) fn get(env: &dyn Env, key: &str) -> Option<String> {
    env.var(key).filter(|v| !v.trim().is_empty())
}

/// A host from `--host` or `DOCKER_HOST`; tcp gets TLS from `DOCKER_TLS_VERIFY` (verify)
/// or `DOCKER_TLS` (no verify), with files from `DOCKER_CERT_PATH` (default config dir).
fn from_host(
    host: &str,
    origin: HostOrigin,
    source: Source,
    env: &dyn Env,
    path_exists: &dyn Fn(&Path) -> bool,
) -> Result<Target, HostError> {
    let verify = get(env, "DOCKER_TLS_VERIFY").is_some();
    let use_tls = verify || get(env, "DOCKER_TLS").is_some();
    let scheme = parse::parse_scheme(host, use_tls).map_err(|reason| HostError::InvalidHost {
        origin,
        value: host.to_string(),
        reason,
    })?;
    let scheme = match scheme {
        Scheme::Tcp { addr, .. } if use_tls => {
            let cert_dir = match get(env, "DOCKER_CERT_PATH") {
                Some(dir) => PathBuf::from(dir),
                None => context::config_dir(env).ok_or_else(|| HostError::NoConfigDir {
                    needed_for: "TLS certificates; or set DOCKER_CERT_PATH".into(),
                })?,
            };
            let files = context::pem_files(&cert_dir, path_exists);
            Scheme::Tcp {
                addr,
                tls: Some(TlsFiles { verify, ..files }),
            }
        }
        other => other,
    };
    Ok(Target::new(scheme, source))
}

/// Podman's socket: rootless (`$XDG_RUNTIME_DIR/podman/podman.sock`) when it exists,
/// else rootful. The flag says whether the returned socket exists.
fn podman_socket(env: &dyn Env, path_exists: &dyn Fn(&Path) -> bool) -> (PathBuf, bool) {
    if let Some(runtime) = get(env, "XDG_RUNTIME_DIR") {
        let rootless = Path::new(&runtime).join("podman").join("podman.sock");
        if path_exists(&rootless) {
            return (rootless, true);
        }
    }
    let rootful = PathBuf::from(PODMAN_ROOTFUL_SOCKET);
    let exists = path_exists(&rootful);
    (rootful, exists)
}
