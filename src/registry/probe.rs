//! What the daemon's answer to "inspect this image at its registry" means, and what to do
//! about each kind of failure. The outcome kinds are the engine's
//! ([`RegistryOutcome`]: DNS failure, refused, unreachable, timeout, TLS, proxy, auth
//! required, not found); the words and the fixes are ours.

use serde::Serialize;

pub use crate::model::registry::RegistryOutcome;

/// The verdict in a few words.
pub fn describe(outcome: RegistryOutcome) -> &'static str {
    use RegistryOutcome as O;
    match outcome {
        O::Reachable => "reachable",
        O::DnsFailure => "name does not resolve",
        O::Refused => "connection refused",
        O::Unreachable => "no route to it",
        O::Timeout => "no answer in time",
        O::Tls => "TLS error",
        O::Proxy => "proxy error",
        O::AuthRequired => "answered: credentials required",
        O::NotFound => "answered: no such image",
        O::Other => "failed",
    }
}

/// One registry checked from the daemon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    pub registry: String,
    pub image: String,
    pub named_by: Vec<String>,
    pub outcome: RegistryOutcome,
    /// The daemon's words (empty on success).
    pub message: String,
    pub elapsed_ms: u64,
}

/// What the `registry.*` rules know: each probe, and the daemon's network settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RegistryFacts {
    pub probes: Vec<Probe>,
    pub http_proxy: String,
    pub https_proxy: String,
    pub no_proxy: String,
    pub mirrors: Vec<String>,
    pub insecure_registries: Vec<String>,
}

impl RegistryFacts {
    /// `proxy https://p:3128, no proxy for localhost; mirrors: https://m` — or "no proxy,
    /// no mirror".
    pub fn settings(&self) -> String {
        let proxy = match (self.https_proxy.as_str(), self.http_proxy.as_str()) {
            ("", "") => "no proxy".to_string(),
            (p, "") | ("", p) => format!("proxy {p}"),
            (s, h) if s == h => format!("proxy {s}"),
            (s, h) => format!("proxy {s} (https), {h} (http)"),
        };
        let no_proxy = if self.no_proxy.is_empty() {
            String::new()
        } else {
            format!(", none for {}", self.no_proxy)
        };
        let mirrors = if self.mirrors.is_empty() {
            "no mirror".to_string()
        } else {
            format!("mirrors: {}", self.mirrors.join(", "))
        };
        format!("the daemon uses {proxy}{no_proxy}; {mirrors}")
    }
}

/// What to do about a failure to reach `registry`.
pub fn fix(outcome: RegistryOutcome, registry: &str, facts: &RegistryFacts) -> String {
    let proxied = !(facts.https_proxy.is_empty() && facts.http_proxy.is_empty());
    match outcome {
        RegistryOutcome::DnsFailure => format!(
            "The daemon cannot resolve {registry}: check the DNS of the machine dockerd runs \
             on (/etc/resolv.conf, or \"dns\" in /etc/docker/daemon.json), or set a registry \
             mirror the daemon can reach."
        ),
        RegistryOutcome::Refused => format!(
            "Nothing listens at {registry}: check the host and port, that the registry is \
             running, and firewalls between the daemon and it."
        ),
        RegistryOutcome::Unreachable => format!(
            "The daemon has no route to {registry}: check the network of the machine dockerd \
             runs on (default route, VPN, firewall), or set a proxy or registry mirror it can \
             reach."
        ),
        RegistryOutcome::Timeout if proxied => format!(
            "{registry} did not answer through the daemon's proxy: check that the proxy \
             forwards to it, or add it to NO_PROXY in dockerd's environment."
        ),
        RegistryOutcome::Timeout => format!(
            "{registry} did not answer: the daemon may need a proxy (HTTPS_PROXY in dockerd's \
             environment, e.g. a systemd drop-in) or a registry mirror."
        ),
        RegistryOutcome::Tls => format!(
            "The TLS handshake with {registry} failed: install its CA under \
             /etc/docker/certs.d/{registry}/ca.crt, or, for a plain-HTTP registry you trust, \
             list it in \"insecure-registries\" in /etc/docker/daemon.json."
        ),
        RegistryOutcome::Proxy => format!(
            "The daemon's proxy refused or failed: check HTTPS_PROXY/HTTP_PROXY in dockerd's \
             environment and the proxy's own logs, or add {registry} to NO_PROXY."
        ),
        RegistryOutcome::AuthRequired => format!(
            "{registry} answered and wants credentials: `docker login {registry}` on the \
             machine that builds (a 401 proves the network path works)."
        ),
        RegistryOutcome::NotFound => format!(
            "{registry} answered but has no such image or tag: check the name and tag in the \
             Dockerfile or the profile's base_image."
        ),
        RegistryOutcome::Other | RegistryOutcome::Reachable => format!(
            "Read the daemon's message above; `docker pull` of the same image on the build \
             machine shows the same error with more context ({registry})."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_fixes_name_the_registry() {
        let mut f = RegistryFacts::default();
        assert_eq!(f.settings(), "the daemon uses no proxy; no mirror");
        f.https_proxy = "http://proxy:3128".into();
        f.no_proxy = "localhost".into();
        f.mirrors = vec!["https://mirror.local".into()];
        assert_eq!(
            f.settings(),
            "the daemon uses proxy http://proxy:3128, none for localhost; mirrors: https://mirror.local"
        );
        assert!(fix(RegistryOutcome::Timeout, "ghcr.io", &f).contains("NO_PROXY"));
        assert!(
            fix(
                RegistryOutcome::Timeout,
                "ghcr.io",
                &RegistryFacts::default()
            )
            .contains("HTTPS_PROXY")
        );
        assert!(
            fix(RegistryOutcome::Tls, "r:5000", &f).contains("/etc/docker/certs.d/r:5000/ca.crt")
        );
        assert!(RegistryOutcome::AuthRequired.registry_answered());
        assert!(!RegistryOutcome::Timeout.registry_answered());
    }
}
