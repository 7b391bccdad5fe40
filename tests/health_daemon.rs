//! The health history against the real daemon: each dfx-health-* fixture reaches its state
//! and the rule engine names the cause from what the daemon really printed; probes paired
//! from the real event stream are the daemon's own log entries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod health_kit;

use docktor::diagnose::{Facts, Part, Subject, evaluate, findings};
use docktor::health::capture::{Pairing, Step, Watched};
use docktor::health::history::MATCH_WINDOW;
use docktor::health::time::nanos_in;
use docktor::model::Health;
use docktor::profile::Profile;

fn fired(name: &str) -> (Health, Vec<&'static str>) {
    let h = health_kit::facts(name);
    let status = h.status;
    let mut f = Facts::new(Subject::Container {
        id: name.into(),
        name: name.into(),
    });
    f.health = Part::Ready(h);
    let ids = findings(&evaluate(&f, &Profile::default(), |r| {
        r.id.starts_with("health.")
    }))
    .iter()
    .map(|f| f.id)
    .collect();
    (status, ids)
}

#[tokio::test]
async fn each_fixture_is_in_its_state_and_its_cause_is_named() {
    if common::engine().await.is_none() || !health_kit::fixtures() {
        return;
    }
    let want: &[(&str, Health, &[&str])] = &[
        ("dfx-health-healthy", Health::Healthy, &[]),
        (
            "dfx-health-unhealthy",
            Health::Unhealthy,
            &["health.failing", "health.connection-refused"],
        ),
        (
            "dfx-health-slow",
            Health::Unhealthy,
            &["health.failing", "health.timeout"],
        ),
        (
            "dfx-health-notool",
            Health::Unhealthy,
            &["health.failing", "health.tool-missing"],
        ),
        (
            "dfx-health-5xx",
            Health::Unhealthy,
            &["health.failing", "health.http-5xx"],
        ),
        (
            "dfx-health-404",
            Health::Unhealthy,
            &["health.failing", "health.http-404"],
        ),
        (
            "dfx-health-noshell",
            Health::Unhealthy,
            &["health.failing", "health.shell-missing"],
        ),
        ("dfx-health-none", Health::None, &["health.none"]),
        (
            "dfx-health-starting",
            Health::Starting,
            &["health.connection-refused"],
        ),
    ];
    for (name, status, ids) in want {
        let (got, fired) = fired(name);
        assert_eq!(got, *status, "{name}");
        for id in *ids {
            assert!(
                fired.contains(id),
                "{name}: {id} did not fire; fired {fired:?}"
            );
        }
        if ids.is_empty() {
            assert!(fired.is_empty(), "{name}: {fired:?}");
        }
        assert!(
            !fired.contains(&"health.flapping"),
            "{name} is not flapping: {fired:?}"
        );
    }
}

#[tokio::test]
async fn the_tool_that_is_there_is_named_and_a_check_is_recommended() {
    if common::engine().await.is_none() || !health_kit::fixtures() {
        return;
    }
    let mut f = Facts::new(Subject::Container {
        id: "x".into(),
        name: "dfx-health-notool".into(),
    });
    f.health = Part::Ready(health_kit::facts("dfx-health-notool"));
    let all = findings(&evaluate(&f, &Profile::default(), |r| {
        r.id == "health.tool-missing"
    }));
    let tool = &all[0];
    assert!(tool.title.contains("`curl`"), "{tool:?}");
    assert!(tool.evidence.contains("the image has wget"), "{tool:?}");
    f.health = Part::Ready(health_kit::facts("dfx-health-none"));
    let none = findings(&evaluate(&f, &Profile::default(), |r| {
        r.id == "health.none"
    }));
    assert!(
        none[0].fix.contains("HEALTHCHECK")
            && none[0]
                .fix
                .contains("wget -q -O /dev/null http://127.0.0.1:8000/health/"),
        "{:?}",
        none[0]
    );
}

#[tokio::test]
async fn the_flapping_fixture_is_told_apart_from_a_steady_failure() {
    if common::engine().await.is_none() || !health_kit::fixtures() {
        return;
    }
    // Five probes 3 s apart alternate; the daemon's log holds them all.
    let ok = common::wait_until(std::time::Duration::from_secs(30), || {
        health_kit::daemon_log(&health_kit::inspect("dfx-health-flapping")).len() >= 5
    });
    assert!(ok, "five probes of dfx-health-flapping");
    let (_, fired) = fired("dfx-health-flapping");
    assert!(fired.contains(&"health.flapping"), "{fired:?}");
}

#[tokio::test]
async fn probes_paired_from_the_event_stream_are_the_daemons_own() {
    if common::engine().await.is_none() || !health_kit::fixtures() {
        return;
    }
    for name in ["dfx-health-unhealthy", "dfx-health-slow"] {
        let ins = health_kit::inspect(name);
        let id = ins["Id"].as_str().unwrap_or_default().to_string();
        let facts = health_kit::facts(name);
        let cfg = facts
            .config
            .clone()
            .unwrap_or_else(|| panic!("{name} has a check"));
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        // Live, for 13 s (the daemon's replay ring of 256 events is shared by every container,
        // so it may hold only a few seconds of probes): 2 probes or more, also for the slow
        // one (a 1 s timeout every 3 s: one probe in 4 s, later on a loaded machine).
        let events = health_kit::events(name, now, now + 13);
        let log = health_kit::daemon_log(&health_kit::inspect(name));
        let mut pairing = Pairing::new();
        pairing.watch(
            &id,
            Some(Watched {
                command: cfg.event_command(),
                timeout: nanos_in(cfg.timeout()),
            }),
        );
        let mut execs = Vec::new();
        for ev in events {
            if let Some(Step::Inspect { exec }) = pairing.on_event(ev) {
                execs.push(exec);
            }
        }
        assert!(execs.len() >= 2, "{name}: probes paired: {execs:?}");
        for exec in &execs {
            let twin = log
                .iter()
                .find(|p| (p.start - exec.start).abs() <= MATCH_WINDOW);
            if let Some(p) = twin {
                // Timed-out probes carry no exit code of their own: the daemon's −1 wins.
                assert!(
                    exec.exit_code.is_none() || exec.exit_code == p.exit_code,
                    "{name}: {exec:?} vs {p:?}"
                );
                assert!(
                    p.start <= exec.start,
                    "the daemon stamps Start before exec_start"
                );
            }
        }
        assert!(
            execs.iter().any(|e| log
                .iter()
                .any(|p| (p.start - e.start).abs() <= MATCH_WINDOW)),
            "{name}: some paired probe is in the daemon's log: {execs:?} / {log:?}"
        );
    }
}

#[tokio::test]
async fn binary_output_is_kept_safe_and_stored_as_read() {
    if common::engine().await.is_none() || !health_kit::fixtures() {
        return;
    }
    let log = health_kit::daemon_log(&health_kit::inspect("dfx-health-binary"));
    let p = log.last().cloned().expect("a probe of dfx-health-binary");
    let out = p.output.clone().unwrap_or_default();
    assert!(
        out.len() <= docktor::health::output::MAX_OUTPUT,
        "{}",
        out.len()
    );
    assert!(
        out.starts_with("red \u{fffd}\u{fffd} bad utf-8\n"),
        "{out:?}"
    );
    assert!(
        out.chars()
            .all(|c| !c.is_control() || c == '\n' || c == '\t'),
        "no escapes or control characters reach the screen"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut s = docktor::health::store::Store::open(&dir.path().join("h.sqlite3")).unwrap();
    let e = s
        .engine(&docktor::health::store::EngineRef {
            key: "k".into(),
            uri: "u".into(),
            label: "l".into(),
        })
        .unwrap();
    let c = s
        .container(
            e,
            &docktor::health::store::ContainerRef {
                id: "b".into(),
                name: "dfx-health-binary".into(),
                image: "x".into(),
            },
            0,
        )
        .unwrap();
    assert!(s.add_probe(c, &p, 0).unwrap());
    let back = s.recorded(c, 10).unwrap();
    assert_eq!(back.probes[0].output, p.output);
}
