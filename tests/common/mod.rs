//! Shared helpers for integration tests that run against a real Docker daemon.
//!
//! Use it from a test file with `mod common;`. The usual shape of a test:
//!
//! ```ignore
//! #[tokio::test]
//! async fn something() {
//!     let Some(engine) = common::engine().await else { return }; // skipped: no daemon
//!     assert!(common::fixtures(), "fixtures");                   // dfx-* containers are up
//!     // ... talk to `engine`, or run common::docktor_bin(), or common::docker_cli(...) ...
//! }
//! ```
//!
//! Without a daemon these tests skip: `skip::skip` prints `skipped: <test>: <reason>` past
//! the harness's capture and records it, so tests/scripts/test.sh counts it as skipped. With
//! `DOCKTOR_REQUIRE_DOCKER=1` (CI sets it) a missing daemon or broken fixtures fail the test
//! instead, so CI can never pass by skipping.
//!
//! `kit` runs a test's body on every engine of the kit: the shared daemon and the current
//! engine (`engines::current`, Docker 28 from tests/scripts/engine-current.sh).
//!
//! `engines` runs private engines (a dockerd in its own network namespace, sshd, Podman)
//! for tests/engines.rs; its tests skip without root or the tools, unless
//! `DOCKTOR_REQUIRE_ENGINES=1` (.ci/run, after tests/scripts/engines-up.sh installed them).
//!
//! The fixture containers (see `tests/scripts/fixtures.sh`), all labelled `docktor.fixture=1`:
//! `dfx-healthy` (healthy, user 1001, port 8000, secret in env), `dfx-unhealthy` (unhealthy),
//! `dfx-exited` (exit code 3), `dfx-nohealth` (no health check), `dfx-logger` (logs every second).
#![allow(dead_code)]

pub mod archives;
pub mod built;
pub mod demo;
pub mod engines;
pub mod envfix;
pub mod gone;
pub mod kit;
pub mod lock;
pub mod once;
pub mod registry;
pub mod skip;
pub mod tmux;
pub mod tui;

use std::path::{Path, PathBuf};

use docktor::engine::Engine;
use docktor::engine::host::{Scheme, Source, Target};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

/// Names of the fixture containers that `fixtures()` brings up.
pub const FIXTURE_NAMES: [&str; 5] = [
    "dfx-healthy",
    "dfx-unhealthy",
    "dfx-exited",
    "dfx-nohealth",
    "dfx-logger",
];

/// The label every fixture container carries.
pub const FIXTURE_LABEL: &str = "docktor.fixture=1";

/// True when `DOCKTOR_REQUIRE_DOCKER=1`: tests must fail rather than skip without a daemon.
pub fn require_docker() -> bool {
    std::env::var("DOCKTOR_REQUIRE_DOCKER").is_ok_and(|v| v.trim() == "1")
}

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The unix socket the tests talk to: the path of `DOCKER_HOST` when it is `unix://...`,
/// otherwise `/var/run/docker.sock`.
pub fn docker_socket() -> String {
    match std::env::var("DOCKER_HOST") {
        Ok(host) if host.starts_with("unix://") => host["unix://".len()..].to_string(),
        _ => "/var/run/docker.sock".to_string(),
    }
}

/// The local daemon's socket as a host docktor connects to.
pub fn local_target() -> Target {
    let path = docker_socket();
    Target {
        uri: format!("unix://{path}"),
        scheme: Scheme::Unix { path: path.into() },
        source: Source::Default,
    }
}

async fn connect(target: &Target) -> Result<Engine, String> {
    tokio::time::timeout(Duration::from_secs(30), Engine::connect(target))
        .await
        .map_err(|_| "no answer within 30 s".to_string())?
        .map_err(|e| e.to_string())
}

/// docktor's own client (its transport, API version negotiated, as the product connects)
/// on the local daemon.
///
/// When no daemon answers: panics under `DOCKTOR_REQUIRE_DOCKER=1`, otherwise prints
/// `skipped: no Docker daemon at ...` to stderr and returns `None` (the test should return).
pub async fn engine() -> Option<Engine> {
    let socket = docker_socket();
    match connect(&local_target()).await {
        Ok(engine) => Some(engine),
        Err(why) => {
            if require_docker() {
                panic!(
                    "DOCKTOR_REQUIRE_DOCKER=1 but no Docker daemon answers at {socket} ({why}): \
                     run tests/scripts/docker-up.sh"
                );
            }
            skip::skip(format!("no Docker daemon at {socket} ({why})"));
            None
        }
    }
}

/// Brings the fixture containers up with `tests/scripts/fixtures.sh --wait-health`, once per test
/// process (later calls return the first outcome at once; concurrent callers wait for it).
///
/// Returns false when that failed (e.g. no daemon), after printing why to stderr; under
/// `DOCKTOR_REQUIRE_DOCKER=1` it panics instead.
pub fn fixtures() -> bool {
    static OUTCOME: OnceLock<Result<(), String>> = OnceLock::new();
    once::script(
        &OUTCOME,
        "fixtures.sh",
        &["--wait-health", "--quiet"],
        "fixtures",
    )
}

/// The docktor binary that cargo built for this integration test run.
pub fn docktor_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_docktor"))
}

/// The docker CLI: /usr/local/bin/docker when present, else `docker` on PATH.
pub fn docker_cli_path() -> PathBuf {
    let local = Path::new("/usr/local/bin/docker");
    if local.is_file() {
        local.to_path_buf()
    } else {
        PathBuf::from("docker")
    }
}

/// Runs the docker CLI with `args` (and DOCKER_BUILDKIT=0: the client may have no buildx).
/// Panics only when the CLI cannot be started at all.
pub fn docker_cli(args: &[&str]) -> Output {
    let cli = docker_cli_path();
    Command::new(&cli)
        .args(args)
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} {args:?}: {e}", cli.display()))
}

/// Like `docker_cli`, but panics unless it succeeds, and returns its trimmed stdout.
pub fn docker_cli_ok(args: &[&str]) -> String {
    let out = docker_cli(args);
    assert!(
        out.status.success(),
        "docker {args:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The `id` of each of `report`'s `findings[]` (a JSON report of `docktor health`, `check`…).
pub fn finding_ids(report: &serde_json::Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["id"].as_str()).collect())
        .unwrap_or_default()
}

/// Polls `check` every 100 ms until it returns true or `timeout` passes; returns the last result.
pub fn wait_until(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if check() {
            return true;
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Whether the tests run as root (the overlay2 walk and private daemons need it).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        == Some("0")
}
