//! Counts the requests a connection sends, by endpoint (`GET /images/{}/json`), so tests can
//! prove what a code path asks the daemon — e.g. that reopening an image sends no inspect of
//! every other image — on the real daemon, without a mock. Bounded: one counter per
//! endpoint shape, names and IDs folded into `{}`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Shared by the transport (which records) and the `Engine` (which reports).
#[derive(Clone, Default)]
pub struct RequestCounter(Arc<Mutex<BTreeMap<String, u64>>>);

impl RequestCounter {
    /// Records one request of `method` to `path` (with or without the `/v1.xx` prefix).
    pub fn record(&self, method: &str, path: &str) {
        if let Ok(mut m) = self.0.lock() {
            *m.entry(endpoint(method, path)).or_default() += 1;
        }
    }

    pub fn snapshot(&self) -> RequestCounts {
        RequestCounts(self.0.lock().map(|m| m.clone()).unwrap_or_default())
    }
}

/// How many requests went to each endpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestCounts(BTreeMap<String, u64>);

impl RequestCounts {
    /// Requests to `endpoint`, spelled as [`endpoint`] spells it: `GET /images/{}/json`.
    pub fn get(&self, endpoint: &str) -> u64 {
        self.0.get(endpoint).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }

    /// What was sent after `earlier` (a snapshot of the same connection).
    pub fn since(&self, earlier: &RequestCounts) -> RequestCounts {
        RequestCounts(
            self.0
                .iter()
                .map(|(k, v)| (k.clone(), v.saturating_sub(earlier.get(k))))
                .filter(|(_, v)| *v > 0)
                .collect(),
        )
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

/// The endpoint shape of a request: the API version and query dropped, everything between
/// the first and the last path segment (a name or an ID, which may hold `/`) folded into `{}`.
pub fn endpoint(method: &str, path: &str) -> String {
    let path = path.split('?').next().unwrap_or("");
    let mut segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs
        .first()
        .and_then(|s| s.strip_prefix('v'))
        .is_some_and(|v| v.contains('.'))
    {
        segs.remove(0);
    }
    let shape = match segs.as_slice() {
        [first, .., last] if segs.len() > 2 => format!("{first}/{{}}/{last}"),
        _ => segs.join("/"),
    };
    format!("{method} /{shape}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_fold_names_and_versions() {
        assert_eq!(endpoint("GET", "/v1.41/images/json"), "GET /images/json");
        assert_eq!(
            endpoint("GET", "/images/docktor-fixture/base:1/json"),
            "GET /images/{}/json"
        );
        assert_eq!(
            endpoint("POST", "/v1.49/containers/abc/start?x=1"),
            "POST /containers/{}/start"
        );
        assert_eq!(endpoint("GET", "/_ping"), "GET /_ping");
        let c = RequestCounter::default();
        c.record("GET", "/images/a/json");
        let before = c.snapshot();
        c.record("GET", "/images/b/json");
        c.record("GET", "/images/json");
        let d = c.snapshot().since(&before);
        assert_eq!(d.get("GET /images/{}/json"), 1);
        assert_eq!(d.total(), 2);
    }
}
