//! Helpers for the Doctor and `docktor check` tests: the fixture image built once per test
//! process (tests/scripts/doctor-fixtures.sh), containers of it named dkt-doctor-<what>-<pid>
//! removed by a drop guard, and the gatherers run the way `docktor check` runs them.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use docktor::diagnose::{Facts, Outcome, Subject, evaluate};
use docktor::engine::Engine;
use docktor::gather::{self, Cancel};
use docktor::profile::Profile;
use futures_util::StreamExt;
use serde_json::Value;

use crate::common;

/// The fixture image's tag, built once; `None` (after saying why) when it cannot be.
pub fn image() -> Option<String> {
    static TAG: OnceLock<Result<String, String>> = OnceLock::new();
    let tag = TAG.get_or_init(|| {
        let script = common::repo_root().join("tests/scripts/doctor-fixtures.sh");
        let out = Command::new("bash")
            .arg(&script)
            .arg("--quiet")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    });
    match tag {
        Ok(t) => Some(t.clone()),
        Err(why) if common::require_docker() => panic!("doctor fixture image: {why}"),
        Err(why) => {
            common::skip::skip(format!("doctor fixture image: {why}"));
            None
        }
    }
}

/// A container of the fixture image, removed when dropped (also when the test fails).
pub struct Made {
    pub name: String,
    pub id: String,
}

impl Made {
    /// `docker run -d` (or `create` when `start` is false) with `args` before the image.
    pub fn new(what: &str, start: bool, args: &[&str]) -> Made {
        let tag = image().expect("the fixture image");
        let name = format!("dkt-doctor-{what}-{}", std::process::id());
        let _ = common::docker_cli(&["rm", "-f", &name]);
        let mut a: Vec<&str> = vec![if start { "run" } else { "create" }];
        if start {
            a.push("-d");
        }
        a.extend(["--name", &name, "--label", "docktor.fixture.area=doctor"]);
        a.extend(args);
        a.push(&tag);
        let id = common::docker_cli_ok(&a);
        Made { name, id }
    }

    pub fn subject(&self) -> Subject {
        Subject::Container {
            id: self.id.clone(),
            name: self.name.clone(),
        }
    }
}

impl Drop for Made {
    fn drop(&mut self) {
        let _ = common::docker_cli(&["rm", "-f", &self.name]);
    }
}

/// A profile whose base image names no registry (none is reachable here).
pub fn offline_profile() -> Profile {
    Profile {
        base_image: String::new(),
        ..Profile::default()
    }
}

/// Every fact of `subject`, gathered as `docktor check` does, and every rule's verdict.
pub async fn check(engine: &Engine, subject: &Subject, profile: &Profile) -> (Facts, Vec<Outcome>) {
    let cancel = Cancel::default();
    let mut facts = Facts::new(subject.clone());
    let mut all = Box::pin(gather::gather_all(engine, subject, profile, &cancel));
    while let Some(g) = all.next().await {
        (g.apply)(&mut facts);
    }
    drop(all);
    let mut outcomes = evaluate(&facts, profile, |_| true);
    gather::settle(&mut outcomes, subject);
    (facts, outcomes)
}

pub fn verdict<'a>(outcomes: &'a [Outcome], id: &str) -> &'a Outcome {
    outcomes
        .iter()
        .find(|o| o.rule.id == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

/// A directory of its own for a `docktor check` run: its docktor.toml names no base image
/// (no registry is reachable here).
pub fn workdir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("docktor.toml"),
        "[build]\nbase_image = \"\"\n",
    )
    .unwrap();
    d
}

/// `docktor check ARGS…` run in `dir` against the local daemon.
pub fn run_check(dir: &Path, args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env("DOCKER_HOST", format!("unix://{}", common::docker_socket()))
        .output()
        .unwrap()
}

/// The command's stdout as JSON.
pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

/// A daemon answers and the fixture image is built.
pub async fn ready() -> bool {
    common::engine().await.is_some() && image().is_some()
}
