//! Proof that `docktor context` sends what `docker build` sends: contexts with and without
//! a `.dockerignore` (exceptions, `**`, classes, leading `/`, order, the Dockerfile itself
//! excluded) built for real with `COPY . /ctx/`, and the paths that arrived in the image
//! compared with the paths docktor says are sent — with the classic builder (the docker CLI
//! 28's tar) on the shared daemon, and with BuildKit (buildx 0.2x, the kit's current engine)
//! when that engine is there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use docktor::context::{self, Builder, Options};

/// Files of every test context (a trailing `/` makes an empty directory).
const TREE: &[&str] = &[
    "Dockerfile",
    "README.md",
    "CHANGES.md",
    "pyproject.toml",
    ".env",
    ".env.example",
    ".git/HEAD",
    ".git/objects/ab/cdef",
    ".venv/pyvenv.cfg",
    ".venv/lib/site.py",
    "app/main.py",
    "app/__pycache__/main.cpython-313.pyc",
    "app/sub/__pycache__/x.pyc",
    "app/a*b",
    "build/out.bin",
    "sub/build/keep.bin",
    "docs/guide.md",
    "docs/keep/index.md",
    "docs/keep/deep/more.md",
    "dir/drop.txt",
    "dir/sub/keep.txt",
    "dir2/keep.txt",
    "dir2/other.txt",
    "logs/a.log",
    "x.log",
    "deep/er/b.log",
    "file1.txt",
    "file22.txt",
    "a.cfg",
    "ab.cfg",
    "notes.bak",
    "anotes.bak",
    "tmp/",
    "deep/tmp/t",
    "empty/",
];

/// The `.dockerignore` files tried (`None`: no file at all).
const IGNORES: &[(&str, Option<&str>)] = &[
    ("none", None),
    (
        "guide",
        Some("# the guide's list\n.git\n.venv\n**/__pycache__\n.env*\n!.env.example\n*.sqlite3\n"),
    ),
    (
        "exceptions",
        Some("dir\n!dir/sub/keep.txt\ndir2\n!**/keep.txt\n"),
    ),
    (
        "order-and-slash",
        Some("/build\n*.md\n!README.md\ndocs/**\n!docs/keep/**\n  # not a comment\n"),
    ),
    ("double-star", Some("**.log\n**/tmp\napp/**/x.pyc\n")),
    (
        "classes",
        Some("file[0-9].txt\n?.cfg\n[^a]*.bak\napp/a\\*b\n"),
    ),
    ("build-files", Some("Dockerfile\n.dockerignore\n*\n!app\n")),
];

fn make_context(ignore: Option<&str>) -> tempfile::TempDir {
    let d = tempfile::Builder::new()
        .prefix("dkt-ctx-")
        .tempdir()
        .unwrap();
    for p in TREE {
        let path = d.path().join(p);
        if let Some(dir) = p.strip_suffix('/') {
            std::fs::create_dir_all(d.path().join(dir)).unwrap();
            continue;
        }
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let body = if *p == "Dockerfile" {
            "FROM scratch\nCOPY . /ctx/\n".to_string()
        } else {
            format!("{p}\n")
        };
        std::fs::write(path, body).unwrap();
    }
    if let Some(text) = ignore {
        std::fs::write(d.path().join(".dockerignore"), text).unwrap();
    }
    d
}

/// What docktor says arrives: every sent path and the directories above it.
fn docktor_paths(dir: &Path, builder: Builder) -> BTreeSet<String> {
    let opts = Options {
        builder,
        keep_list: true,
        ..Options::default()
    };
    let r = context::check(dir, &opts, &AtomicBool::new(false), &|_| {}).unwrap();
    assert!(r.refused.is_none(), "{:?}", r.refused);
    with_parents(r.sent.iter().map(|s| s.path.clone()))
}

fn with_parents(paths: impl Iterator<Item = String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in paths {
        let mut cur = p.as_str();
        out.insert(cur.to_string());
        while let Some((parent, _)) = cur.rsplit_once('/') {
            out.insert(parent.to_string());
            cur = parent;
        }
    }
    out
}

/// The paths under `ctx/` in a tar of the image's filesystem.
fn paths_in_tar(mut tar: impl Read) -> BTreeSet<String> {
    let mut bytes = Vec::new();
    tar.read_to_end(&mut bytes).unwrap();
    let mut a = tar::Archive::new(bytes.as_slice());
    let mut out = BTreeSet::new();
    for e in a.entries().unwrap() {
        let e = e.unwrap();
        let p = e.path().unwrap().to_string_lossy().into_owned();
        let p = p.trim_start_matches("./").trim_end_matches('/');
        if let Some(rest) = p.strip_prefix("ctx/") {
            out.insert(rest.to_string());
        }
    }
    with_parents(out.into_iter())
}

/// Builds `dir` with the classic builder on the shared daemon; the paths that arrived.
fn classic_build(dir: &Path, name: &str) -> BTreeSet<String> {
    let tag = format!("dkt-ctx-{name}-{}:1", std::process::id());
    let container = format!("dkt-ctx-{name}-{}", std::process::id());
    struct Cleanup(String, String);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = common::docker_cli(&["rm", "-f", &self.1]);
            let _ = common::docker_cli(&["rmi", "-f", &self.0]);
        }
    }
    let _guard = Cleanup(tag.clone(), container.clone());
    let out = Command::new(common::docker_cli_path())
        .args(["build", "-q", "-t", &tag])
        .arg(dir)
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::docker_cli_ok(&["create", "--name", &container, &tag, "x"]);
    let export = Command::new(common::docker_cli_path())
        .args(["export", &container])
        .output()
        .unwrap();
    assert!(export.status.success());
    paths_in_tar(export.stdout.as_slice())
}

/// The kit's current engine and its own docker CLI with buildx, when they are there.
fn buildkit_cli() -> Option<(PathBuf, PathBuf, String)> {
    let root = PathBuf::from(
        std::env::var("DOCKTOR_TESTKIT_STATE").unwrap_or("/var/lib/docktor-testkit".into()),
    )
    .join("sid");
    let sock = PathBuf::from(
        std::env::var("DOCKTOR_TESTKIT_RUN").unwrap_or("/run/docktor-testkit".into()),
    )
    .join("docker28.sock");
    let cli = root.join("usr/bin/docker");
    let plugins = root.join("usr/libexec/docker/cli-plugins");
    (cli.is_file() && plugins.join("docker-buildx").is_file() && sock.exists())
        .then(|| (cli, plugins, format!("unix://{}", sock.display())))
}

/// Builds `dir` with BuildKit, the result as a tar (nothing is left on the engine but cache).
fn buildkit_build(
    dir: &Path,
    (cli, plugins, host): &(PathBuf, PathBuf, String),
) -> BTreeSet<String> {
    let cfg = tempfile::tempdir().unwrap();
    std::fs::write(
        cfg.path().join("config.json"),
        format!("{{\"cliPluginsExtraDirs\": [\"{}\"]}}", plugins.display()),
    )
    .unwrap();
    let out = Command::new(cli)
        .args([
            "--host",
            host,
            "buildx",
            "build",
            "-q",
            "--output",
            "type=tar,dest=-",
        ])
        .arg(dir)
        .env("DOCKER_CONFIG", cfg.path())
        .env("DOCKER_BUILDKIT", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut with_root = Vec::new();
    // The tar holds the image's filesystem at its root: `ctx/...`.
    with_root.extend_from_slice(&out.stdout);
    paths_in_tar(with_root.as_slice())
}

#[tokio::test]
async fn docktor_sends_what_the_classic_builder_sends() {
    if common::engine().await.is_none() {
        return;
    }
    for (name, ignore) in IGNORES {
        let d = make_context(*ignore);
        let arrived = classic_build(d.path(), name);
        let said = docktor_paths(d.path(), Builder::Classic);
        assert_eq!(
            said, arrived,
            "context {name}: docktor (left) vs docker build (right)"
        );
    }
}

#[test]
fn docktor_sends_what_buildkit_sends() {
    let Some(kit) = buildkit_cli() else {
        common::skip::skip("the kit's current engine is not up");
        return;
    };
    for (name, ignore) in IGNORES {
        let d = make_context(*ignore);
        let arrived = buildkit_build(d.path(), &kit);
        let said = docktor_paths(d.path(), Builder::Buildkit);
        assert_eq!(
            said, arrived,
            "context {name}: docktor (left) vs docker build (right)"
        );
    }
    // BuildKit reads `<Dockerfile>.dockerignore` first.
    let d = make_context(Some("docs\n"));
    std::fs::write(d.path().join("Dockerfile.dockerignore"), "app\n.git\n").unwrap();
    let said = docktor_paths(d.path(), Builder::Buildkit);
    assert!(said.contains("docs/guide.md") && !said.contains("app"));
    assert_eq!(said, buildkit_build(d.path(), &kit));
}
