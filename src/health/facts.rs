//! What the health rules know about one container: the check in effect, the daemon's
//! status and streak, every probe known, which probe tools the image has, and the ports
//! it exposes. Gathered by the TUI and `docktor health`; read by `diagnose/rules/health.rs`.

use serde::Serialize;

use crate::model::Health;

use super::config::CheckConfig;
use super::history::History;

/// Probe tools found in the container's filesystem (the path of each, when present).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Tools {
    pub curl: Option<String>,
    pub wget: Option<String>,
    pub python: Option<String>,
    pub shell: Option<String>,
}

/// Where each tool is looked for (the first present wins).
pub const TOOL_PATHS: &[(&str, &[&str])] = &[
    (
        "curl",
        &["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"],
    ),
    (
        "wget",
        &["/usr/bin/wget", "/bin/wget", "/usr/local/bin/wget"],
    ),
    (
        "python",
        &[
            "/app/.venv/bin/python",
            "/usr/local/bin/python3",
            "/usr/bin/python3",
            "/usr/local/bin/python",
            "/usr/bin/python",
        ],
    ),
    ("shell", &["/bin/sh"]),
];

impl Tools {
    /// Tools from the paths that exist (`exists` answers for one path).
    pub fn probe(mut exists: impl FnMut(&str) -> bool) -> Tools {
        let mut t = Tools::default();
        for (tool, paths) in TOOL_PATHS {
            let found = paths.iter().find(|p| exists(p)).map(|p| p.to_string());
            match *tool {
                "curl" => t.curl = found,
                "wget" => t.wget = found,
                "python" => t.python = found,
                _ => t.shell = found,
            }
        }
        t
    }

    /// The HTTP tools present, by name: `["wget", "python"]`.
    pub fn http_tools(&self) -> Vec<&'static str> {
        [
            ("curl", &self.curl),
            ("wget", &self.wget),
            ("python", &self.python),
        ]
        .into_iter()
        .filter(|(_, p)| p.is_some())
        .map(|(n, _)| n)
        .collect()
    }

    pub fn has(&self, tool: &str) -> bool {
        let base = tool.rsplit('/').next().unwrap_or(tool);
        match base {
            "curl" => self.curl.is_some(),
            "wget" => self.wget.is_some(),
            "sh" | "bash" => self.shell.is_some(),
            b if b.starts_with("python") => self.python.is_some(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthFacts {
    /// The check in effect (container over image); `None`: neither has one.
    pub config: Option<CheckConfig>,
    /// The daemon's status (`None` when it runs no check).
    pub status: Health,
    /// The daemon's own streak (`State.Health.FailingStreak`).
    pub failing_streak: Option<u32>,
    pub history: History,
    /// `None` when the filesystem could not be looked at.
    pub tools: Option<Tools>,
    /// Ports the image or container exposes (`8000/tcp` → 8000).
    pub exposed_ports: Vec<u16>,
    /// Whether the daemon knows `start_interval` (API ≥ 1.44); `None`: not known.
    pub start_interval_supported: Option<bool>,
    /// How long the container's current run had lasted when the facts were read, by the
    /// host's clock (`None`: not running, or not known).
    pub running_for: Option<std::time::Duration>,
    /// Whether the container runs (paused counts as running); `None`: not known. A stopped
    /// container keeps its last health status, with no probe behind it.
    pub running: Option<bool>,
    /// Who runs the probes: the engine itself, or (Podman) systemd timers.
    pub runner: Runner,
}

/// Who runs a container's probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Runner {
    /// The daemon schedules them itself (Docker).
    #[default]
    Daemon,
    /// Podman: a systemd timer per container; without systemd none run.
    SystemdTimers,
}

impl HealthFacts {
    /// The history summarised, told the daemon's own streak (a streak longer than the
    /// failures known began before them).
    pub fn summary(&self) -> super::Summary {
        let config = self.config.as_ref();
        super::summarize(&self.history, config).with_daemon_streak(
            &self.history,
            config,
            self.failing_streak,
        )
    }

    /// The same facts with every probe's output masked by `masker` (a check may `echo
    /// $DB_PASSWORD` or print a URL with its password); a revealing masker changes nothing.
    pub fn masked(mut self, masker: &crate::envcheck::Masker) -> HealthFacts {
        if !masker.reveals() {
            self.history.map_outputs(|o| masker.text(o));
        }
        self
    }

    /// [`HealthFacts::masked`], and the check's command too: for output only (a masked
    /// command can neither run nor be paired with its `exec_start` events).
    pub fn masked_for_output(self, masker: &crate::envcheck::Masker) -> HealthFacts {
        let mut f = self.masked(masker);
        if let Some(c) = &mut f.config
            && !masker.reveals()
        {
            c.mask_command(|t| masker.text(t));
        }
        f
    }
}

impl Default for HealthFacts {
    fn default() -> Self {
        HealthFacts {
            config: None,
            status: Health::None,
            failing_streak: None,
            history: History::new(),
            tools: None,
            exposed_ports: Vec::new(),
            start_interval_supported: None,
            running_for: None,
            running: None,
            runner: Runner::Daemon,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_are_found_by_path() {
        let t = Tools::probe(|p| matches!(p, "/bin/wget" | "/bin/sh" | "/usr/local/bin/python3"));
        assert_eq!(t.wget.as_deref(), Some("/bin/wget"));
        assert_eq!(t.python.as_deref(), Some("/usr/local/bin/python3"));
        assert_eq!(t.curl, None);
        assert_eq!(t.http_tools(), vec!["wget", "python"]);
        assert!(t.has("/usr/bin/python3.13") && t.has("sh") && !t.has("curl"));
    }
}
