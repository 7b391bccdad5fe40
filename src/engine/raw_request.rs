//! Building requests for docktor's own request path (`raw.rs`): method, path and query
//! (form-encoded, path segments percent-encoded), an optional JSON body, an API version
//! override, a timeout.

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// How long the daemon may take to send a response's headers (streams may then run longer).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// One request: method, path and query (without the version), optional body.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// e.g. `/containers/abc/archive?path=%2Fapp`.
    pub path: String,
    pub body: Option<(Bytes, &'static str)>,
    /// Sent as this API version instead of the negotiated one (at most the engine's own).
    pub api: Option<(u32, u32)>,
    /// For the response headers.
    pub timeout: Duration,
}

impl Request {
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        Request {
            method,
            path: path.into(),
            body: None,
            api: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }
    pub fn get(path: impl Into<String>) -> Request {
        Request::new(Method::GET, path)
    }
    pub fn head(path: impl Into<String>) -> Request {
        Request::new(Method::HEAD, path)
    }
    pub fn post(path: impl Into<String>) -> Request {
        Request::new(Method::POST, path)
    }
    pub fn delete(path: impl Into<String>) -> Request {
        Request::new(Method::DELETE, path)
    }
    /// Appends `?query` (or `&query`); an empty query changes nothing.
    pub fn query(mut self, q: Query) -> Request {
        let q = q.finish();
        if !q.is_empty() {
            self.path
                .push(if self.path.contains('?') { '&' } else { '?' });
            self.path.push_str(&q);
        }
        self
    }
    pub fn json(mut self, value: &serde_json::Value) -> Request {
        self.body = Some((Bytes::from(value.to_string()), "application/json"));
        self
    }
    pub fn api(mut self, version: (u32, u32)) -> Request {
        self.api = Some(version);
        self
    }
    pub fn timeout(mut self, t: Duration) -> Request {
        self.timeout = t;
        self
    }
}

/// A query string, form-encoded.
pub struct Query(form_urlencoded::Serializer<'static, String>);

impl Default for Query {
    fn default() -> Self {
        Query(form_urlencoded::Serializer::new(String::new()))
    }
}

impl Query {
    pub fn new() -> Query {
        Query::default()
    }
    pub fn push(mut self, key: &str, value: &str) -> Query {
        self.0.append_pair(key, value);
        self
    }
    pub fn push_opt(self, key: &str, value: Option<&str>) -> Query {
        match value {
            Some(v) => self.push(key, v),
            None => self,
        }
    }
    /// `filters={"key":["v1","v2"]}` as the Engine API wants it; nothing when empty.
    pub fn filters(self, filters: &[(String, String)]) -> Query {
        if filters.is_empty() {
            return self;
        }
        let mut map = serde_json::Map::new();
        for (k, v) in filters {
            let entry = map
                .entry(k.clone())
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let serde_json::Value::Array(list) = entry {
                list.push(serde_json::Value::String(v.clone()));
            }
        }
        self.push("filters", &serde_json::Value::Object(map).to_string())
    }
    fn finish(mut self) -> String {
        self.0.finish()
    }
}

/// Characters escaped in a path segment (an ID, a name, an image reference): everything but
/// letters, digits, `-._~`, and the `:@/` image references use.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'&')
    .add(b'=')
    .add(b'+');

/// `s` made safe for a request path (names and IDs come from outside).
pub fn seg(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_and_segments_are_encoded() {
        let r = Request::get(format!("/containers/{}/archive", seg("web 1")))
            .query(Query::new().push("path", "/app/a b&c"));
        assert_eq!(r.path, "/containers/web%201/archive?path=%2Fapp%2Fa+b%26c");
        assert_eq!(seg("ghcr.io/astral-sh/uv:0.5"), "ghcr.io/astral-sh/uv:0.5");
        let r = Request::post("/build/prune?all=1").query(Query::new().push("x", "y"));
        assert_eq!(r.path, "/build/prune?all=1&x=y");
        let r = Request::get("/x").query(Query::new());
        assert_eq!(r.path, "/x");
    }

    #[test]
    fn filters_group_values_by_key() {
        let f = vec![
            ("type".to_string(), "regular".to_string()),
            ("until".to_string(), "24h".to_string()),
            ("type".to_string(), "source.local".to_string()),
        ];
        let r = Request::get("/p").query(Query::new().filters(&f));
        let q = r.path.trim_start_matches("/p?filters=");
        let decoded: String = form_urlencoded::parse(format!("f={q}").as_bytes())
            .map(|(_, v)| v.into_owned())
            .collect();
        let v: serde_json::Value = serde_json::from_str(&decoded).unwrap();
        assert_eq!(v["type"], serde_json::json!(["regular", "source.local"]));
        assert_eq!(v["until"], serde_json::json!(["24h"]));
    }
}
