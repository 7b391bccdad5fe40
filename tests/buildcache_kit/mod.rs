//! What the build cache tests need: an engine that may be pruned (a private Docker 20.10 or
//! a throw-away Docker 28), BuildKit builds with the guide's uv cache mount on it, the
//! docker CLI's own `docker system df` to compare with, and docktor run against it.

pub mod flow;
pub mod registry;
pub mod tmux;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{self, engines::PrivateDaemon, engines::throwaway::Throwaway};

/// The guide's kind of build: a layer, then dependencies installed with a cache mount at
/// `/root/.cache/uv` (300 KiB in it), FROM scratch with the host's static busybox.
pub const DOCKERFILE: &str = "FROM scratch
COPY busybox /bin/busybox
RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]
RUN --mount=type=cache,target=/root/.cache/uv dd if=/dev/zero of=/root/.cache/uv/wheels bs=1024 count=300 2>/dev/null && echo deps > /deps
CMD [\"sleep\", \"3600\"]
";

/// An engine the test owns and may prune.
pub enum Owned {
    /// Docker 20.10 (API 1.41), `PrivateDaemon`.
    Old(PrivateDaemon),
    /// Docker 28 (API 1.51), a throw-away instance of the kit's current engine.
    Current(Throwaway),
}

impl Owned {
    pub fn name(&self) -> &'static str {
        match self {
            Owned::Old(_) => "private Docker 20.10",
            Owned::Current(_) => "throw-away Docker 28",
        }
    }

    pub fn host(&self) -> String {
        match self {
            Owned::Old(d) => d.host(),
            Owned::Current(t) => t.host(),
        }
    }

    /// Stops the engine (its socket stops answering).
    pub fn stop(&mut self) {
        match self {
            Owned::Old(d) => d.stop(),
            Owned::Current(t) => t.stop(),
        }
    }

    pub fn socket(&self) -> std::path::PathBuf {
        match self {
            Owned::Old(d) => d.socket(),
            Owned::Current(t) => t.socket(),
        }
    }

    /// The docker CLI against it (the host's 28.2 for 20.10, the root's own for 28).
    pub fn docker(&self, args: &[&str]) -> Output {
        match self {
            Owned::Old(d) => d.docker(args),
            Owned::Current(t) => t.docker(args),
        }
    }

    pub fn docker_ok(&self, args: &[&str]) -> String {
        let out = self.docker(args);
        assert!(
            out.status.success(),
            "docker {args:?} on the {} failed: {}",
            self.name(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// A BuildKit build of `dir` tagged `tag`, without network.
    pub fn buildkit_build(&self, tag: &str, dir: &Path) {
        let d = dir.display().to_string();
        let args = ["build", "-q", "--network=none", "-t", tag, &d];
        let out = match self {
            // Debian's 20.10 CLI has BuildKit built in.
            Owned::Old(p) => Command::new("/usr/bin/docker")
                .arg("--host")
                .arg(p.host())
                .args(args)
                .env("DOCKER_BUILDKIT", "1")
                .output()
                .expect("run /usr/bin/docker build"),
            Owned::Current(t) => t.docker(&args),
        };
        assert!(
            out.status.success(),
            "BuildKit build of {tag} on the {} failed: {}",
            self.name(),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `docker system df`'s line for `kind` (`Images`, `Build Cache`…): (total, active, size,
    /// reclaimable without the share).
    pub fn df(&self, kind: &str) -> (String, String, String, String) {
        let out = self.docker_ok(&["system", "df", "--format", "{{json .}}"]);
        let line = out
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|v| v["Type"] == kind)
            .unwrap_or_else(|| panic!("no {kind} in {out}"));
        let s = |k: &str| line[k].as_str().unwrap_or_default().to_string();
        let r = s("Reclaimable");
        let r = r.split(' ').next().unwrap_or_default().to_string();
        (s("TotalCount"), s("Active"), s("Size"), r)
    }

    /// docktor with `-H` this engine and `args`, stdin from /dev/null.
    pub fn docktor(&self, args: &[&str]) -> Output {
        Command::new(common::docktor_bin())
            .arg("-H")
            .arg(self.host())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run docktor")
    }

    /// docktor's JSON; panics unless it exits 0.
    pub fn docktor_json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.docktor(args);
        assert!(
            out.status.success(),
            "docktor {args:?} on the {}: {}{}",
            self.name(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "JSON of docktor {args:?} ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Fills the build cache: the guide's build as `<prefix>:1`, a container of it left
    /// stopped, and a dangling image (a rebuild of another Dockerfile under the same tag).
    pub fn fill(&self, prefix: &str) {
        let ctx = tempfile::tempdir().expect("context");
        std::fs::write(ctx.path().join("Dockerfile"), DOCKERFILE).expect("Dockerfile");
        std::fs::copy("/bin/busybox", ctx.path().join("busybox")).expect("busybox");
        self.buildkit_build(&format!("{prefix}-old:1"), ctx.path());
        std::fs::write(
            ctx.path().join("Dockerfile"),
            DOCKERFILE.replace("echo deps", "echo deps2"),
        )
        .expect("Dockerfile");
        self.buildkit_build(&format!("{prefix}:1"), ctx.path());
        // The first image loses its tag: dangling.
        self.docker_ok(&["tag", &format!("{prefix}:1"), &format!("{prefix}-old:1")]);
        self.docker_ok(&["rmi", &format!("{prefix}-old:1")]);
        self.docker_ok(&[
            "create",
            "--name",
            &format!("{prefix}-stopped"),
            &format!("{prefix}:1"),
        ]);
    }
}

/// go-units' `HumanSize`, as `docker system df` prints sizes.
pub fn human(n: u64) -> String {
    docktor::buildcache::units::docker_size(n)
}

/// A docktor JSON totals object as `docker system df` prints it.
pub fn as_df(t: &serde_json::Value) -> (String, String, String, String) {
    let n = |k: &str| t[k].as_u64().unwrap_or_else(|| panic!("{k} in {t}"));
    (
        n("count").to_string(),
        n("active").to_string(),
        human(n("size_bytes")),
        human(n("reclaimable_bytes")),
    )
}
