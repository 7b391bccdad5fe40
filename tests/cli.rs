//! The binary as scripts use it: help, `ps` against the fixtures, and every expected failure
//! as a clear message with exit code 2 (never a panic or a backtrace).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

fn docktor(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(common::docktor_bin());
    c.args(args)
        .env("RUST_BACKTRACE", "1")
        .env_remove("DOCKER_CONTEXT");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run docktor")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn assert_clean_failure(o: &Output, must_contain: &[&str]) {
    let (_, err) = text(o);
    assert_eq!(o.status.code(), Some(2), "exit 2 expected; stderr:\n{err}");
    for m in must_contain {
        assert!(err.contains(m), "stderr should mention {m:?}:\n{err}");
    }
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE", "Location:"] {
        assert!(
            !err.contains(bad),
            "no {bad:?} for an expected failure:\n{err}"
        );
    }
}

#[test]
fn help_lists_commands_and_global_flags() {
    let o = docktor(&["--help"], &[]);
    let (out, _) = text(&o);
    assert!(o.status.success());
    for w in [
        "ps",
        "--host",
        "--context",
        "--podman",
        "--read-only",
        "--profile",
    ] {
        assert!(out.contains(w), "--help mentions {w}:\n{out}");
    }
}

#[test]
fn without_a_terminal_the_tui_names_the_headless_commands() {
    // stdin from /dev/null, stdout a pipe: cron, ssh without -t.
    let o = docktor(&[], &[]);
    assert_clean_failure(&o, &["needs a terminal", "docktor ps", "docktor layers"]);
    let (out, _) = text(&o);
    assert!(out.is_empty(), "nothing drawn on stdout: {out:?}");
}

#[tokio::test]
async fn a_closed_pipe_ends_headless_commands_quietly() {
    if common::engine().await.is_none() {
        return;
    }
    for args in [&["ps", "--all"][..], &["ps", "--all", "--format", "json"]] {
        // The reader is gone before docktor writes (`docktor ps | true`).
        let mut child = Command::new(common::docktor_bin())
            .args(args)
            .env("RUST_BACKTRACE", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run docktor");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.is_empty(), "{args:?}: nothing on stderr:\n{err}");
        assert_eq!(
            o.status.code(),
            Some(141),
            "{args:?}: as SIGPIPE would end it"
        );
    }
}

#[test]
fn unreachable_tcp_host_exits_2_with_what_to_do() {
    let o = docktor(&["ps"], &[("DOCKER_HOST", "tcp://127.0.0.1:1")]);
    assert_clean_failure(&o, &["tcp://127.0.0.1:1", "refused", "DOCKER_HOST"]);
}

#[test]
fn missing_socket_exits_2() {
    let o = docktor(&["-H", "unix:///nonexistent/docker.sock", "ps"], &[]);
    assert_clean_failure(&o, &["/nonexistent/docker.sock", "No socket"]);
}

#[test]
fn bad_docker_host_scheme_is_named() {
    let o = docktor(&["ps"], &[("DOCKER_HOST", "foo://bar")]);
    assert_clean_failure(&o, &["foo://bar"]);
}

#[test]
fn malformed_profile_names_file_line_and_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("docktor.toml");
    std::fs::write(&p, "app_dir = \"/app\"\n[health]\nport = \"eighty\"\n").expect("write");
    let o = docktor(&["--profile", p.to_str().expect("utf8"), "ps"], &[]);
    assert_clean_failure(&o, &["docktor.toml:3", "health.port"]);
    let o = docktor(&["--profile", "/nonexistent/docktor.toml", "ps"], &[]);
    assert_clean_failure(&o, &["/nonexistent/docktor.toml"]);
}

#[tokio::test]
async fn ps_json_lists_fixtures_with_health() {
    common::kit::for_each_engine(async |e| {
        assert!(e.fixtures(), "fixtures on the {} engine", e.name);
        let host = e.host();
        let ps = |args: &[&str]| {
            let mut all = vec!["-H", host.as_str(), "ps"];
            all.extend_from_slice(args);
            docktor(&all, &[])
        };
        let o = ps(&["--all", "--format", "json"]);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let rows = v.as_array().expect("array");
        let find = |n: &str| {
            rows.iter()
                .find(|r| r["name"] == n)
                .unwrap_or_else(|| panic!("{n} in {out}"))
        };
        assert_eq!(find("dfx-healthy")["health"], "healthy");
        assert_eq!(find("dfx-unhealthy")["health"], "unhealthy");
        assert_eq!(find("dfx-nohealth")["health"], "none");
        assert_eq!(find("dfx-exited")["state"], "exited");
        assert_eq!(
            find("dfx-healthy")["id"],
            e.docker_ok(&["inspect", "-f", "{{.Id}}", "dfx-healthy"]),
            "the {} engine's own container",
            e.name
        );
        for r in rows {
            for k in [
                "id",
                "name",
                "image",
                "image_id",
                "state",
                "health",
                "status",
                "ports",
                "created",
                "started_at",
            ] {
                assert!(r.get(k).is_some(), "{k} in {r}");
            }
        }
        // Without --all, only running containers.
        let o = ps(&["--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&text(&o).0).expect("json");
        let names: Vec<&str> = v
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|r| r["name"].as_str())
            .collect();
        assert!(names.contains(&"dfx-healthy"), "{names:?}");
        assert!(!names.contains(&"dfx-exited"), "{names:?}");
        // The table is for people.
        let (table, _) = text(&ps(&["-a"]));
        assert!(table.starts_with("NAME"), "{table}");
        let row = table
            .lines()
            .find(|l| l.starts_with("dfx-healthy "))
            .unwrap_or_else(|| panic!("a dfx-healthy row: {table}"));
        assert!(row.contains("healthy"), "{row}");
    })
    .await;
}
