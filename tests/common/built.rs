//! Images and containers a test makes on an engine of the kit, removed when the test ends,
//! however it ends (a drop guard). Names are the test's own: `dkt-<area>-<test>-<engine>-<pid>`.

use std::path::Path;

use super::kit::KitEngine;

/// `dkt-<area>-<test>-<engine>-<pid>`: unique per test, engine and test process.
pub fn name(area: &str, test: &str, e: &KitEngine) -> String {
    format!("dkt-{area}-{test}-{}-{}", e.name, std::process::id())
}

/// An image built for one test; its tag is removed on drop (the image goes with its last tag).
pub struct BuiltImage {
    engine: KitEngine,
    pub tag: String,
}

impl BuiltImage {
    /// Builds `dockerfile` with the classic builder as `tag` on `e`, the host's static busybox
    /// in the context as `busybox`; panics (with the build's output) unless it succeeds.
    ///
    /// A `LABEL docktor.test.image=<tag>` goes right after the first `FROM` line (one metadata
    /// step more in the history): no other build shares the classic builder's cache chain of
    /// this image, so removing it never removes a parent another build is using at that moment.
    pub fn build(e: &KitEngine, tag: &str, dockerfile: &str) -> BuiltImage {
        let ctx = tempfile::tempdir().unwrap_or_else(|err| panic!("temp dir: {err}"));
        std::fs::copy("/bin/busybox", ctx.path().join("busybox"))
            .unwrap_or_else(|err| panic!("copy /bin/busybox (install busybox-static): {err}"));
        std::fs::write(ctx.path().join("Dockerfile"), own_chain(dockerfile, tag))
            .unwrap_or_else(|err| panic!("write Dockerfile: {err}"));
        // The guard first: a build that tagged and then failed is cleaned up too.
        let image = BuiltImage {
            engine: e.clone(),
            tag: tag.to_string(),
        };
        e.docker_ok(&["build", "-q", "-t", tag, &path(ctx.path())]);
        image
    }

    /// The image's ID (`sha256:…`).
    pub fn id(&self) -> String {
        self.engine
            .docker_ok(&["image", "inspect", "-f", "{{.Id}}", &self.tag])
    }
}

impl Drop for BuiltImage {
    fn drop(&mut self) {
        let _ = self.engine.docker(&["rmi", "-f", &self.tag]);
    }
}

/// Containers removed (with their anonymous volumes) on drop.
pub struct Containers {
    engine: KitEngine,
    pub names: Vec<String>,
}

impl Containers {
    pub fn on(e: &KitEngine) -> Containers {
        Containers {
            engine: e.clone(),
            names: Vec::new(),
        }
    }

    /// Remembers `name` for removal and returns it.
    pub fn add(&mut self, name: impl Into<String>) -> String {
        let name = name.into();
        self.names.push(name.clone());
        name
    }
}

impl Drop for Containers {
    fn drop(&mut self) {
        for n in &self.names {
            let _ = self.engine.docker(&["rm", "-f", "-v", n]);
        }
    }
}

/// `dockerfile` with `LABEL docktor.test.image=<tag>` after its first `FROM` line.
fn own_chain(dockerfile: &str, tag: &str) -> String {
    let mut out = String::new();
    let mut labelled = false;
    for line in dockerfile.lines() {
        out.push_str(line);
        out.push('\n');
        if !labelled && line.trim_start().to_ascii_uppercase().starts_with("FROM ") {
            out.push_str(&format!("LABEL docktor.test.image=\"{tag}\"\n"));
            labelled = true;
        }
    }
    out
}

fn path(p: &Path) -> String {
    p.display().to_string()
}
