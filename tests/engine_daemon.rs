//! The engine against the real daemon: version negotiation, the list with health, events,
//! logs, errors. Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{engine, local_target};
use docktor::engine::host::{Scheme, Source, Target};
use docktor::engine::logs::LogStream;
use docktor::engine::{Engine, EngineError};
use docktor::model::{Health, State};
use futures_util::StreamExt;

fn server_api_version() -> String {
    common::docker_cli_ok(&["version", "--format", "{{.Server.APIVersion}}"])
        .trim()
        .to_string()
}

fn version_key(v: &str) -> (u32, u32) {
    let mut it = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

#[tokio::test]
async fn negotiates_the_daemons_api_version() {
    let Some(e) = engine().await else { return };
    let server = server_api_version();
    // We speak min(server, bollard's 1.49): 1.41 on Debian's 20.10, 1.49 on Docker 29.
    let expect = if version_key(&server) < (1, 49) {
        server.clone()
    } else {
        "1.49".to_string()
    };
    assert_eq!(e.info.api_version, expect, "server API {server}");
    assert_eq!(e.info.kind, "docker");
    assert!(e.info.to_string().contains(&format!("· {}", e.info.uri)));
    // Connecting costs one `/_ping` (its headers name the engine), `/version` only besides.
    let sent = e.requests();
    assert_eq!(sent.get("GET /_ping"), 1, "{sent:?}");
    assert!(sent.total() <= 2, "{sent:?}");
}

#[tokio::test]
async fn lists_fixtures_with_state_and_health() {
    let Some(e) = engine().await else { return };
    assert!(common::fixtures(), "fixtures");
    let list = e.containers(true).await.expect("list");
    let get = |n: &str| {
        list.iter()
            .find(|c| c.name == n)
            .unwrap_or_else(|| panic!("{n} listed"))
    };
    assert_eq!(get("dfx-healthy").health, Health::Healthy);
    assert_eq!(get("dfx-unhealthy").health, Health::Unhealthy);
    assert_eq!(get("dfx-nohealth").health, Health::None);
    assert_eq!(get("dfx-exited").state, State::Exited);
    assert!(
        get("dfx-exited").status.contains("(3)"),
        "{}",
        get("dfx-exited").status
    );
    let healthy = get("dfx-healthy");
    assert!(
        healthy
            .ports
            .iter()
            .any(|p| p.private == 8000 && p.public.is_some())
    );
    let (started, health) = e.inspect_brief(&healthy.id).await.expect("inspect");
    assert!(started.is_some());
    assert_eq!(health, Health::Healthy);
    let running = e.containers(false).await.expect("list running");
    assert!(running.iter().all(|c| c.state.is_up()));
}

#[tokio::test]
async fn events_report_create_start_and_destroy() {
    let Some(e) = engine().await else { return };
    assert!(common::fixtures(), "fixtures");
    let name = format!("dtest-events-{}", std::process::id());
    // Removed even when an assertion below fails.
    struct Cleanup(String);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = common::docker_cli(&["rm", "-f", &self.0]);
        }
    }
    let _cleanup = Cleanup(name.clone());
    let mut events = Box::pin(e.container_events(docktor::clock::now() - 1));
    let image =
        common::docker_cli_ok(&["inspect", "--format", "{{.Config.Image}}", "dfx-nohealth"]);
    common::docker_cli_ok(&["run", "-d", "--name", &name, image.trim(), "sleep", "60"]);
    let id = common::docker_cli_ok(&["inspect", "--format", "{{.Id}}", &name])
        .trim()
        .to_string();
    common::docker_cli_ok(&["rm", "-f", &name]);
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !seen.contains(&"destroy".to_string()) {
        let ev = tokio::time::timeout_at(deadline, events.next())
            .await
            .unwrap_or_else(|_| panic!("events seen so far: {seen:?}"))
            .expect("stream open")
            .expect("event");
        if ev.id == id {
            seen.push(ev.action);
        }
    }
    for a in ["create", "start", "die", "destroy"] {
        assert!(seen.iter().any(|s| s == a), "{a} in {seen:?}");
    }
    // The list no longer has it.
    assert!(
        !e.containers(true)
            .await
            .expect("list")
            .iter()
            .any(|c| c.id == id)
    );
}

#[tokio::test]
async fn logs_tell_stdout_from_stderr() {
    let Some(e) = engine().await else { return };
    assert!(common::fixtures(), "fixtures");
    let id = common::docker_cli_ok(&["inspect", "--format", "{{.Id}}", "dfx-logger"]);
    let lines: Vec<_> = e.logs(&id, 50, false).collect().await;
    let lines: Vec<_> = lines.into_iter().map(|l| l.expect("log line")).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.stream == LogStream::Stdout && l.text.starts_with("out ")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.stream == LogStream::Stderr && l.text.starts_with("err ")),
        "{lines:?}"
    );
    // Follow delivers new lines as they are written (the logger writes every second).
    let mut follow = Box::pin(e.logs(&id, 0, true));
    let next = tokio::time::timeout(Duration::from_secs(5), follow.next()).await;
    assert!(
        matches!(next, Ok(Some(Ok(_)))),
        "a followed line within 5 s"
    );
}

#[tokio::test]
async fn missing_container_is_named() {
    let Some(e) = engine().await else { return };
    let err = e
        .inspect_brief("no-such-container-xyz")
        .await
        .expect_err("missing");
    assert!(matches!(err, EngineError::NotFound { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("no-such-container-xyz") && msg.contains("docktor ps --all"),
        "{msg}"
    );
}

#[tokio::test]
async fn unreachable_hosts_say_why_and_what_to_do() {
    let tcp = Target {
        uri: "tcp://127.0.0.1:1".into(),
        scheme: Scheme::Tcp {
            addr: "127.0.0.1:1".into(),
            tls: None,
        },
        source: Source::Env,
    };
    let err = Engine::connect(&tcp).await.err().expect("refused");
    let msg = err.to_string();
    assert!(
        msg.contains("tcp://127.0.0.1:1") && msg.contains("refused"),
        "{msg}"
    );
    assert!(err.is_connection());
    let unix = Target {
        uri: "unix:///nonexistent/docker.sock".into(),
        scheme: Scheme::Unix {
            path: "/nonexistent/docker.sock".into(),
        },
        source: Source::Flag,
    };
    let msg = Engine::connect(&unix)
        .await
        .err()
        .expect("no socket")
        .to_string();
    assert!(
        msg.contains("No socket at /nonexistent/docker.sock"),
        "{msg}"
    );
}

#[tokio::test]
async fn requests_carry_the_api_version_in_their_path() {
    let Some(_) = engine().await else { return };
    let server = server_api_version();
    if version_key(&server) >= (1, 49) {
        common::skip::skip(format!(
            "the engine speaks API {server}; the proof needs one older than 1.49"
        ));
        return;
    }
    // Sent as 1.49 to an older engine, a request is refused as too new: the version is in the
    // path. (bollard's own transports drop it, and the engine would answer unversioned.)
    let e = Engine::connect_as(&local_target(), Some((1, 49)))
        .await
        .expect("connect");
    let err = e
        .containers(true)
        .await
        .expect_err("an older engine refuses 1.49");
    assert!(err.to_string().contains("too new"), "{err}");
    // And as an old version the engine still supports, it answers.
    let old = Engine::connect_as(&local_target(), Some((1, 40)))
        .await
        .expect("connect");
    assert!(old.containers(true).await.is_ok());
}

#[tokio::test]
async fn images_come_back_as_domain_values() {
    let Some(e) = engine().await else { return };
    assert!(common::fixtures(), "fixtures");
    let web = "docktor-fixture/web:latest";
    let i = e.inspect_image(web).await.expect("inspect");
    let cli = |f: &str| common::docker_cli_ok(&["image", "inspect", "-f", f, web]);
    assert_eq!(i.id, cli("{{.Id}}"));
    assert!(i.tags.iter().any(|t| t == web), "{:?}", i.tags);
    assert_eq!(i.size_bytes.to_string(), cli("{{.Size}}"));
    assert_eq!(i.layers.len().to_string(), cli("{{len .RootFS.Layers}}"));
    let c = &i.config;
    assert_eq!(c.user.as_deref(), Some("app"));
    assert_eq!(c.workdir.as_deref(), Some("/app"));
    assert_eq!(c.exposed_ports, ["8000/tcp"]);
    assert!(c.env.iter().any(|v| v == "DB_HOST=db"), "{:?}", c.env);
    assert_eq!(
        c.labels.get("docktor.fixture").map(String::as_str),
        Some("1")
    );
    assert_eq!(
        c.cmd.as_deref().map(|c| c.join(" ")),
        Some("httpd -f -p 8000 -h /www".to_string())
    );
    let hc = c.healthcheck.as_ref().expect("a health check");
    assert_eq!(hc.test.first().map(String::as_str), Some("CMD-SHELL"));
    assert_eq!((hc.interval_ns, hc.retries), (Some(2_000_000_000), Some(3)));
    assert_eq!(
        i.graph_driver.map(|g| g.name),
        Some(cli("{{.GraphDriver.Name}}"))
    );
    // History oldest first: the image's first step made its first layer.
    let h = e.image_history(web).await.expect("history");
    let newest = common::docker_cli_ok(&["history", "--no-trunc", "-q", web]);
    assert_eq!(h.len(), newest.lines().count());
    assert!(h.first().is_some_and(|s| s.size_bytes > 0), "{h:?}");
    assert!(h.windows(2).all(|w| w[0].created <= w[1].created), "{h:?}");
    // The list has it, with its tag; a missing image is NotFound.
    let rows = e.images().await.expect("list");
    assert!(
        rows.iter()
            .any(|r| r.id == i.id && r.tags.iter().any(|t| t == web))
    );
    let missing = e.inspect_image("docktor-no-such-image:404").await;
    assert!(
        matches!(missing, Err(ref err) if err.is_not_found()),
        "{missing:?}"
    );
}
