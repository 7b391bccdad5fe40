//! The test kit itself, proved (one test binary, one file per subject): the current engine
//! (tests/scripts/engine-current.sh) is Docker 28 with API 1.51 and runs, execs and
//! health-checks INSIDE its containers (`current`); it builds with BuildKit cache mounts and
//! shows their records in `/system/df` in 1.51's shape (`buildkit`); `for_each_engine` reaches
//! both engines with their fixtures (`every`); skips are seen past the harness and counted as
//! skips (`skips`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod buildkit;
mod current;
mod every;
mod skips;

use common::engines::current as current_engine;
use common::kit::KitEngine;

/// Removes what a test made on an engine, even when the test fails.
struct Cleanup<'a> {
    engine: &'a KitEngine,
    containers: Vec<String>,
    images: Vec<String>,
    /// Build-cache record IDs on the current engine.
    cache_ids: Vec<String>,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        for c in &self.containers {
            let _ = self.engine.docker(&["rm", "-f", c]);
        }
        for i in &self.images {
            let _ = self.engine.docker(&["rmi", "-f", i]);
        }
        for id in &self.cache_ids {
            let _ =
                current_engine::cli(&["builder", "prune", "-f", "--filter", &format!("id={id}")]);
        }
    }
}

fn cleanup(engine: &KitEngine) -> Cleanup<'_> {
    Cleanup {
        engine,
        containers: Vec::new(),
        images: Vec::new(),
        cache_ids: Vec::new(),
    }
}

/// A build context with the host's static busybox and `dockerfile`.
fn context(dockerfile: &str) -> tempfile::TempDir {
    let ctx = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    std::fs::copy("/bin/busybox", ctx.path().join("busybox"))
        .unwrap_or_else(|e| panic!("copy /bin/busybox (install busybox-static): {e}"));
    std::fs::write(ctx.path().join("Dockerfile"), dockerfile)
        .unwrap_or_else(|e| panic!("write Dockerfile: {e}"));
    ctx
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().map(str::trim).collect()
}
