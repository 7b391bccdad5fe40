//! Helpers for the health tests: the dfx-health-* fixtures (tests/scripts/health-fixtures.sh)
//! brought up once per test process, and what the daemon says about a container read
//! through the docker CLI (inspect and events as JSON) into docktor's health types.
#![allow(dead_code)]

use std::sync::OnceLock;
use std::time::Duration;

use docktor::health::capture::Event;
use docktor::health::config::{RawCheck, resolve};
use docktor::health::time::parse_rfc3339;
use docktor::health::{HealthFacts, History, Probe, Tools};
use docktor::model::Health;
use serde_json::Value;

use crate::common;

pub mod recorder;

/// Runs `health-fixtures.sh --wait` once; false (after saying why) when it cannot.
pub fn fixtures() -> bool {
    static OUTCOME: OnceLock<Result<(), String>> = OnceLock::new();
    common::once::script(
        &OUTCOME,
        "health-fixtures.sh",
        &["--wait", "--quiet"],
        "health fixtures",
    )
}

/// `docker inspect NAME` as JSON.
pub fn inspect(name: &str) -> Value {
    let out = common::docker_cli_ok(&["inspect", name]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("inspect {name}: {e}"));
    v[0].clone()
}

fn dur(v: &Value) -> Option<Duration> {
    v.as_u64().filter(|n| *n > 0).map(Duration::from_nanos)
}

/// A `Healthcheck` object as docktor's raw check.
pub fn raw_check(v: &Value) -> Option<RawCheck> {
    let test: Vec<String> = v["Test"]
        .as_array()?
        .iter()
        .filter_map(|t| t.as_str().map(str::to_string))
        .collect();
    Some(RawCheck {
        test,
        interval: dur(&v["Interval"]),
        timeout: dur(&v["Timeout"]),
        retries: v["Retries"]
            .as_u64()
            .and_then(|r| u32::try_from(r).ok())
            .filter(|r| *r > 0),
        start_period: dur(&v["StartPeriod"]),
        start_interval: dur(&v["StartInterval"]),
    })
}

/// The daemon's log of a container (its last 5) as probes.
pub fn daemon_log(ins: &Value) -> Vec<Probe> {
    ins["State"]["Health"]["Log"]
        .as_array()
        .map(|log| {
            log.iter()
                .filter_map(|e| {
                    Some(Probe::daemon(
                        parse_rfc3339(e["Start"].as_str()?)?,
                        e["End"].as_str().and_then(parse_rfc3339),
                        e["ExitCode"].as_i64()?,
                        e["Output"].as_str().unwrap_or(""),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `path` exists in the container (through the archive endpoint, as `docker cp`).
pub fn exists(name: &str, path: &str) -> bool {
    common::docker_cli(&["container", "cp", &format!("{name}:{path}"), "-"])
        .status
        .success()
}

/// Everything the health rules read about a container, from the daemon.
pub fn facts(name: &str) -> HealthFacts {
    let ins = inspect(name);
    let image = inspect(ins["Image"].as_str().unwrap_or_default());
    let config = resolve(
        raw_check(&ins["Config"]["Healthcheck"]).as_ref(),
        raw_check(&image["Config"]["Healthcheck"]).as_ref(),
    );
    let status = ins["State"]["Health"]["Status"]
        .as_str()
        .map_or(Health::None, Health::parse);
    let started = ins["State"]["StartedAt"].as_str().and_then(parse_rfc3339);
    let mut history = History::new();
    if let Some(s) = started {
        history.add_run(s);
    }
    history.merge_daemon_log(&daemon_log(&ins));
    let exposed = ins["Config"]["ExposedPorts"]
        .as_object()
        .map(|m| {
            m.keys()
                .filter_map(|k| k.split('/').next()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    HealthFacts {
        config,
        status,
        failing_streak: ins["State"]["Health"]["FailingStreak"]
            .as_u64()
            .and_then(|n| u32::try_from(n).ok()),
        history,
        tools: Some(Tools::probe(|p| exists(name, p))),
        exposed_ports: exposed,
        start_interval_supported: Some(false),
        // Read from the CLI, not timed: the rule that needs it (health.never-probed) is
        // checked on Podman (tests/podman_health.rs).
        running_for: None,
        running: ins["State"]["Running"].as_bool(),
        runner: docktor::health::Runner::Daemon,
    }
}

/// The container's events between two Unix times, as the capture takes them.
pub fn events(name: &str, since: i64, until: i64) -> Vec<Event> {
    let out = common::docker_cli_ok(&[
        "events",
        "--filter",
        &format!("container={name}"),
        "--since",
        &since.to_string(),
        "--until",
        &until.to_string(),
        "--format",
        "{{json .}}",
    ]);
    out.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| {
            let action = v["Action"].as_str()?.to_string();
            let attrs = &v["Actor"]["Attributes"];
            let container = v["Actor"]["ID"].as_str()?.to_string();
            let time = v["timeNano"].as_i64()?;
            let exec_id = attrs["execID"].as_str().unwrap_or("").to_string();
            let (name, detail) = match action.split_once(':') {
                Some((n, d)) => (n.trim().to_string(), d.trim().to_string()),
                None => (action.clone(), String::new()),
            };
            Some(match name.as_str() {
                "exec_start" => Event::ExecStart {
                    container,
                    exec_id,
                    command: detail,
                    time,
                },
                "exec_die" => Event::ExecDie {
                    container,
                    exec_id,
                    exit_code: attrs["exitCode"].as_str().and_then(|c| c.parse().ok()),
                    time,
                },
                "health_status" => Event::Status {
                    container,
                    status: Health::parse(&detail),
                    time,
                },
                "start" | "restart" => Event::Started { container, time },
                "destroy" => Event::Removed { container, time },
                _ => return None,
            })
        })
        .collect()
}
