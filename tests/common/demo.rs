//! What the tests that run `docktor demo` share: its names are fixed (`docktor-demo/<stage>`
//! images, `docktor-demo-<stage>` containers), so they hold one lock across test processes
//! ([`lock`]), and clean up after themselves however they end ([`Containers`], [`Untagged`]).

use std::collections::BTreeSet;

/// The demo's lock (common::lock): one test that runs the demo at a time, in any test process.
pub fn lock() -> super::lock::Held {
    super::lock::exclusive("demo")
}

/// On drop, however the test ends: the demo's images left untagged are removed by ID — the
/// previous images of the tags a no-cache build moved, and the builder stages of the
/// multi-stage builds (a prune would clash with any other prune on the shared daemon). One
/// still used by a container of an earlier `--run` stays.
pub struct Untagged;

impl Drop for Untagged {
    fn drop(&mut self) {
        for id in demo_image_ids() {
            let tags = super::docker_cli(&["image", "inspect", "-f", "{{len .RepoTags}}", &id]);
            if String::from_utf8_lossy(&tags.stdout).trim() == "0" {
                let _ = super::docker_cli(&["rmi", &id]);
            }
        }
    }
}

/// The IDs of the demo's images now (labelled `docktor.demo=1`); none when the CLI fails.
pub fn demo_image_ids() -> BTreeSet<String> {
    let out = super::docker_cli(&[
        "images",
        "--no-trunc",
        "-q",
        "--filter",
        "label=docktor.demo=1",
    ]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The containers `--run` starts, removed on drop, however the test ends.
pub struct Containers;

impl Drop for Containers {
    fn drop(&mut self) {
        for stage in ["original", "multi-stage", "official-uv", "optimized"] {
            let _ = super::docker_cli(&["rm", "-f", &format!("docktor-demo-{stage}")]);
        }
    }
}
