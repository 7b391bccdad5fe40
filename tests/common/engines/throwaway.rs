//! A throw-away instance of the kit's current engine (Docker 28, API 1.51), for tests that
//! prune, stop or break an engine: the same debootstrapped root as the kit's shared one,
//! with its own data root, socket and namespaces (`engine-current.sh private DIR`), stopped
//! and removed on drop. The kit's shared current engine is never pruned.
//!
//! Skips like `PrivateDaemon`: without root (or the root's tools) the test prints
//! `skipped: …`, unless `DOCKTOR_REQUIRE_ENGINES=1`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::current;

fn script() -> PathBuf {
    crate::common::repo_root().join("tests/scripts/engine-current.sh")
}

/// What a throw-away instance needs: root, and the current engine's tools (the kit brings
/// its root up once; a missing root is installed then).
pub fn ready() -> Result<(), String> {
    if !crate::common::is_root() {
        return Err("a throw-away current engine needs root (namespaces, mounts)".into());
    }
    current::up()
}

pub struct Throwaway {
    dir: tempfile::TempDir,
}

impl Throwaway {
    /// Starts an instance named `dkt-<name>-…`; panics with its log when it does not answer.
    pub fn start(name: &str) -> Throwaway {
        let dir = tempfile::Builder::new()
            .prefix(&format!("dkt-{name}-"))
            .tempdir()
            .expect("temp dir for a throw-away engine");
        let out = Command::new("bash")
            .arg(script())
            .arg("private")
            .arg(dir.path())
            .output()
            .expect("run engine-current.sh private");
        let t = Throwaway { dir };
        assert!(
            out.status.success(),
            "engine-current.sh private {} failed: {}{}",
            t.dir.path().display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("docker.sock")
    }

    /// `unix://` + [`Self::socket`].
    pub fn host(&self) -> String {
        format!("unix://{}", self.socket().display())
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The root's own docker CLI (with buildx: `build` uses BuildKit) against this instance.
    pub fn docker(&self, args: &[&str]) -> Output {
        Command::new("bash")
            .arg(script())
            .arg("docker")
            .args(args)
            .env("DOCKTOR_CURRENT_HOST", self.host())
            .output()
            .unwrap_or_else(|e| panic!("cannot run engine-current.sh docker {args:?}: {e}"))
    }

    /// Stops it (its socket stops answering; the data stays until drop).
    pub fn stop(&self) {
        let _ = Command::new("bash")
            .arg(script())
            .arg("private-stop")
            .arg(self.dir.path())
            .output();
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        self.stop();
    }
}
