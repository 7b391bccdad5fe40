//! The kit's current engine: Debian sid's docker.io (Docker 28, API 1.51) run as a private
//! daemon by tests/scripts/engine-current.sh. Where its socket is, bringing it up once per
//! test process, its fixtures, and its own docker CLI (with buildx, for BuildKit builds).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The API version the kit's current engine speaks (Debian sid's docker.io 28.5).
pub const API: &str = "1.51";
/// Its Docker major version.
pub const MAJOR: u32 = 28;

/// `DOCKTOR_CURRENT_ENGINE=off`: do not bring it up (its tests skip, or fail when required).
pub const OFF_ENV: &str = "DOCKTOR_CURRENT_ENGINE";

fn env_or(var: &str, default: &str) -> String {
    std::env::var(var)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// The kit's state directory (`DOCKTOR_TESTKIT_STATE`, default /var/lib/docktor-testkit).
pub fn state_dir() -> PathBuf {
    PathBuf::from(env_or("DOCKTOR_TESTKIT_STATE", "/var/lib/docktor-testkit"))
}

/// The debootstrap'ed root the engine runs in (its data root is `var/lib/docker` in it).
pub fn root_dir() -> PathBuf {
    state_dir().join(env_or("DOCKTOR_CURRENT_SUITE", "sid"))
}

/// The engine's unix socket (`DOCKTOR_TESTKIT_RUN`, default /run/docktor-testkit, + docker28.sock).
pub fn socket() -> PathBuf {
    PathBuf::from(env_or("DOCKTOR_TESTKIT_RUN", "/run/docktor-testkit")).join("docker28.sock")
}

/// `unix://` + [`socket`].
pub fn host() -> String {
    format!("unix://{}", socket().display())
}

fn script() -> PathBuf {
    crate::common::repo_root().join("tests/scripts/engine-current.sh")
}

fn run_script(args: &[&str]) -> Result<(), String> {
    let out = Command::new("bash")
        .arg(script())
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script().display()))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{} {}` failed ({}): {}{}",
        script().display(),
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout).trim(),
        String::from_utf8_lossy(&out.stderr).trim()
    ))
}

/// Makes sure the engine answers, once per test process: when its socket is dead and we are
/// root, runs `engine-current.sh up` (seconds; about a minute the very first time).
/// `Err` says why it cannot answer and what to do.
pub fn up() -> Result<(), String> {
    static OUTCOME: OnceLock<Result<(), String>> = OnceLock::new();
    OUTCOME
        .get_or_init(|| {
            if crate::common::engines::ping(&socket()) {
                return Ok(());
            }
            if std::env::var(OFF_ENV).is_ok_and(|v| v.trim() == "off") {
                return Err(format!(
                    "{OFF_ENV}=off: the current engine is not brought up"
                ));
            }
            if !crate::common::is_root() {
                return Err(format!(
                    "the current engine (Docker {MAJOR}) does not answer at {} and bringing it \
                     up needs root: run `sudo {} up`",
                    socket().display(),
                    script().display()
                ));
            }
            run_script(&["up", "--quiet"])?;
            if crate::common::engines::ping(&socket()) {
                Ok(())
            } else {
                Err(format!(
                    "{} came up but does not answer",
                    socket().display()
                ))
            }
        })
        .clone()
}

/// The fixture images and containers (tests/scripts/fixtures.sh) on the current engine, once
/// per test process, waiting for their health states. Call [`up`] first.
pub fn fixtures() -> Result<(), String> {
    static OUTCOME: OnceLock<Result<(), String>> = OnceLock::new();
    OUTCOME
        .get_or_init(|| {
            let fixtures = crate::common::repo_root().join("tests/scripts/fixtures.sh");
            let out = Command::new("bash")
                .arg(&fixtures)
                .args(["--wait-health", "--quiet"])
                .env("DOCKER_HOST", host())
                .env("DOCKER_BUILDKIT", "0")
                .output()
                .map_err(|e| format!("cannot run {}: {e}", fixtures.display()))?;
            if out.status.success() {
                return Ok(());
            }
            Err(format!(
                "DOCKER_HOST={} {} --wait-health failed ({}): {}{}",
                host(),
                fixtures.display(),
                out.status,
                String::from_utf8_lossy(&out.stdout).trim(),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        })
        .clone()
}

/// The root's own docker CLI (28.x, with buildx: `DOCKER_BUILDKIT=1` builds use BuildKit)
/// against the current engine, through `engine-current.sh docker`.
pub fn cli(args: &[&str]) -> Output {
    Command::new("bash")
        .arg(script())
        .arg("docker")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} docker {args:?}: {e}", script().display()))
}
