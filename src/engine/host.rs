//! Temporary: replaced by the full host resolution (contexts, TLS, podman).

use std::path::{Path, PathBuf};

pub struct HostOptions {
    pub host: Option<String>,
    pub context: Option<String>,
    pub podman: bool,
}
pub trait Env {
    fn var(&self, key: &str) -> Option<String>;
}
pub struct ProcessEnv;
impl Env for ProcessEnv {
    fn var(&self, key: &str) -> Option<String> {
        std::env::var(key).ok().filter(|v| !v.is_empty())
    }
}
#[derive(Debug, Clone)]
pub enum Scheme {
    Unix { path: PathBuf },
    Tcp { addr: String, tls: Option<TlsFiles> },
    Ssh { url: String },
}
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub ca: Option<PathBuf>,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub verify: bool,
}
#[derive(Debug, Clone)]
pub enum Source {
    Flag,
    Env,
    Context(String),
    Default,
    Podman,
    PodmanAuto,
}
impl Source {
    pub fn describe(&self) -> String {
        "default".into()
    }
}
#[derive(Debug, Clone)]
pub struct Target {
    pub scheme: Scheme,
    pub source: Source,
    pub uri: String,
}
#[derive(Debug)]
pub struct HostError(String);
impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for HostError {}
pub fn resolve(
    opts: &HostOptions,
    env: &dyn Env,
    _path_exists: &dyn Fn(&Path) -> bool,
) -> Result<Target, HostError> {
    let (h, source) = match (&opts.host, env.var("DOCKER_HOST")) {
        (Some(h), _) => (h.clone(), Source::Flag),
        (None, Some(h)) => (h, Source::Env),
        _ => ("unix:///var/run/docker.sock".to_string(), Source::Default),
    };
    let scheme = if let Some(p) = h.strip_prefix("unix://") {
        Scheme::Unix { path: p.into() }
    } else if let Some(a) = h.strip_prefix("tcp://") {
        Scheme::Tcp {
            addr: a.into(),
            tls: None,
        }
    } else {
        return Err(HostError(format!("unsupported host {h}")));
    };
    Ok(Target {
        scheme,
        source,
        uri: h,
    })
}
