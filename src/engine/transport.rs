//! The HTTP transport under bollard, with versioned request paths.
//!
//! Why our own: bollard 0.19 builds each URL as `scheme://host/v1.41` and then *joins* the
//! absolute endpoint path onto it, which replaces the `/v1.41` — so every request reaches the
//! daemon unversioned, and a daemon answers an unversioned request in its own newest shape.
//! That happens to be the right shape on Debian's 20.10 (API 1.41), but a current engine would
//! answer in shapes bollard 0.19 does not model. So docktor hands bollard this transport, which
//! puts `/v<negotiated>` back in front of every path: the daemon then answers in the version we
//! negotiated (min of the daemon's and 1.49, bollard 0.19's own), whatever engine it is.
//! `/version` is asked unversioned once, to learn the daemon's API version.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use bollard::{BollardRequest, Docker};
use bytes::Bytes;
use http::Uri;
use http_body_util::{Either, Full, StreamBody};
use hyper::body::Frame;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::host::{Scheme, Target};
use super::requests::RequestCounter;
use super::ssh::{self, SshConnector, SshDest, SshStderr};
use super::tls;

/// The body type bollard sends (the same alias bollard uses internally).
type Body = Either<
    Full<Bytes>,
    StreamBody<
        Pin<Box<dyn futures_util::Stream<Item = Result<Frame<Bytes>, std::io::Error>> + Send>>,
    >,
>;

/// The API version requests are sent as; `0` until negotiated (requests go unversioned).
/// Until then, the transport also keeps the engine's `Api-Version` and `Server` response
/// headers: `/_ping` carries both, so one cheap request identifies the engine (Docker 20.10
/// runs `runc --version` and more for every `/version`, which can take 100 ms under load).
#[derive(Clone, Default)]
pub struct ApiVersion(Arc<AtomicU32>, Arc<std::sync::Mutex<Headers>>);

/// What an unversioned response said about the engine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers {
    /// `Api-Version`, e.g. `1.41`.
    pub api: Option<String>,
    /// `Server`, e.g. `Docker/20.10.24+dfsg1 (linux)` or `Libpod/4.3.1 (linux)`.
    pub server: Option<String>,
}

impl ApiVersion {
    pub fn set(&self, major: u32, minor: u32) {
        self.0.store((major << 16) | minor, Ordering::Relaxed);
    }

    /// The engine headers seen before the version was set.
    pub fn headers(&self) -> Headers {
        self.1.lock().map(|h| h.clone()).unwrap_or_default()
    }

    fn keep(&self, resp: &http::Response<hyper::body::Incoming>) {
        let get = |k: &str| {
            resp.headers()
                .get(k)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if let Ok(mut h) = self.1.lock() {
            h.api = get("api-version").or(h.api.take());
            h.server = get("server").or(h.server.take());
        }
    }

    pub fn get(&self) -> Option<(u32, u32)> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            v => Some((v >> 16, v & 0xffff)),
        }
    }
}

/// Puts `/v<major>.<minor>` in front of the request's path (once).
pub fn versioned_uri(uri: &Uri, v: Option<(u32, u32)>) -> Uri {
    let Some((major, minor)) = v else {
        return uri.clone();
    };
    let pq = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    if pq.starts_with("/v1.") || pq.starts_with("/v2.") {
        return uri.clone();
    }
    let mut parts = uri.clone().into_parts();
    let new = format!("/v{major}.{minor}{pq}");
    match new.parse() {
        Ok(p) => {
            parts.path_and_query = Some(p);
            Uri::from_parts(parts).unwrap_or_else(|_| uri.clone())
        }
        Err(_) => uri.clone(),
    }
}

#[derive(Clone)]
enum Conn {
    Unix(Client<hyperlocal::UnixConnector, Body>),
    Http(Client<HttpConnector, Body>),
    Https(Client<hyper_rustls::HttpsConnector<HttpConnector>, Body>),
    Ssh(Client<SshConnector, Body>),
}

impl Conn {
    async fn send(
        &self,
        req: http::Request<Body>,
    ) -> Result<http::Response<hyper::body::Incoming>, bollard::errors::Error> {
        let r = match self {
            Conn::Unix(c) => c.request(req).await,
            Conn::Http(c) => c.request(req).await,
            Conn::Https(c) => c.request(req).await,
            Conn::Ssh(c) => c.request(req).await,
        };
        r.map_err(bollard::errors::Error::from)
    }
}

fn client<C>(connector: C) -> Client<C, Body>
where
    C: hyper_util::client::legacy::connect::Connect + Clone + Send + Sync + 'static,
{
    // No idle pooling: a daemon restart must not leave us holding dead connections.
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .build(connector)
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// docktor's own request path over the same connection kind as bollard's (see `raw.rs`):
/// for what bollard does not model, or models wrongly.
#[derive(Clone)]
pub struct Raw {
    conn: Conn,
    counter: RequestCounter,
    /// `unix://<hex path>`, `http://host:port`, `https://host:port` or `http://docker.ssh`.
    base: String,
}

impl Raw {
    /// Sends `req` whose URI holds only the path and query; `/v<major>.<minor>` is put in
    /// front of the path and the base address before it.
    pub async fn send(
        &self,
        req: http::Request<Full<Bytes>>,
        version: (u32, u32),
    ) -> Result<http::Response<hyper::body::Incoming>, bollard::errors::Error> {
        self.counter.record(req.method().as_str(), req.uri().path());
        let (mut parts, body) = req.into_parts();
        let pq = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let full = format!("{}/v{}.{}{pq}", self.base, version.0, version.1);
        parts.uri =
            full.parse()
                .map_err(|e: http::uri::InvalidUri| bollard::errors::Error::IOError {
                    err: std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()),
                })?;
        self.conn
            .send(http::Request::from_parts(parts, Either::Left(body)))
            .await
    }
}

/// A bollard client for `target` whose requests carry the version in `version` and are
/// counted in `counter`, and docktor's own request path over the same connection kind
/// (counted too); for ssh, also the handle on what ssh says on stderr.
pub fn docker_and_raw(
    target: &Target,
    version: ApiVersion,
    counter: RequestCounter,
    timeout_s: u64,
) -> Result<(Docker, Raw, Option<SshStderr>), String> {
    let mut ssh_stderr = None;
    let (conn, addr) = match &target.scheme {
        Scheme::Unix { path } => (
            Conn::Unix(client(hyperlocal::UnixConnector)),
            format!("unix://{}", hex(&path.to_string_lossy())),
        ),
        Scheme::Tcp { addr, tls: None } => (
            Conn::Http(client(HttpConnector::new())),
            format!("http://{addr}"),
        ),
        Scheme::Tcp {
            addr,
            tls: Some(files),
        } => {
            let config = tls::client_config(files, &target.uri)?;
            let mut http = HttpConnector::new();
            http.enforce_http(false);
            let https = hyper_rustls::HttpsConnectorBuilder::new()
                .with_tls_config(config)
                .https_only()
                .enable_http1()
                .wrap_connector(http);
            (Conn::Https(client(https)), format!("https://{addr}"))
        }
        Scheme::Ssh { url } => {
            let dest = SshDest::parse(url)
                .ok_or_else(|| format!("cannot use {url}: expected ssh://[USER@]HOST[:PORT]"))?;
            let (connector, stderr) = ssh::connector(dest);
            ssh_stderr = Some(stderr);
            // The address only fills the request URI; the connector ignores it.
            (
                Conn::Ssh(client(connector)),
                "http://docker.ssh".to_string(),
            )
        }
    };
    let raw = Raw {
        conn: conn.clone(),
        counter: counter.clone(),
        base: addr.clone(),
    };
    let transport = move |req: BollardRequest| {
        let conn = conn.clone();
        let version = version.clone();
        let v = version.get();
        counter.record(req.method().as_str(), req.uri().path());
        async move {
            let (mut parts, body) = req.into_parts();
            parts.uri = versioned_uri(&parts.uri, v);
            let resp = conn.send(http::Request::from_parts(parts, body)).await?;
            if v.is_none() {
                version.keep(&resp);
            }
            Ok(resp)
        }
    };
    let docker = Docker::connect_with_custom_transport(
        transport,
        Some(addr),
        timeout_s,
        bollard::API_DEFAULT_VERSION,
    )
    .map_err(|e| e.to_string())?;
    Ok((docker, raw, ssh_stderr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_goes_in_front_of_the_path_once() {
        let u: Uri = "unix://2f78/containers/json?all=true".parse().unwrap();
        assert_eq!(
            versioned_uri(&u, Some((1, 41))).to_string(),
            "unix://2f78/v1.41/containers/json?all=true"
        );
        assert_eq!(versioned_uri(&u, None), u);
        let again = versioned_uri(&versioned_uri(&u, Some((1, 41))), Some((1, 41)));
        assert_eq!(
            again.to_string(),
            "unix://2f78/v1.41/containers/json?all=true"
        );
    }

    #[test]
    fn version_is_packed_and_unpacked() {
        let v = ApiVersion::default();
        assert_eq!(v.get(), None);
        v.set(1, 41);
        assert_eq!(v.get(), Some((1, 41)));
    }
}
