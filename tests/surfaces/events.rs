//! Typed events against a real engine: a fast health check's probes (`exec_start` with the
//! command, `exec_die` with the exit code, paired by `execID`) and its `health_status`.

use std::time::{Duration, SystemTime};

use docktor::model::events::EventFilter;
use futures_util::StreamExt;

use super::kit::Kit;

pub async fn health_probes(k: &Kit) {
    let img = k.image();
    let since = SystemTime::now() - Duration::from_secs(1);
    let c = k.run(
        "events",
        &[
            "--health-cmd",
            "echo probed",
            "--health-interval",
            "1s",
            &img.tag,
        ],
    );
    let id = c.id();
    let filter = EventFilter {
        since: Some(since),
        ..EventFilter::health(std::slice::from_ref(&c.name))
    };
    let mut events = Box::pin(k.engine.events(&filter));
    let mut started: Option<String> = None;
    let mut died_ok = false;
    let mut healthy = false;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while !(died_ok && healthy) {
        let ev = tokio::time::timeout_at(deadline, events.next())
            .await
            .unwrap_or_else(|_| panic!("events so far: {seen:?}"))
            .expect("the stream stays open")
            .expect("an event");
        assert_eq!(ev.kind, "container");
        assert_eq!(ev.actor_id, id);
        assert_eq!(ev.actor_name(), Some(c.name.as_str()));
        seen.push(ev.action.clone());
        match ev.name() {
            "exec_start" => {
                assert!(
                    ev.detail().is_some_and(|d| d.contains("echo probed")),
                    "{ev:?}"
                );
                started = ev.exec_id().map(String::from);
            }
            "exec_die" => {
                if started.is_some() && ev.exec_id() == started.as_deref() {
                    assert_eq!(ev.exit_code(), Some(0));
                    died_ok = true;
                }
            }
            "health_status" => {
                assert_eq!(ev.detail(), Some("healthy"));
                healthy = true;
            }
            other => panic!("filtered out, yet came: {other}"),
        }
    }
}
