//! Full container inspect and image config against a real engine; and the raw request
//! path: versioned, refused above the engine's own version.

use std::time::Duration;

use docktor::engine::EngineError;
use docktor::engine::raw::Request;
use docktor::model::State;
use docktor::model::inspect::HealthTest;

use super::kit::Kit;

pub async fn container_details(k: &Kit) {
    let img = k.image();
    let c = k.run(
        "inspect",
        &[
            "--user",
            "1001:1001",
            "-w",
            "/tmp",
            "-e",
            "FIRST=1",
            "-e",
            "URL=postgres://u:p@db/app?x=y",
            "--memory",
            "64m",
            "--cpus",
            "0.5",
            "--restart",
            "on-failure:3",
            "--label",
            "dkt.test=inspect",
            "--health-cmd",
            "exit 0",
            "--health-interval",
            "2s",
            "--health-start-period",
            "1s",
            "-v",
            "/app/data",
            &img.tag,
            "sleep",
            "60",
        ],
    );
    let d = k.engine.container_details(&c.name).await.expect("inspect");
    assert_eq!(d.name, c.name);
    assert_eq!(d.id, c.id());
    assert_eq!(d.image, img.tag);
    assert!(d.image_id.starts_with("sha256:"), "{}", d.image_id);
    assert!(d.created.is_some());
    assert_eq!(d.config.user, "1001:1001");
    assert_eq!(d.config.working_dir, "/tmp");
    assert_eq!(d.config.cmd, vec!["sleep", "60"]);
    let keys: Vec<&str> = d.config.env.iter().map(|e| e.key.as_str()).collect();
    assert!(
        keys.contains(&"APP_ENV") && keys.contains(&"FIRST"),
        "{keys:?}"
    );
    let url = d.config.env.iter().find(|e| e.key == "URL").expect("URL");
    assert_eq!(url.value, "postgres://u:p@db/app?x=y");
    assert_eq!(
        d.config.labels.get("dkt.test").map(String::as_str),
        Some("inspect")
    );
    assert_eq!(
        d.config.labels.get("dkt.surfaces").map(String::as_str),
        Some("1")
    );
    let hc = d.config.healthcheck.as_ref().expect("health check");
    assert_eq!(hc.kind(), HealthTest::Shell("exit 0".into()));
    assert_eq!(hc.interval, Some(Duration::from_secs(2)));
    assert_eq!(hc.start_period, Some(Duration::from_secs(1)));
    assert_eq!(d.state.status, State::Running);
    assert!(d.state.running && d.state.started_at.is_some());
    assert!(d.state.finished_at.is_none());
    assert!(d.state.health.is_some());
    assert_eq!(d.host_config.memory, Some(64 << 20));
    assert_eq!(d.host_config.cpu_limit(), Some(0.5));
    assert_eq!(d.host_config.restart_policy.name, "on-failure");
    assert_eq!(d.host_config.restart_policy.max_retries, 3);
    let data = d.mount_for("/app/data/x").expect("the volume");
    assert_eq!(data.kind, "volume");
    assert!(data.volume.is_some() && data.rw);
    assert!(!d.networks.is_empty());
    assert!(
        d.networks.iter().any(|n| !n.ip.is_empty()),
        "{:?}",
        d.networks
    );
    assert_eq!(d.platform, "linux");
    if let Some(g) = &d.graph_driver
        && g.name == "overlay2"
    {
        assert!(g.data.contains_key("MergedDir"), "{g:?}");
    }

    let i = k.engine.image_config(&img.tag).await.expect("image config");
    assert_eq!(i.id, d.image_id);
    assert_eq!(i.working_dir, "/app");
    assert_eq!(i.cmd, vec!["sleep", "3600"]);
    assert!(i.env.iter().any(|e| e.key == "DB_HOST" && e.value == "db"));
    let ih = i.healthcheck.expect("image health check");
    assert_eq!(ih.kind(), HealthTest::Exec(vec!["true".into()]));
    assert_eq!(ih.timeout, Some(Duration::from_secs(3)));
    assert_eq!(ih.retries, Some(2));
    assert!(i.user.is_empty());

    let gone = format!("{}-nothing", k.prefix);
    let err = k.engine.container_details(&gone).await.unwrap_err();
    assert!(matches!(err, EngineError::NotFound { .. }), "{err}");
    assert!(err.to_string().contains(&gone), "{err}");
}

pub async fn raw_requests(k: &Kit) {
    // The version is in the path: far too old a version is refused by the daemon itself.
    let resp = k
        .engine
        .send(Request::get("/_ping").api((1, 5)), "ping")
        .await
        .expect("answer");
    assert_eq!(resp.status.as_u16(), 400);
    assert!(resp.message().await.contains("too old"));
    // Headers and body of a normal request.
    let resp = k
        .engine
        .call(Request::get("/version"), "version")
        .await
        .expect("version");
    assert!(resp.header("api-version").is_some());
    assert_eq!(resp.api, k.api);
    let v: serde_json::Value = resp.json().await.expect("json");
    assert!(v["ApiVersion"].is_string());
    // Above the engine's own version: refused before sending.
    let (maj, min) = k.engine.server_api_version();
    let err = k
        .engine
        .send(Request::get("/version").api((maj, min + 1)), "version")
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("speaks API up to"), "{err}");
    // The engine's own version is allowed.
    let r = k
        .engine
        .call(Request::get("/version").api((maj, min)), "version")
        .await
        .expect("own version");
    assert_eq!(r.api, (maj, min));
}
