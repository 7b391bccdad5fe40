//! `docktor health CONTAINER`, the real binary on the dfx-health-* fixtures: each one's
//! status, exit code and cause; the JSON shape; recorded probes from the store beside the
//! daemon's; a missing container and an unreadable store exit 2 with a clear message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod health_kit;

use std::process::{Command, Output};

use docktor::health::store::{ContainerRef, EngineRef, Store};
use docktor::health::time::{SECOND, host_now};
use docktor::health::{Probe, Source};
use serde_json::Value;

fn health(args: &[&str], store: &std::path::Path) -> Output {
    Command::new(common::docktor_bin())
        .arg("health")
        .args(args)
        .arg("--store")
        .arg(store)
        .env_remove("DOCKER_HOST")
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[tokio::test]
async fn each_fixture_headless_with_its_exit_code_and_cause() {
    if common::engine().await.is_none() || !health_kit::fixtures() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("none.sqlite3");
    let want: &[(&str, &str, i32, &str)] = &[
        ("dfx-health-healthy", "healthy", 0, ""),
        (
            "dfx-health-unhealthy",
            "unhealthy",
            1,
            "health.connection-refused",
        ),
        ("dfx-health-slow", "unhealthy", 1, "health.timeout"),
        ("dfx-health-notool", "unhealthy", 1, "health.tool-missing"),
        ("dfx-health-5xx", "unhealthy", 1, "health.http-5xx"),
        ("dfx-health-404", "unhealthy", 1, "health.http-404"),
        ("dfx-health-noshell", "unhealthy", 1, "health.shell-missing"),
        (
            "dfx-health-starting",
            "starting",
            0,
            "health.connection-refused",
        ),
        ("dfx-health-none", "none", 0, "health.none"),
        ("dfx-health-flapping", "", -1, "health.flapping"),
    ];
    for (name, status, code, rule) in want {
        let out = health(&[name, "--format", "json"], &store);
        let v = json(&out);
        if *code >= 0 {
            assert_eq!(out.status.code(), Some(*code), "{name}: {v}");
            assert_eq!(v["status"], *status, "{name}");
        }
        for k in ["status", "failing_streak", "config", "probes", "findings"] {
            assert!(v.get(k).is_some(), "{name}: {k} missing in {v}");
        }
        let ids = common::finding_ids(&v);
        if rule.is_empty() {
            assert!(ids.is_empty(), "{name}: {ids:?}");
        } else {
            assert!(ids.contains(rule), "{name}: {rule} not in {ids:?}");
        }
        if *name != "dfx-health-none" {
            let p = &v["probes"][0];
            for k in ["start", "end", "exit_code", "output", "source"] {
                assert!(p.get(k).is_some(), "{name}: probe {k} missing in {p}");
            }
        }
    }
    // The daemon keeps 5 probes; a longer streak began before them: the start is estimated.
    let v = json(&health(
        &["dfx-health-unhealthy", "--format", "json"],
        &store,
    ));
    let probes = v["probes"].as_array().unwrap();
    let streak = v["failing_streak"].as_u64().unwrap();
    if streak > probes.len() as u64 {
        assert_eq!(v["failing_since_estimated"], true, "{v}");
        let first = probes
            .iter()
            .filter_map(|p| p["start"].as_str())
            .min()
            .unwrap();
        assert!(v["failing_since"].as_str().unwrap() < first, "{v}");
    }
    let text = health(&["dfx-health-unhealthy"], &store);
    let t = String::from_utf8_lossy(&text.stdout);
    assert!(t.contains(": unhealthy, failing streak "), "{t}");
    assert!(
        t.contains("Connection refused") && t.contains("Why:"),
        "{t}"
    );
    assert_eq!(text.status.code(), Some(1));
}

#[tokio::test]
async fn recorded_probes_come_from_the_store_beside_the_daemons() {
    let Some(engine) = common::engine().await else {
        return;
    };
    if !health_kit::fixtures() {
        return;
    }
    let d = engine
        .container_details("dfx-health-unhealthy")
        .await
        .unwrap();
    let key = docktor::health::gather::engine_key(&engine).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    let mut s = Store::open(&path).unwrap();
    let e = s
        .engine(&EngineRef {
            key,
            uri: engine.info.uri.clone(),
            label: "test".into(),
        })
        .unwrap();
    let c = s
        .container(
            e,
            &ContainerRef {
                id: d.id.clone(),
                name: d.name.clone(),
                image: d.image.clone(),
            },
            host_now(),
        )
        .unwrap();
    let old = host_now() - 600 * SECOND;
    for i in 0..7 {
        let t = old + i * 3 * SECOND;
        s.add_probe(
            c,
            &Probe::daemon(t, Some(t + 1000), 1, "recorded earlier"),
            t,
        )
        .unwrap();
    }
    drop(s);
    let v = json(&health(
        &["dfx-health-unhealthy", "--format", "json"],
        &path,
    ));
    let probes = v["probes"].as_array().unwrap();
    let recorded = probes
        .iter()
        .filter(|p| p["source"] == Source::Recorded.as_str())
        .count();
    let daemon = probes.iter().filter(|p| p["source"] == "daemon").count();
    assert_eq!((recorded, daemon), (7, 5), "{v}");
    assert_eq!(probes[0]["output"], "recorded earlier");
}

#[tokio::test]
async fn a_missing_container_or_an_unreadable_store_cannot_run() {
    if common::engine().await.is_none() || !health_kit::fixtures() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let missing = health(&["dkt-health-no-such"], &dir.path().join("h.sqlite3"));
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("no container dkt-health-no-such") && err.contains("docktor ps --all"),
        "{err}"
    );
    // An image by that name: said so, with the command that checks an image's check.
    let image = health(
        &["docktor-fixture/base:latest"],
        &dir.path().join("h.sqlite3"),
    );
    assert_eq!(image.status.code(), Some(2));
    let err = String::from_utf8_lossy(&image.stderr);
    assert!(
        err.contains("is an image") && err.contains("docktor check docktor-fixture/base:latest"),
        "{err}"
    );
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let bad = health(&["dfx-health-healthy"], &junk);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("not a SQLite database") && err.contains("--store"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&junk).unwrap(),
        vec![b'x'; 8192],
        "left as it was"
    );
    assert!(bad.stdout.is_empty());
}
