//! What the daemon's answer to "inspect this image at its registry" means, and what to do
//! about each kind of failure. The outcome kinds are the engine's (`Outcome` here until the
//! engine's own `RegistryOutcome` lands in main, then a re-export); the words are ours.

use serde::Serialize;

/// How a distribution inspect ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Reachable,
    DnsFailure,
    Refused,
    Timeout,
    Tls,
    Proxy,
    AuthRequired,
    NotFound,
    Other,
}

impl Outcome {
    /// True when the registry itself answered (whatever it said).
    pub fn registry_answered(self) -> bool {
        matches!(
            self,
            Outcome::Reachable | Outcome::AuthRequired | Outcome::NotFound
        )
    }

    /// The verdict in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Reachable => "reachable",
            Outcome::DnsFailure => "name does not resolve",
            Outcome::Refused => "connection refused",
            Outcome::Timeout => "no answer in time",
            Outcome::Tls => "TLS error",
            Outcome::Proxy => "proxy error",
            Outcome::AuthRequired => "answered: credentials required",
            Outcome::NotFound => "answered: no such image",
            Outcome::Other => "failed",
        }
    }
}

/// One registry checked from the daemon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    pub registry: String,
    pub image: String,
    pub named_by: Vec<String>,
    pub outcome: Outcome,
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
pub fn fix(outcome: Outcome, registry: &str, facts: &RegistryFacts) -> String {
    let proxied = !(facts.https_proxy.is_empty() && facts.http_proxy.is_empty());
    match outcome {
        Outcome::DnsFailure => format!(
            "The daemon cannot resolve {registry}: check the DNS of the machine dockerd runs \
             on (/etc/resolv.conf, or \"dns\" in /etc/docker/daemon.json), or set a registry \
             mirror the daemon can reach."
        ),
        Outcome::Refused => format!(
            "Nothing listens at {registry}: check the host and port, that the registry is \
             running, and firewalls between the daemon and it."
        ),
        Outcome::Timeout if proxied => format!(
            "{registry} did not answer through the daemon's proxy: check that the proxy \
             forwards to it, or add it to NO_PROXY in dockerd's environment."
        ),
        Outcome::Timeout => format!(
            "{registry} did not answer: the daemon may need a proxy (HTTPS_PROXY in dockerd's \
             environment, e.g. a systemd drop-in) or a registry mirror."
        ),
        Outcome::Tls => format!(
            "The TLS handshake with {registry} failed: install its CA under \
             /etc/docker/certs.d/{registry}/ca.crt, or, for a plain-HTTP registry you trust, \
             list it in \"insecure-registries\" in /etc/docker/daemon.json."
        ),
        Outcome::Proxy => format!(
            "The daemon's proxy refused or failed: check HTTPS_PROXY/HTTP_PROXY in dockerd's \
             environment and the proxy's own logs, or add {registry} to NO_PROXY."
        ),
        Outcome::AuthRequired => format!(
            "{registry} answered and wants credentials: `docker login {registry}` on the \
             machine that builds (a 401 proves the network path works)."
        ),
        Outcome::NotFound => format!(
            "{registry} answered but has no such image or tag: check the name and tag in the \
             Dockerfile or the profile's base_image."
        ),
        Outcome::Other | Outcome::Reachable => format!(
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
        assert!(fix(Outcome::Timeout, "ghcr.io", &f).contains("NO_PROXY"));
        assert!(
            fix(Outcome::Timeout, "ghcr.io", &RegistryFacts::default()).contains("HTTPS_PROXY")
        );
        assert!(fix(Outcome::Tls, "r:5000", &f).contains("/etc/docker/certs.d/r:5000/ca.crt"));
        assert!(Outcome::AuthRequired.registry_answered());
        assert!(!Outcome::Timeout.registry_answered());
    }
}
