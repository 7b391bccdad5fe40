//! Domain types the engine hands to the rest of docktor: plain structs, no client-library
//! types. Containers, health and engine info here; images, builds and created containers in
//! the submodules.

pub mod build;
pub mod image;
pub mod run;

use serde::Serialize;

// Domain types of the engine's surfaces (see `engine/`), one file per subject.
pub mod archive;
pub mod disk;
pub mod events;
pub mod exec;
pub mod files;
pub mod helper;
pub mod image_config;
pub mod inspect;
pub mod prune;
pub mod registry;
pub mod top;

/// Lifecycle state of a container, as the daemon reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Running,
    Restarting,
    Paused,
    Created,
    Exited,
    Removing,
    Dead,
    Unknown,
}

impl State {
    pub fn parse(s: &str) -> State {
        match s.to_ascii_lowercase().as_str() {
            "running" => State::Running,
            "restarting" => State::Restarting,
            "paused" => State::Paused,
            "created" | "configured" | "initialized" => State::Created,
            "exited" | "stopped" => State::Exited,
            "removing" => State::Removing,
            "dead" => State::Dead,
            _ => State::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Running => "running",
            State::Restarting => "restarting",
            State::Paused => "paused",
            State::Created => "created",
            State::Exited => "exited",
            State::Removing => "removing",
            State::Dead => "dead",
            State::Unknown => "unknown",
        }
    }

    pub fn is_up(self) -> bool {
        matches!(self, State::Running | State::Restarting | State::Paused)
    }
}

/// Health check status. `None` means the container has no health check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Healthy,
    Unhealthy,
    Starting,
    None,
}

impl Health {
    pub fn parse(s: &str) -> Health {
        match s.trim().to_ascii_lowercase().as_str() {
            "healthy" => Health::Healthy,
            "unhealthy" => Health::Unhealthy,
            "starting" | "health: starting" => Health::Starting,
            _ => Health::None,
        }
    }

    /// Reads the health from the list's status text, e.g. `Up 3 minutes (healthy)` or
    /// `Up 2 seconds (health: starting)`. Works on every API version: the structured
    /// `Health` field of the list only exists on recent engines.
    pub fn from_status_text(status: &str) -> Health {
        let Some(open) = status.rfind('(') else {
            return Health::None;
        };
        let inner = status[open + 1..].trim_end_matches(')');
        Health::parse(inner)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Health::Healthy => "healthy",
            Health::Unhealthy => "unhealthy",
            Health::Starting => "starting",
            Health::None => "none",
        }
    }
}

/// One published or exposed port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Port {
    pub private: u16,
    pub public: Option<u16>,
    pub ip: Option<String>,
    pub proto: String,
}

impl std::fmt::Display for Port {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.public {
            Some(p) => write!(f, "{}->{}/{}", p, self.private, self.proto),
            None => write!(f, "{}/{}", self.private, self.proto),
        }
    }
}

/// A container as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Container {
    pub id: String,
    pub name: String,
    pub image: String,
    /// The image's ID (`sha256:…`), which stays right when the tag has moved on.
    pub image_id: String,
    pub state: State,
    pub health: Health,
    /// The daemon's own one-line status, e.g. `Exited (3) 2 minutes ago`.
    pub status: String,
    /// Unix seconds.
    pub created: i64,
    /// Unix seconds when the container last started; known after an inspect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<i64>,
    pub ports: Vec<Port>,
}

impl Container {
    pub fn short_id(&self) -> &str {
        short_id(&self.id)
    }

    /// `5m` for a running container, `-` otherwise or when the start time is unknown;
    /// `now` is Unix seconds (injected, so views and tests are deterministic).
    pub fn uptime(&self, now: i64) -> String {
        match (self.state.is_up(), self.started_at) {
            (true, Some(t)) => human_duration(now - t),
            _ => "-".into(),
        }
    }

    pub fn ports_text(&self) -> String {
        let mut seen: Vec<String> = Vec::new();
        for p in &self.ports {
            let s = p.to_string();
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
        seen.join(", ")
    }
}

/// The first 12 characters of an ID (after any `sha256:` prefix), cut on a character
/// boundary: IDs come from outside and a byte slice could split a character.
pub fn short_id(id: &str) -> &str {
    let id = id.strip_prefix("sha256:").unwrap_or(id);
    match id.char_indices().nth(12) {
        Some((i, _)) => &id[..i],
        None => id,
    }
}

/// [`Container::uptime`] as a function, for views that map over containers.
pub fn uptime(c: &Container, now: i64) -> String {
    c.uptime(now)
}

/// Formats a duration in seconds the way a person reads uptime: `42s`, `5m`, `3h12m`, `4d2h`.
pub fn human_duration(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m", s / 60),
        3600..=86_399 => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
        _ => format!("{}d{}h", s / 86_400, (s % 86_400) / 3600),
    }
}

/// Which engine docktor is attached to, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngineInfo {
    /// `docker` or `podman`.
    pub kind: String,
    pub version: String,
    /// API version the connection negotiated (what requests are sent as).
    pub api_version: String,
    /// The host docktor talks to, e.g. `unix:///var/run/docker.sock`.
    pub uri: String,
}

impl std::fmt::Display for EngineInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} · {}", self.kind, self.version, self.uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_from_status_text() {
        assert_eq!(
            Health::from_status_text("Up 3 minutes (healthy)"),
            Health::Healthy
        );
        assert_eq!(
            Health::from_status_text("Up 1 second (health: starting)"),
            Health::Starting
        );
        assert_eq!(
            Health::from_status_text("Up 9 seconds (unhealthy)"),
            Health::Unhealthy
        );
        assert_eq!(
            Health::from_status_text("Exited (3) 2 minutes ago"),
            Health::None
        );
        assert_eq!(Health::from_status_text("Up 2 hours"), Health::None);
    }

    #[test]
    fn short_ids_cut_on_characters() {
        assert_eq!(short_id("sha256:0123456789abcdef"), "0123456789ab");
        assert_eq!(short_id("abc"), "abc");
        assert_eq!(short_id("ééééééééééééééé"), "éééééééééééé");
    }

    #[test]
    fn durations_read_like_uptime() {
        assert_eq!(human_duration(-5), "0s");
        assert_eq!(human_duration(42), "42s");
        assert_eq!(human_duration(300), "5m");
        assert_eq!(human_duration(3600 * 3 + 12 * 60), "3h12m");
        assert_eq!(human_duration(86_400 * 4 + 7200), "4d2h");
    }

    #[test]
    fn ports_are_deduplicated() {
        let p = |public| Port {
            private: 8000,
            public,
            ip: None,
            proto: "tcp".into(),
        };
        let c = Container {
            id: "0123456789abcdef".into(),
            name: "x".into(),
            image: "i".into(),
            image_id: "sha256:0123".into(),
            state: State::Running,
            health: Health::None,
            status: String::new(),
            created: 0,
            started_at: None,
            ports: vec![p(Some(49153)), p(Some(49153)), p(None)],
        };
        assert_eq!(c.ports_text(), "49153->8000/tcp, 8000/tcp");
        assert_eq!(c.short_id(), "0123456789ab");
    }
}
