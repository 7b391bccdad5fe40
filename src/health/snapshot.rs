//! What one inspect of a container tells the health history: its check, its run
//! (`StartedAt`), the daemon's status and streak, and the daemon's log (its last 5 probes).
//! The engine fills it; the recorder and the Health tab merge it into their histories.

use crate::model::Health;

use super::config::CheckConfig;
use super::probe::Probe;
use super::time::Nanos;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub id: String,
    pub name: String,
    pub image: String,
    pub running: bool,
    /// The current run's start; `None` when never started.
    pub started_at: Option<Nanos>,
    /// The check in effect (container over image).
    pub config: Option<CheckConfig>,
    pub status: Health,
    pub failing_streak: u32,
    /// The daemon's log, oldest first.
    pub log: Vec<Probe>,
    /// Ports exposed (`8000/tcp` → 8000).
    pub exposed_ports: Vec<u16>,
}

impl Snapshot {
    /// What the capture needs to tell this container's probes from other execs.
    pub fn watched(&self) -> Option<super::capture::Watched> {
        let c = self.config.as_ref().filter(|c| !c.is_disabled())?;
        Some(super::capture::Watched {
            command: c.event_command(),
            timeout: super::time::nanos_in(c.timeout()),
        })
    }
}

impl Snapshot {
    /// The history to show: what the store recorded (if anything), then what the daemon
    /// holds now (its probes take the `daemon` source, the rest stay `recorded`).
    pub fn history(&self, recorded: Option<super::store::Recorded>) -> super::History {
        let mut h = match recorded {
            Some(r) => super::History::from_probes(r.probes, &r.runs),
            None => super::History::new(),
        };
        if let Some(s) = self.started_at {
            h.add_run(s);
        }
        h.merge_daemon_log(&self.log);
        h
    }

    /// The facts the health rules read; `engine`: what the engine can do (`None`: not
    /// known). How long the run has lasted is taken from the host's clock now.
    pub fn facts(
        &self,
        history: super::History,
        tools: Option<super::Tools>,
        engine: Option<super::gather::EngineTraits>,
    ) -> super::HealthFacts {
        let now = crate::clock::now().saturating_mul(super::time::SECOND);
        let running_for = self
            .started_at
            .filter(|_| self.running)
            // A start ahead of this host's clock (a skewed daemon) counts as just now.
            .map(|t| u64::try_from(now.saturating_sub(t)).unwrap_or(0))
            .map(std::time::Duration::from_nanos);
        super::HealthFacts {
            config: self.config.clone(),
            status: self.status,
            failing_streak: Some(self.failing_streak),
            history,
            tools,
            exposed_ports: self.exposed_ports.clone(),
            start_interval_supported: engine.map(|e| e.start_interval_supported),
            running_for,
            running: Some(self.running),
            runner: engine.map(|e| e.runner).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::Source;
    use crate::health::store::Recorded;
    use crate::health::time::SECOND;

    #[test]
    fn recorded_and_daemon_probes_make_one_history() {
        let mut old = Probe::daemon(SECOND, Some(SECOND + 1), 0, "ok");
        old.source = Source::Recorded;
        let mut again = Probe::daemon(3 * SECOND, Some(3 * SECOND + 1), 1, "no");
        again.source = Source::Recorded;
        let snap = Snapshot {
            id: "c".into(),
            name: "web".into(),
            image: "web".into(),
            running: true,
            started_at: Some(2 * SECOND),
            config: None,
            status: Health::Unhealthy,
            failing_streak: 2,
            log: vec![
                Probe::daemon(3 * SECOND, Some(3 * SECOND + 1), 1, "no"),
                Probe::daemon(5 * SECOND, Some(5 * SECOND + 1), 1, "no"),
            ],
            exposed_ports: vec![8000],
        };
        let rec = Recorded {
            probes: vec![old, again],
            runs: vec![0],
            transitions: vec![],
        };
        let h = snap.history(Some(rec));
        let sources: Vec<Source> = h.probes().iter().map(|p| p.source).collect();
        assert_eq!(
            sources,
            vec![Source::Recorded, Source::Daemon, Source::Daemon]
        );
        assert_eq!(h.runs(), &[0, 2 * SECOND]);
        let f = snap.facts(h, None, None);
        assert_eq!((f.failing_streak, f.exposed_ports), (Some(2), vec![8000]));
    }
}
