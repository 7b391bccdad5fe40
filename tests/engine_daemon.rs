//! The engine against real daemons, on every engine of the kit (the shared Docker 20.10 and
//! the kit's Docker 28, `common::kit::for_each_engine`): version negotiation and the version
//! in every request's path, the list with health, events, logs, images, errors. An engine
//! that does not answer skips (counted) unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::kit::{KitEngine, for_each_engine};
use docktor::engine::connect::CLIENT_API;
use docktor::engine::host::{Scheme, Source, Target};
use docktor::engine::logs::LogStream;
use docktor::engine::{Engine, EngineError};
use docktor::model::{Health, State};
use futures_util::StreamExt;

/// Everything a test creates on an engine is removed at the end, even when it fails.
struct Gone<'a> {
    engine: &'a KitEngine,
    containers: Vec<String>,
}

impl Drop for Gone<'_> {
    fn drop(&mut self) {
        for c in &self.containers {
            let _ = self.engine.docker(&["rm", "-f", c]);
        }
    }
}

#[tokio::test]
async fn negotiates_the_daemons_api_version() {
    for_each_engine(async |k| {
        let e = k.engine().await;
        // We speak min(server, bollard's 1.49): 1.41 on Debian's 20.10, 1.49 on Docker 28.
        let server = k.api_version();
        let expect = server.min(CLIENT_API);
        assert_eq!(
            e.info.api_version,
            format!("{}.{}", expect.0, expect.1),
            "server API {}",
            k.api
        );
        assert_eq!(e.server_api_version(), server);
        assert_eq!(e.info.kind, "docker");
        assert_eq!(e.info.version, k.version, "the version /_ping names");
        assert!(e.info.to_string().contains(&format!("· {}", e.info.uri)));
        // Connecting costs one `/_ping` (its headers name the engine), `/version` only besides.
        let sent = e.requests();
        assert_eq!(sent.get("GET /_ping"), 1, "{sent:?}");
        assert!(sent.total() <= 2, "{sent:?}");
    })
    .await;
}

#[tokio::test]
async fn lists_fixtures_with_state_and_health() {
    for_each_engine(async |k| {
        assert!(k.fixtures(), "fixtures on the {} engine", k.name);
        let e = k.engine().await;
        let list = e.containers(true).await.expect("list");
        let get = |n: &str| {
            list.iter()
                .find(|c| c.name == n)
                .unwrap_or_else(|| panic!("{n} listed on the {} engine", k.name))
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
        assert_eq!(
            healthy.id,
            k.docker_ok(&["inspect", "--format", "{{.Id}}", "dfx-healthy"])
        );
        assert!(
            healthy
                .ports
                .iter()
                .any(|p| p.private == 8000 && p.public.is_some()),
            "{:?}",
            healthy.ports
        );
        let (started, health) = e.inspect_brief(&healthy.id).await.expect("inspect");
        assert!(started.is_some());
        assert_eq!(health, Health::Healthy);
        let running = e.containers(false).await.expect("list running");
        assert!(running.iter().all(|c| c.state.is_up()));
        assert!(!running.iter().any(|c| c.name == "dfx-exited"));
    })
    .await;
}

#[tokio::test]
async fn events_report_create_start_and_destroy() {
    for_each_engine(async |k| {
        assert!(k.fixtures(), "fixtures on the {} engine", k.name);
        let e = k.engine().await;
        let name = format!("dkt-kit-events-{}-{}", k.name, std::process::id());
        let _gone = Gone {
            engine: k,
            containers: vec![name.clone()],
        };
        let mut events = Box::pin(e.container_events(docktor::clock::now() - 1));
        let image = k.docker_ok(&["inspect", "--format", "{{.Config.Image}}", "dfx-nohealth"]);
        k.docker_ok(&["run", "-d", "--name", &name, &image, "sleep", "60"]);
        let id = k.docker_ok(&["inspect", "--format", "{{.Id}}", &name]);
        k.docker_ok(&["rm", "-f", &name]);
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
        let list = e.containers(true).await.expect("list");
        assert!(!list.iter().any(|c| c.id == id));
    })
    .await;
}

#[tokio::test]
async fn logs_tell_stdout_from_stderr() {
    for_each_engine(async |k| {
        assert!(k.fixtures(), "fixtures on the {} engine", k.name);
        let e = k.engine().await;
        // A log of its own: a known number of lines on each stream, then it exits.
        let name = format!("dkt-kit-logs-{}-{}", k.name, std::process::id());
        let _gone = Gone {
            engine: k,
            containers: vec![name.clone()],
        };
        let image = k.docker_ok(&["inspect", "--format", "{{.Config.Image}}", "dfx-nohealth"]);
        let script = "for i in 1 2 3; do echo out $i; echo err $i >&2; done";
        k.docker_ok(&["run", "--name", &name, &image, "sh", "-c", script]);
        let id = k.docker_ok(&["inspect", "--format", "{{.Id}}", &name]);
        let lines: Vec<_> = e.logs(&id, 50, false).collect().await;
        let lines: Vec<_> = lines.into_iter().map(|l| l.expect("log line")).collect();
        let of = |s: LogStream| {
            lines
                .iter()
                .filter(|l| l.stream == s)
                .map(|l| l.text.trim_end().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(of(LogStream::Stdout), ["out 1", "out 2", "out 3"], "{lines:?}");
        assert_eq!(of(LogStream::Stderr), ["err 1", "err 2", "err 3"], "{lines:?}");
        // The tail asks for the last N lines only.
        let tail: Vec<_> = e.logs(&id, 2, false).collect().await;
        assert_eq!(tail.len(), 2, "{tail:?}");
        // Follow delivers new lines as they are written (the logger writes every second).
        let logger = k.docker_ok(&["inspect", "--format", "{{.Id}}", "dfx-logger"]);
        let mut follow = Box::pin(e.logs(&logger, 0, true));
        let next = tokio::time::timeout(Duration::from_secs(5), follow.next()).await;
        assert!(
            matches!(next, Ok(Some(Ok(ref l))) if l.text.starts_with("out ") || l.text.starts_with("err ")),
            "a followed line of dfx-logger within 5 s: {next:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn missing_container_is_named() {
    for_each_engine(async |k| {
        let e = k.engine().await;
        let err = e
            .inspect_brief("no-such-container-xyz")
            .await
            .expect_err("missing");
        assert!(matches!(err, EngineError::NotFound { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.contains("no-such-container-xyz") && msg.contains("docktor ps --all"),
            "{msg}"
        );
    })
    .await;
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
    for_each_engine(async |k| {
        // Sent as one minor version newer than the engine speaks, every request is refused by
        // the engine itself as too new: the version is in the path. (bollard's own transports
        // drop it, and the engine would answer unversioned, in its newest shape.)
        let (major, minor) = k.api_version();
        let newer = (major, minor + 1);
        let e = Engine::connect_as(&k.target(), Some(newer))
            .await
            .expect("connect");
        let err = e
            .containers(true)
            .await
            .expect_err("the engine refuses a version newer than its own");
        let text = err.to_string();
        assert!(
            text.contains("too new") && text.contains(&format!("{major}.{}", minor + 1)),
            "{} engine (API {}): {text}",
            k.name,
            k.api
        );
        // Its own version and the oldest it still supports (`/version`'s MinAPIVersion: 1.12
        // on 20.10, 1.24 on 28, 1.44 on 29) are answered.
        let (_, _, body) = common::kit::raw_get(&k.socket, "/version").expect("/version");
        let v: serde_json::Value = serde_json::from_str(&body).expect("/version is JSON");
        let oldest = v["MinAPIVersion"]
            .as_str()
            .and_then(docktor::engine::connect::parse_version)
            .unwrap_or_else(|| panic!("MinAPIVersion in {body}"));
        assert!(oldest < (major, minor), "{oldest:?}");
        for ok in [(major, minor), oldest] {
            let e = Engine::connect_as(&k.target(), Some(ok))
                .await
                .expect("connect");
            let list = e.containers(true).await;
            assert!(list.is_ok(), "as {ok:?}: {list:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn images_come_back_as_domain_values() {
    for_each_engine(async |k| {
        assert!(k.fixtures(), "fixtures on the {} engine", k.name);
        let e = k.engine().await;
        let web = "docktor-fixture/web:latest";
        let i = e.inspect_image(web).await.expect("inspect");
        let cli = |f: &str| k.docker_ok(&["image", "inspect", "-f", f, web]);
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
        let newest = k.docker_ok(&["history", "--no-trunc", "-q", web]);
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
    })
    .await;
}
