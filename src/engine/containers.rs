//! Listing, inspecting and acting on containers.

use std::collections::HashMap;

use bollard::query_parameters::{
    InspectContainerOptions, ListContainersOptions, RestartContainerOptions, StartContainerOptions,
    StopContainerOptions,
};
use bollard::secret::ContainerSummary;

use super::{Engine, EngineError};
use crate::model::{Container, Health, Port, RunFacts, State, short_id};

/// What the user can do to a container from docktor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    Stop,
    Restart,
}

impl Action {
    pub fn verb(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Stop => "stop",
            Action::Restart => "restart",
        }
    }
}

impl Engine {
    /// All containers (`all` includes stopped ones), sorted by name.
    pub async fn containers(&self, all: bool) -> Result<Vec<Container>, EngineError> {
        let opts = ListContainersOptions {
            all,
            ..Default::default()
        };
        let list = self
            .docker()
            .list_containers(Some(opts))
            .await
            .map_err(|e| EngineError::from_api("list containers", e))?;
        let mut out: Vec<Container> = list.into_iter().map(from_summary).collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Inspects one container for what the list does not say (start time, precise health).
    pub async fn inspect_brief(&self, id: &str) -> Result<(Option<i64>, Health), EngineError> {
        let f = self.inspect_runs(id).await?;
        Ok((f.started_at, f.health.unwrap_or(Health::None)))
    }

    /// What an inspect says about the container's runs: when it last started and ended
    /// (`None` when never), its exit code, how often the daemon restarted it, its health.
    pub async fn inspect_runs(&self, id: &str) -> Result<RunFacts, EngineError> {
        let ins = self
            .docker()
            .inspect_container(id, None::<InspectContainerOptions>)
            .await
            .map_err(|e| EngineError::from_api(format!("inspect container {id}"), e))?;
        let state = ins.state.unwrap_or_default();
        let health = state
            .health
            .and_then(|h| h.status)
            .map(|s| Health::parse(s.as_ref()));
        Ok(RunFacts {
            started_at: state.started_at.as_deref().and_then(parse_rfc3339),
            finished_at: state.finished_at.as_deref().and_then(parse_rfc3339),
            exit_code: state.exit_code,
            restarts: ins.restart_count,
            health: Some(health.unwrap_or(Health::None)),
        })
    }

    pub async fn act(&self, action: Action, id: &str) -> Result<(), EngineError> {
        let d = self.docker();
        let doing = format!("{} container {}", action.verb(), short_id(id));
        let r = match action {
            Action::Start => d.start_container(id, None::<StartContainerOptions>).await,
            Action::Stop => d.stop_container(id, None::<StopContainerOptions>).await,
            Action::Restart => {
                d.restart_container(id, None::<RestartContainerOptions>)
                    .await
            }
        };
        r.map_err(|e| EngineError::from_api(doing, e))
    }
}

fn from_summary(s: ContainerSummary) -> Container {
    let name = s
        .names
        .as_ref()
        .and_then(|n| n.first())
        .map(|n| n.trim_start_matches('/').to_string())
        .unwrap_or_default();
    let status = s.status.clone().unwrap_or_default();
    let state = s
        .state
        .as_ref()
        .map(|st| State::parse(st.as_ref()))
        .unwrap_or(State::Unknown);
    let health = if state == State::Running {
        Health::from_status_text(&status)
    } else {
        Health::None
    };
    let ports = s
        .ports
        .unwrap_or_default()
        .into_iter()
        .map(|p| Port {
            private: p.private_port,
            public: p.public_port,
            ip: p.ip,
            proto: p.typ.map(|t| t.to_string()).unwrap_or_else(|| "tcp".into()),
        })
        .collect();
    let exit_code = match state {
        State::Exited | State::Dead => exit_code_of(&status),
        _ => None,
    };
    Container {
        id: s.id.unwrap_or_default(),
        name,
        image: s.image.unwrap_or_default(),
        image_id: s.image_id.unwrap_or_default(),
        state,
        health,
        status,
        created: s.created.unwrap_or(0),
        ports,
        exit_code,
        labels: s.labels.unwrap_or_default().into_iter().collect(),
        ..Default::default()
    }
}

/// The exit code in the list's status text: `Exited (137) 5 minutes ago`.
fn exit_code_of(status: &str) -> Option<i64> {
    let open = status.find('(')?;
    let close = status[open..].find(')')? + open;
    status.get(open + 1..close)?.trim().parse().ok()
}

/// Parses the daemon's RFC 3339 timestamps (`2026-11-29T18:49:13.123456789Z`) to Unix
/// seconds. The zero time (`0001-01-01T00:00:00Z`, never started) gives `None`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    crate::clock::parse_rfc3339_nanos(s).map(|ns| ns.div_euclid(1_000_000_000))
}

/// Keeps what inspect told us about each container across a fresh list.
pub fn carry_over(fresh: &mut [Container], old: &[Container]) {
    let known: HashMap<&str, &Container> = old.iter().map(|c| (c.id.as_str(), c)).collect();
    for c in fresh {
        if let Some(o) = known.get(c.id.as_str())
            && c.state == o.state
        {
            c.started_at = c.started_at.or(o.started_at);
            c.finished_at = c.finished_at.or(o.finished_at);
            c.restarts = c.restarts.or(o.restarts);
            c.exit_code = c.exit_code.or(o.exit_code);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_come_from_the_status_text() {
        assert_eq!(exit_code_of("Exited (137) 5 minutes ago"), Some(137));
        assert_eq!(exit_code_of("Exited (0) About an hour ago"), Some(0));
        assert_eq!(exit_code_of("Up 2 hours (healthy)"), None);
        assert_eq!(exit_code_of("Dead"), None);
    }

    #[test]
    fn rfc3339_parses_daemon_timestamps() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2026-11-29T18:49:13.123456789Z"),
            Some(1_795_978_153)
        );
        assert_eq!(
            parse_rfc3339("2026-11-29T19:49:13+01:00"),
            Some(1_795_978_153)
        );
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("garbage"), None);
        assert_eq!(parse_rfc3339("2026-11-29T19:49:13+é1:00"), None);
        assert_eq!(parse_rfc3339("2026-11-29T19:é9:13Z"), None);
    }
}
