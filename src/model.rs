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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Running,
    Restarting,
    Paused,
    Created,
    Exited,
    Removing,
    Dead,
    #[default]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Healthy,
    Unhealthy,
    Starting,
    #[default]
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
    /// The host address it is bound to (`0.0.0.0` and `::` are every address).
    pub ip: Option<String>,
    pub proto: String,
}

impl Port {
    /// Bound to every address of the host (IPv4 `0.0.0.0`, IPv6 `::`, or not said).
    pub fn on_every_address(&self) -> bool {
        matches!(
            self.ip.as_deref(),
            None | Some("") | Some("0.0.0.0") | Some("::")
        )
    }
}

/// `8080->80/tcp` on every address, `127.0.0.1:18081->81/udp` or `[::1]:8080->80/tcp` on one,
/// `80/tcp` when only exposed.
impl std::fmt::Display for Port {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(public) = self.public else {
            return write!(f, "{}/{}", self.private, self.proto);
        };
        match self.ip.as_deref() {
            _ if self.on_every_address() => {}
            Some(ip) if ip.contains(':') => write!(f, "[{ip}]:")?,
            Some(ip) => write!(f, "{ip}:")?,
            None => {}
        }
        write!(f, "{}->{}/{}", public, self.private, self.proto)
    }
}

/// The ports of a container as people read them: sorted, each once. The daemon lists a port
/// published on every address twice, for IPv4 (`0.0.0.0`) and IPv6 (`::`): shown once, bare,
/// when both have the same host port; with their addresses when they differ (Docker 20.10
/// can give the two families different host ports).
pub fn ports_shown(ports: &[Port]) -> Vec<String> {
    let split = |p: &Port| {
        p.on_every_address()
            && ports.iter().any(|q| {
                q.on_every_address()
                    && q.private == p.private
                    && q.proto == p.proto
                    && q.public.is_some()
                    && q.public != p.public
            })
    };
    let mut sorted: Vec<&Port> = ports.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |p: &'_ Port| {
            (
                p.private,
                p.proto.clone(),
                p.public.is_none(),
                p.public,
                !p.on_every_address(),
                p.ip.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let mut seen: Vec<String> = Vec::new();
    for p in sorted {
        let s = match p.ip.as_deref() {
            Some(ip) if p.public.is_some() && split(p) && ip.contains(':') => format!("[{ip}]:{p}"),
            Some(ip) if p.public.is_some() && split(p) => format!("{ip}:{p}"),
            _ => p.to_string(),
        };
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen
}

/// A container as the list shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
    /// The exit code of the last run (exited and dead containers; from the list's status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i64>,
    /// Unix seconds when the last run ended; known after an inspect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<i64>,
    /// How often the daemon restarted it (restart policy); known after an inspect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restarts: Option<i64>,
    pub labels: std::collections::BTreeMap<String, String>,
}

/// What an inspect tells about a container's runs that the list does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunFacts {
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub exit_code: Option<i64>,
    pub restarts: Option<i64>,
    pub health: Option<Health>,
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
        ports_shown(&self.ports).join(", ")
    }

    /// The state with what matters about it: the exit code of a stopped container
    /// (`exited (3)`), how often the daemon restarted it (`running ↻4`).
    pub fn state_text(&self) -> String {
        let mut s = self.state.as_str().to_string();
        if let Some(code) = self.exit_code
            && matches!(self.state, State::Exited | State::Dead)
        {
            s.push_str(&format!(" ({code})"));
        }
        if let Some(n) = self.restarts.filter(|n| *n > 0) {
            s.push_str(&format!(" ↻{n}"));
        }
        s
    }

    /// Takes what an inspect said about the container's runs.
    pub fn learn(&mut self, f: &RunFacts) {
        self.started_at = f.started_at.or(self.started_at);
        self.finished_at = f.finished_at.or(self.finished_at);
        self.restarts = f.restarts.or(self.restarts);
        if matches!(self.state, State::Exited | State::Dead) {
            self.exit_code = f.exit_code.or(self.exit_code);
        }
        if let Some(h) = f.health
            && self.state == State::Running
        {
            self.health = h;
        }
    }

    /// The container's state as a short phrase that stays true as time passes (the daemon's
    /// status text is only as fresh as the last list): `up 5m`, `exited (3) 2h ago`.
    pub fn status_now(&self, now: i64) -> String {
        let code = self
            .exit_code
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let ago = |t: Option<i64>| {
            t.map(|t| format!(" {} ago", human_duration(now - t)))
                .unwrap_or_default()
        };
        let up = self.started_at.map(|t| human_duration(now - t));
        match (self.state, up) {
            (State::Running, Some(up)) => format!("up {up}"),
            (State::Paused, Some(up)) => format!("paused, up {up}"),
            (State::Running | State::Paused, None) => self.state.as_str().to_string(),
            (State::Exited | State::Dead, _) => {
                format!("{}{code}{}", self.state.as_str(), ago(self.finished_at))
            }
            (State::Created, _) => "created, never started".into(),
            (s, _) => s.as_str().to_string(),
        }
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
mod tests;
