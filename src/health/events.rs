//! The daemon's events as the capture takes them, and the filter that asks the daemon for
//! exactly those: probes (`exec_start`, `exec_die`), transitions (`health_status`), and a
//! container's start and removal (a new run, a container gone).

use std::time::SystemTime;

use crate::model::Health;
use crate::model::events::{EngineEvent, EventFilter};

use super::capture::Event;
use super::time::nanos_of;

/// Probes, transitions, starts and removals of `containers` (every one when empty), replayed
/// from `since`.
pub fn filter(containers: &[String], since: Option<SystemTime>) -> EventFilter {
    let mut f = EventFilter::health(containers);
    f.events.extend(["start", "destroy"].map(String::from));
    f.since = since;
    f
}

/// One engine event → the capture's event (`None` for what the capture does not use).
pub fn capture_event(e: &EngineEvent) -> Option<Event> {
    if e.kind != "container" || e.actor_id.is_empty() {
        return None;
    }
    let container = e.actor_id.clone();
    let time = nanos_of(e.time);
    let exec_id = || e.exec_id().unwrap_or_default().to_string();
    Some(match e.name() {
        "exec_start" => Event::ExecStart {
            container,
            exec_id: exec_id(),
            command: e.detail().unwrap_or_default().to_string(),
            time,
        },
        "exec_die" => Event::ExecDie {
            container,
            exec_id: exec_id(),
            exit_code: e.exit_code(),
            time,
        },
        "health_status" => Event::Status {
            container,
            status: Health::parse(e.detail().unwrap_or_default()),
            time,
        },
        "start" | "restart" => Event::Started { container, time },
        "destroy" => Event::Removed { container, time },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::time::{Duration, UNIX_EPOCH};

    fn ev(action: &str, attrs: &[(&str, &str)]) -> EngineEvent {
        EngineEvent {
            kind: "container".into(),
            action: action.into(),
            actor_id: "c1".into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            time: UNIX_EPOCH + Duration::from_nanos(5),
            scope: "local".into(),
        }
    }

    #[test]
    fn probe_events_become_the_captures() {
        assert_eq!(
            capture_event(&ev("exec_start: /bin/sh -c exit 1", &[("execID", "x")])),
            Some(Event::ExecStart {
                container: "c1".into(),
                exec_id: "x".into(),
                command: "/bin/sh -c exit 1".into(),
                time: 5
            })
        );
        let die = capture_event(&ev("exec_die", &[("execID", "x"), ("exitCode", "1")]));
        assert!(matches!(
            die,
            Some(Event::ExecDie {
                exit_code: Some(1),
                ..
            })
        ));
        assert!(matches!(
            capture_event(&ev("health_status: unhealthy", &[])),
            Some(Event::Status {
                status: Health::Unhealthy,
                ..
            })
        ));
        assert!(matches!(
            capture_event(&ev("destroy", &[])),
            Some(Event::Removed { .. })
        ));
        assert_eq!(capture_event(&ev("exec_create: x", &[])), None);
        let f = filter(&[], None);
        assert!(f.events.contains(&"start".to_string()) && f.containers.is_empty());
    }
}
