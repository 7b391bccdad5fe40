//! Every engine of the test kit, for daemon tests whose outcome depends on the API's shape:
//! the shared Docker 20.10 (`/var/run/docker.sock`, API 1.41) and the kit's current Docker 28
//! (`engines::current`, API 1.51). A test runs its body once per engine:
//!
//! ```ignore
//! #[tokio::test]
//! async fn lists_containers() {
//!     common::kit::for_each_engine(async |e| {
//!         let engine = e.engine().await;             // docktor's own Engine on that socket
//!         assert!(e.fixtures(), "fixtures on {}", e.name);
//!         // ... e.api, e.version, e.docker(&[...]) ...
//!     })
//!     .await;
//! }
//! ```
//!
//! An engine that does not answer fails the test under `DOCKTOR_REQUIRE_DOCKER=1` (saying
//! why), else it is skipped with `skipped: …` (see `skip`) and the body runs on the others.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use docktor::engine::Engine;
use docktor::engine::host::{Scheme, Source, Target};

use super::engines::current;

/// One engine of the kit that answered `/_ping`.
#[derive(Clone, Debug)]
pub struct KitEngine {
    /// "shared" (the machine's daemon) or "current" (the kit's Docker 28).
    pub name: &'static str,
    pub socket: PathBuf,
    /// From `/_ping`'s `Server` header, e.g. "28.5.2+dfsg4".
    pub version: String,
    /// From `/_ping`'s `Api-Version` header, e.g. "1.51".
    pub api: String,
}

impl KitEngine {
    /// `unix://` + the socket.
    pub fn host(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// The API version as numbers ("1.51" → (1, 51)).
    pub fn api_version(&self) -> (u32, u32) {
        let mut it = self.api.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    }

    /// The major Docker version (28 for "28.5.2+dfsg4").
    pub fn major(&self) -> u32 {
        let digits: String = self
            .version
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        digits.parse().unwrap_or(0)
    }

    /// A docktor target for this engine's socket.
    pub fn target(&self) -> Target {
        Target {
            uri: self.host(),
            scheme: Scheme::Unix {
                path: self.socket.clone(),
            },
            source: Source::Flag,
        }
    }

    /// docktor's own `Engine`, connected to this socket (panics when it cannot connect).
    pub async fn engine(&self) -> Engine {
        Engine::connect(&self.target()).await.unwrap_or_else(|e| {
            panic!(
                "connect to the {} engine at {}: {e}",
                self.name,
                self.host()
            )
        })
    }

    /// The fixture containers on this engine (tests/scripts/fixtures.sh), once per process.
    /// False after saying why (or a panic under `DOCKTOR_REQUIRE_DOCKER=1`).
    pub fn fixtures(&self) -> bool {
        if self.name == "shared" {
            return super::fixtures();
        }
        match current::fixtures() {
            Ok(()) => true,
            Err(why) if super::require_docker() => {
                panic!("DOCKTOR_REQUIRE_DOCKER=1 but the current engine's fixtures failed: {why}")
            }
            Err(why) => {
                super::skip::skip(format!("fixtures on the current engine: {why}"));
                false
            }
        }
    }

    /// Whether this machine can walk the engine's overlay2 layer directories (docktor's
    /// `--via local`): only the shared engine's are on this machine's paths (the current
    /// engine's are inside its own root), only with the overlay2 driver (not, e.g., the
    /// containerd image store), and only as root. `Err` says why not.
    pub fn local_walk(&self) -> Result<(), String> {
        if self.name != "shared" {
            return Err(format!(
                "the {} engine's layer directories are not this machine's",
                self.name
            ));
        }
        let driver = self.docker_ok(&["info", "--format", "{{.Driver}}"]);
        if driver != "overlay2" {
            return Err(format!("the storage driver is {driver}, not overlay2"));
        }
        if !super::is_root() {
            return Err("the local overlay2 walk needs root".into());
        }
        Ok(())
    }

    /// The host's docker CLI against this engine (`DOCKER_BUILDKIT=0`: it may have no buildx).
    /// For BuildKit on the current engine use `engines::current::cli`.
    pub fn docker(&self, args: &[&str]) -> Output {
        let cli = super::docker_cli_path();
        Command::new(&cli)
            .arg("--host")
            .arg(self.host())
            .args(args)
            .env("DOCKER_BUILDKIT", "0")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {} {args:?}: {e}", cli.display()))
    }

    /// Like [`Self::docker`], but panics unless it succeeds; returns the trimmed stdout.
    pub fn docker_ok(&self, args: &[&str]) -> String {
        let out = self.docker(args);
        assert!(
            out.status.success(),
            "docker --host {} {args:?} failed ({}): {}",
            self.host(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

/// `GET path` (HTTP/1.0) on a unix socket: the status code, the headers' lines and the body.
pub fn raw_get(socket: &Path, path: &str) -> Result<(u16, Vec<String>, String), String> {
    let mut s =
        UnixStream::connect(socket).map_err(|e| format!("connect {}: {e}", socket.display()))?;
    let _ = s.set_read_timeout(Some(Duration::from_secs(60)));
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: docker\r\n\r\n").as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    let mut answer = String::new();
    s.read_to_string(&mut answer)
        .map_err(|e| format!("read: {e}"))?;
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("no HTTP answer to {path}: {answer:?}"))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("no status line in {head:?}"))?;
    Ok((
        status,
        lines.map(str::to_string).collect(),
        body.to_string(),
    ))
}

/// `/_ping` on a unix socket: `(server version, API version)` from its headers.
pub fn ping_versions(socket: &Path) -> Result<(String, String), String> {
    let (status, headers, body) = raw_get(socket, "/_ping")?;
    if status != 200 || body.trim() != "OK" {
        return Err(format!("/_ping answered {status} {body:?}"));
    }
    let header = |name: &str| {
        headers.iter().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let api = header("Api-Version").ok_or("no Api-Version header")?;
    // "Docker/28.5.2+dfsg4 (linux)"
    let server = header("Server").unwrap_or_default();
    let version = server
        .strip_prefix("Docker/")
        .and_then(|v| v.split_whitespace().next())
        .unwrap_or(&server)
        .to_string();
    Ok((version, api))
}

fn unavailable(name: &str, why: String) -> Option<KitEngine> {
    if super::require_docker() {
        panic!("DOCKTOR_REQUIRE_DOCKER=1 but the {name} engine cannot be used: {why}");
    }
    super::skip::skip(format!("on the {name} engine: {why}"));
    None
}

/// The machine's shared daemon (`DOCKER_HOST`'s unix socket, else /var/run/docker.sock), or
/// `None` after a counted skip (a panic under `DOCKTOR_REQUIRE_DOCKER=1`).
pub fn shared_engine() -> Option<KitEngine> {
    let socket = PathBuf::from(super::docker_socket());
    match ping_versions(&socket) {
        Ok((version, api)) => Some(KitEngine {
            name: "shared",
            socket,
            version,
            api,
        }),
        Err(why) => unavailable(
            "shared",
            format!(
                "no answer at {} ({why}): run tests/scripts/docker-up.sh",
                socket.display()
            ),
        ),
    }
}

/// The kit's current engine, brought up when it can be ([`current::up`]), or `None` after a
/// counted skip (a panic under `DOCKTOR_REQUIRE_DOCKER=1`).
pub fn current_engine() -> Option<KitEngine> {
    match current::up().and_then(|()| ping_versions(&current::socket())) {
        Ok((version, api)) => Some(KitEngine {
            name: "current",
            socket: current::socket(),
            version,
            api,
        }),
        Err(why) => unavailable("current", why),
    }
}

/// The kit's engines that answer, shared first ([`shared_engine`], [`current_engine`]).
pub fn kit_engines() -> Vec<KitEngine> {
    [shared_engine(), current_engine()]
        .into_iter()
        .flatten()
        .collect()
}

/// Runs `body` once on every engine of the kit that answers ([`kit_engines`]), in order,
/// naming the engine on stderr first (shown when the test fails).
pub async fn for_each_engine(mut body: impl AsyncFnMut(&KitEngine)) {
    for e in kit_engines() {
        eprintln!(
            "== on the {} engine: Docker {}, API {}, {}",
            e.name,
            e.version,
            e.api,
            e.host()
        );
        body(&e).await;
    }
}
