//! `docktor context` as a user runs it: text and JSON, exit codes 0 / 1 / 2, `--fail-on`,
//! `--list`, the classic builder, and a file the building user cannot read (run as
//! `nobody` through setpriv when the tests run as root).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn docktor(dir: &Path, args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .arg("context")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (p, body) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

#[test]
fn exit_codes_formats_and_fail_on() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[
            ("Dockerfile", "FROM scratch\n"),
            ("app/main.py", "x"),
            (".git/HEAD", "r"),
        ],
    );
    // Only warnings (no .dockerignore, .git sent): exit 0 by default, 1 with --fail-on warn.
    let out = docktor(d.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warn context.dockerignore"), "{text}");
    assert!(text.contains("warn context.excluded-files"), "{text}");
    assert_eq!(
        docktor(d.path(), &["--fail-on", "warn"]).status.code(),
        Some(1)
    );
    // A secret is an error.
    write(d.path(), &[(".env", "SECRET_KEY=x\n")]);
    let out = docktor(d.path(), &["--format", "json", "--list"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "dir",
        "builder",
        "ignore_file",
        "files",
        "bytes",
        "largest",
        "sensitive",
        "unreadable",
        "checks",
        "findings",
        "sent",
    ] {
        assert!(v.get(key).is_some(), "JSON has no {key}: {v}");
    }
    assert_eq!(v["findings"][0]["id"], "context.secrets");
    assert_eq!(v["findings"][0]["severity"], "error");
    assert_eq!(v["sent"].as_array().unwrap().len(), 6);
    // A good .dockerignore: quiet.
    write(
        d.path(),
        &[(".dockerignore", ".git\n.env*\n!.env.example\n")],
    );
    let out = docktor(d.path(), &["--fail-on", "info", "--builder", "classic"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no findings"));
    // Bad input: exit 2 with a message that names the directory.
    let out = docktor(&d.path().join("missing"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such directory"));
    assert_eq!(
        docktor(d.path(), &["--builder", "kaniko"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_refused_dockerignore_names_its_line() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), &[(".dockerignore", ".git\n[abc\n"), ("a", "1")]);
    let out = docktor(d.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(".dockerignore:2: syntax error in pattern"),
        "{text}"
    );
}

#[test]
fn files_the_builder_cannot_read_are_errors() {
    let root = std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"));
    if !root || !common::engines::have("setpriv") {
        common::skip::skip("needs root and setpriv");
        return;
    }
    let d = tempfile::Builder::new()
        .prefix("dkt-ctx-perm-")
        .tempdir_in("/tmp")
        .unwrap();
    write(
        d.path(),
        &[
            ("ok.txt", "1"),
            ("secret/private.txt", "2"),
            ("ignored/x", "3"),
        ],
    );
    write(d.path(), &[(".dockerignore", "ignored\n")]);
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &str, m: u32| {
        std::fs::set_permissions(d.path().join(p), std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode(".", 0o755);
    mode("secret/private.txt", 0o600);
    mode("ignored", 0o700);
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(common::docktor_bin())
        .arg("context")
        .arg(d.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(out.status.code(), Some(1));
    let unreadable: Vec<&str> = v["unreadable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["path"].as_str().unwrap())
        .collect();
    // The excluded directory is never read, so it does not matter that nobody can.
    assert_eq!(unreadable, ["secret/private.txt"]);
    assert_eq!(v["findings"][0]["id"], "context.unreadable");
}

/// `docktor context DIR --tui`: the check on its own screen, with no engine at all (the
/// "cannot reach the engine" screen does not cover it); q restores the terminal.
#[test]
fn the_context_check_in_the_tui_needs_no_engine() {
    if !common::tmux::available() {
        common::skip::skip("tmux is not installed");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[
            ("Dockerfile", "FROM scratch\nCOPY . /app\n"),
            (".env", "SECRET_KEY=x\n"),
            ("app/main.py", "x"),
        ],
    );
    let cmd = format!(
        "{} -H unix:///nonexistent/dkt-buildcache.sock context {} --tui; echo \"EXIT=$? END\"; sleep 30",
        common::docktor_bin().display(),
        d.path().display()
    );
    let t = common::tmux::Tmux::start("dkt-bc-context-tui", 100, 30, &cmd);
    // The checks come first, the paths below them a frame later: wait for both.
    let s = t.wait_for("the checks and the paths", 20, |s| {
        s.contains("context.secrets") && s.contains(".env (secret)")
    });
    assert!(s.contains("Build context"), "{s}");
    assert!(!s.contains("Cannot reach the container engine"), "{s}");
    t.keys(&["u"]);
    t.wait_text("context.secrets", 20);
    t.keys(&["q"]);
    let s = t.wait_text("END", 10);
    assert!(s.contains("EXIT=0 END"), "{s}");
    assert!(t.terminal_restored());
    let out = Command::new(common::docktor_bin())
        .args(["context", "/nonexistent/dkt-buildcache", "--tui"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a directory"));
}
