//! Typed daemon events and the filters to ask for them. Health probes show as
//! `exec_start: <command>` (attribute `execID`) and `exec_die` (`execID`, `exitCode`);
//! `health_status: healthy|unhealthy|starting` marks a transition.

use std::collections::BTreeMap;
use std::time::SystemTime;

use serde::Serialize;

/// One event as the daemon sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngineEvent {
    /// `container`, `image`, `network`, `volume`, `daemon`, `builder`…
    pub kind: String,
    /// In full, e.g. `exec_start: /bin/sh -c curl -f …`, `health_status: unhealthy`, `die`.
    pub action: String,
    /// The container (or image, network…) ID.
    pub actor_id: String,
    /// The actor's attributes: `name`, `image`, labels, and per action `execID`,
    /// `exitCode`, `signal`…
    pub attributes: BTreeMap<String, String>,
    pub time: SystemTime,
    /// `local` or `swarm`.
    pub scope: String,
}

impl EngineEvent {
    /// The action's name without its detail: `exec_start`, `health_status`, `die`.
    pub fn name(&self) -> &str {
        self.action
            .split_once(':')
            .map_or(self.action.as_str(), |(n, _)| n)
            .trim()
    }

    /// What follows the name: the command of `exec_create`/`exec_start`, the status of
    /// `health_status`.
    pub fn detail(&self) -> Option<&str> {
        self.action.split_once(':').map(|(_, d)| d.trim())
    }

    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }

    /// `execID` of `exec_*` events.
    pub fn exec_id(&self) -> Option<&str> {
        self.attribute("execID")
    }

    /// `exitCode` of `die` and `exec_die`.
    pub fn exit_code(&self) -> Option<i64> {
        self.attribute("exitCode")?.parse().ok()
    }

    /// The container's name (an attribute of container events).
    pub fn actor_name(&self) -> Option<&str> {
        self.attribute("name")
    }
}

/// Which events to receive; empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// `container`, `image`…
    pub types: Vec<String>,
    /// Action names; `exec_start` and `health_status` match with any detail.
    pub events: Vec<String>,
    /// Container names or IDs.
    pub containers: Vec<String>,
    /// `key` or `key=value`.
    pub labels: Vec<String>,
    /// Replay from this time (the daemon keeps the last 256 events).
    pub since: Option<SystemTime>,
    /// Stop at this time.
    pub until: Option<SystemTime>,
}

impl EventFilter {
    /// The filters as `(key, value)` pairs, as the Engine API's `filters` wants them.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |k: &str, vs: &[String]| {
            out.extend(vs.iter().map(|v| (k.to_string(), v.clone())));
        };
        add("type", &self.types);
        add("event", &self.events);
        add("container", &self.containers);
        add("label", &self.labels);
        out
    }

    /// Health probes and transitions of the given containers (all when empty).
    pub fn health(containers: &[String]) -> EventFilter {
        EventFilter {
            types: vec!["container".into()],
            events: ["exec_start", "exec_die", "health_status"]
                .map(String::from)
                .to_vec(),
            containers: containers.to_vec(),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(action: &str, attrs: &[(&str, &str)]) -> EngineEvent {
        EngineEvent {
            kind: "container".into(),
            action: action.into(),
            actor_id: "abc".into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            time: SystemTime::UNIX_EPOCH,
            scope: "local".into(),
        }
    }

    #[test]
    fn actions_split_into_name_and_detail() {
        let e = ev("exec_start: /bin/sh -c exit 0", &[("execID", "e1")]);
        assert_eq!(e.name(), "exec_start");
        assert_eq!(e.detail(), Some("/bin/sh -c exit 0"));
        assert_eq!(e.exec_id(), Some("e1"));
        let d = ev("exec_die", &[("execID", "e1"), ("exitCode", "1")]);
        assert_eq!(
            (d.name(), d.detail(), d.exit_code()),
            ("exec_die", None, Some(1))
        );
        assert_eq!(
            ev("health_status: unhealthy", &[]).detail(),
            Some("unhealthy")
        );
    }

    #[test]
    fn filters_become_pairs() {
        let f = EventFilter::health(&["web".to_string()]);
        let p = f.pairs();
        assert!(p.contains(&("type".into(), "container".into())));
        assert!(p.contains(&("event".into(), "exec_die".into())));
        assert!(p.contains(&("container".into(), "web".into())));
    }
}
