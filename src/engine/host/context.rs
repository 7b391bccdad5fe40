//! Reading the docker CLI's files under `$DOCKER_CONFIG` (default `~/.docker`):
//! `config.json` for the current context, and the context store
//! (`contexts/meta/<sha256>/meta.json`, `contexts/tls/<sha256>/docker/*.pem`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::parse::parse_scheme;
use super::{Env, HostError, HostOrigin, Scheme, TlsFiles};

/// The docker config directory: `DOCKER_CONFIG`, else `$HOME/.docker`.
pub(crate) fn config_dir(env: &dyn Env) -> Option<PathBuf> {
    if let Some(dir) = super::get(env, "DOCKER_CONFIG") {
        return Some(PathBuf::from(dir));
    }
    super::get(env, "HOME").map(|home| Path::new(&home).join(".docker"))
}

/// The directory name docker uses for a context: hex SHA-256 of its name.
pub fn context_id(name: &str) -> String {
    Sha256::digest(name.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Deserialize)]
struct ConfigFile {
    #[serde(rename = "currentContext", default)]
    current_context: Option<String>,
}

/// `currentContext` from `<dir>/config.json`; `None` when the file or the key is absent.
pub(crate) fn current_context(dir: &Path) -> Result<Option<String>, HostError> {
    let path = dir.join("config.json");
    let Some(text) = read_optional(&path)? else {
        return Ok(None);
    };
    let cfg: ConfigFile = serde_json::from_str(&text).map_err(|e| {
        malformed(
            &path,
            &e,
            "fix the JSON or move the file away (docker recreates it)",
        )
    })?;
    Ok(cfg.current_context.filter(|c| !c.is_empty()))
}

#[derive(Deserialize)]
struct Meta {
    #[serde(rename = "Endpoints", default)]
    endpoints: HashMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct DockerEndpoint {
    #[serde(rename = "Host", default)]
    host: Option<String>,
    #[serde(rename = "SkipTLSVerify", default)]
    skip_tls_verify: bool,
}

/// Loads context `name` (not "default") from the store under `dir`.
/// `from` says where the name came from, for the not-found message.
pub(crate) fn load_context(
    dir: &Path,
    name: &str,
    from: &str,
    path_exists: &dyn Fn(&Path) -> bool,
) -> Result<Scheme, HostError> {
    let id = context_id(name);
    let meta_dir = dir.join("contexts").join("meta");
    let meta_path = meta_dir.join(&id).join("meta.json");
    let hint = "recreate the context with `docker context rm` and `docker context create`";
    let Some(text) = read_optional(&meta_path)? else {
        return Err(HostError::ContextNotFound {
            name: name.to_string(),
            from: from.to_string(),
            meta_dir,
            id,
        });
    };
    let meta: Meta = serde_json::from_str(&text).map_err(|e| malformed(&meta_path, &e, hint))?;
    let no_endpoint = || HostError::NoDockerEndpoint {
        name: name.to_string(),
        meta_path: meta_path.clone(),
    };
    let raw = meta.endpoints.get("docker").ok_or_else(no_endpoint)?;
    let endpoint: DockerEndpoint =
        serde_json::from_value(raw.clone()).map_err(|e| HostError::Malformed {
            path: meta_path.clone(),
            line: 1,
            column: 1,
            message: format!("Endpoints.docker: {e}"),
            hint: hint.to_string(),
        })?;
    let host = endpoint
        .host
        .filter(|h| !h.trim().is_empty())
        .ok_or_else(no_endpoint)?;

    let tls_dir = dir.join("contexts").join("tls").join(&id).join("docker");
    let files = pem_files(&tls_dir, path_exists);
    let tls = (files.ca.is_some()
        || files.cert.is_some()
        || files.key.is_some()
        || endpoint.skip_tls_verify)
        .then_some(TlsFiles {
            verify: !endpoint.skip_tls_verify,
            ..files
        });
    let origin = || HostOrigin::Context {
        name: name.to_string(),
        meta_path: meta_path.clone(),
    };
    let scheme = parse_scheme(&host, tls.is_some()).map_err(|reason| HostError::InvalidHost {
        origin: origin(),
        value: host.clone(),
        reason,
    })?;
    Ok(match scheme {
        Scheme::Tcp { addr, .. } => Scheme::Tcp { addr, tls },
        other => other,
    })
}

/// `ca.pem`, `cert.pem`, `key.pem` in `dir`, each only if it exists; `verify` is true.
pub(crate) fn pem_files(dir: &Path, path_exists: &dyn Fn(&Path) -> bool) -> TlsFiles {
    let pick = |file: &str| Some(dir.join(file)).filter(|p| path_exists(p));
    TlsFiles {
        ca: pick("ca.pem"),
        cert: pick("cert.pem"),
        key: pick("key.pem"),
        verify: true,
    }
}

fn read_optional(path: &Path) -> Result<Option<String>, HostError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(HostError::Unreadable {
            path: path.to_path_buf(),
            message: e.to_string(),
        }),
    }
}

fn malformed(path: &Path, e: &serde_json::Error, hint: &str) -> HostError {
    // serde_json appends " at line L column C"; we put that in front instead.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    HostError::Malformed {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: format!("malformed JSON: {message}"),
        hint: hint.to_string(),
    }
}
