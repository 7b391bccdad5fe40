//! Registry reachability from the daemon's side (`GET /distribution/{name}/json`, with a
//! timeout of at most 10 s) and the daemon's `/info` essentials. The failure is classified
//! from the status and the daemon's words (`classify`, unit-tested on real messages).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::raw::{Request, daemon_message, seg};
use super::{Engine, EngineError};
use crate::model::registry::{DaemonInfo, RegistryCheck, RegistryOutcome, registry_host};

/// The longest a distribution inspect may take.
pub const MAX_REGISTRY_TIMEOUT: Duration = Duration::from_secs(10);

/// Which failure a daemon's answer describes.
pub fn classify(status: u16, message: &str) -> RegistryOutcome {
    let m = message.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| m.contains(w));
    if status == 401 {
        RegistryOutcome::AuthRequired
    } else if has(&[
        "proxyconnect",
        "proxy authentication",
        "proxy error",
        "bad gateway",
    ]) {
        RegistryOutcome::Proxy
    } else if has(&[
        "no such host",
        "server misbehaving",
        "name resolution",
        "name or service not known",
    ]) || (m.contains("lookup ") && m.contains("dial udp"))
    {
        // Also a lookup whose DNS server cannot be reached at all.
        RegistryOutcome::DnsFailure
    } else if has(&["network is unreachable", "no route to host"]) {
        RegistryOutcome::Unreachable
    } else if has(&["connection refused"]) {
        RegistryOutcome::Refused
    } else if has(&["timeout", "timed out", "deadline exceeded"]) {
        RegistryOutcome::Timeout
    } else if has(&[
        "x509",
        "tls:",
        "certificate",
        "http response to https client",
        "does not look like a tls handshake",
    ]) {
        RegistryOutcome::Tls
    } else if has(&[
        "unauthorized",
        "authentication required",
        "denied",
        "no basic auth credentials",
    ]) {
        RegistryOutcome::AuthRequired
    } else if status == 404 || has(&["manifest unknown", "not found", "name unknown"]) {
        RegistryOutcome::NotFound
    } else {
        RegistryOutcome::Other
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WirePlatform {
    architecture: String,
    os: String,
    variant: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireDescriptor {
    #[serde(rename = "digest")]
    digest: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireDistribution {
    descriptor: WireDescriptor,
    platforms: Option<Vec<WirePlatform>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireIndexConfig {
    name: String,
    secure: bool,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireRegistryConfig {
    #[serde(rename = "InsecureRegistryCIDRs")]
    insecure_cidrs: Option<Vec<String>>,
    index_configs: Option<BTreeMap<String, WireIndexConfig>>,
    mirrors: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct WireInfo {
    name: String,
    server_version: String,
    operating_system: String,
    #[serde(rename = "OSType")]
    os_type: String,
    architecture: String,
    kernel_version: String,
    driver: String,
    cgroup_driver: String,
    cgroup_version: String,
    #[serde(rename = "HttpProxy")]
    http_proxy: Option<String>,
    #[serde(rename = "HttpsProxy")]
    https_proxy: Option<String>,
    no_proxy: Option<String>,
    registry_config: Option<WireRegistryConfig>,
    #[serde(rename = "NCPU")]
    ncpu: i64,
    mem_total: i64,
    docker_root_dir: String,
}

/// `/info`'s body → [`DaemonInfo`] (the API versions are filled in by the caller).
pub fn parse_info(body: &[u8]) -> Result<DaemonInfo, serde_json::Error> {
    let w: WireInfo = serde_json::from_slice(body)?;
    let rc = w.registry_config.unwrap_or_default();
    let mut insecure = rc.insecure_cidrs.unwrap_or_default();
    insecure.extend(
        rc.index_configs
            .unwrap_or_default()
            .into_values()
            .filter(|c| !c.secure)
            .map(|c| c.name),
    );
    Ok(DaemonInfo {
        name: w.name,
        server_version: w.server_version,
        api_version: String::new(),
        server_api_version: String::new(),
        operating_system: w.operating_system,
        os_type: w.os_type,
        architecture: w.architecture,
        kernel_version: w.kernel_version,
        driver: w.driver,
        cgroup_driver: w.cgroup_driver,
        cgroup_version: w.cgroup_version,
        http_proxy: w.http_proxy.unwrap_or_default(),
        https_proxy: w.https_proxy.unwrap_or_default(),
        no_proxy: w.no_proxy.unwrap_or_default(),
        registry_mirrors: rc.mirrors.unwrap_or_default(),
        insecure_registries: insecure,
        ncpu: w.ncpu,
        mem_total: w.mem_total,
        docker_root_dir: w.docker_root_dir,
    })
}

impl Engine {
    /// Asks the daemon to resolve `image` at its registry, waiting at most `timeout`
    /// (capped at 10 s). Errors only when the daemon itself cannot be asked; every answer
    /// about the registry, failures included, is a [`RegistryCheck`].
    pub async fn distribution_inspect(
        &self,
        image: &str,
        timeout: Duration,
    ) -> Result<RegistryCheck, EngineError> {
        let timeout = timeout.min(MAX_REGISTRY_TIMEOUT);
        let doing = format!("ask the engine to reach the registry of {image}");
        let started = Instant::now();
        let req = Request::get(format!("/distribution/{}/json", seg(image))).timeout(timeout);
        let mut check = RegistryCheck {
            image: image.to_string(),
            registry: registry_host(image),
            outcome: RegistryOutcome::Other,
            message: String::new(),
            digest: None,
            platforms: Vec::new(),
            elapsed: Duration::ZERO,
        };
        let resp = match self.send(req, &doing).await {
            Ok(r) => r,
            Err(EngineError::Timeout { after, .. }) => {
                check.outcome = RegistryOutcome::Timeout;
                check.message = format!(
                    "the engine had no answer from {} within {:.0} s",
                    check.registry,
                    after.as_secs_f64()
                );
                check.elapsed = started.elapsed();
                return Ok(check);
            }
            Err(e) => return Err(e),
        };
        let status = resp.status;
        let left = timeout.saturating_sub(started.elapsed());
        let body = match tokio::time::timeout(left, resp.bytes(1 << 20)).await {
            Ok(b) => b?,
            Err(_) => {
                return Err(EngineError::Timeout {
                    doing,
                    after: timeout,
                });
            }
        };
        check.elapsed = started.elapsed();
        if status.is_success() {
            let w: WireDistribution = serde_json::from_slice(&body).unwrap_or_default();
            check.outcome = RegistryOutcome::Reachable;
            check.digest = w.descriptor.digest;
            check.platforms = w
                .platforms
                .unwrap_or_default()
                .into_iter()
                .map(|p| match p.variant.filter(|v| !v.is_empty()) {
                    Some(v) => format!("{}/{}/{v}", p.os, p.architecture),
                    None => format!("{}/{}", p.os, p.architecture),
                })
                .collect();
            return Ok(check);
        }
        check.message = daemon_message(&body).unwrap_or_else(|| status.to_string());
        check.outcome = classify(status.as_u16(), &check.message);
        Ok(check)
    }

    /// `/info`: versions, OS, storage and cgroup drivers, proxies, mirrors, insecure registries.
    pub async fn daemon_info(&self) -> Result<DaemonInfo, EngineError> {
        let doing = "read the engine's settings";
        let body = self
            .call(Request::get("/info"), doing)
            .await?
            .bytes(8 << 20)
            .await?;
        let mut info = parse_info(&body).map_err(|e| EngineError::Api {
            doing: doing.into(),
            message: format!("the engine's answer does not parse: {e}"),
        })?;
        let (a, s) = (self.api_version(), self.server_api_version());
        info.api_version = format!("{}.{}", a.0, a.1);
        info.server_api_version = format!("{}.{}", s.0, s.1);
        Ok(info)
    }
}

#[cfg(test)]
#[path = "registry_tests.rs"]
mod tests;
