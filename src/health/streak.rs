//! The failing streak of every container, kept current from the event stream alone (no
//! inspect per probe): seeded by one inspect, then counted as the daemon counts it — a
//! pass resets it, a failure adds one unless the container is still starting inside its
//! start period; a probe past its timeout is a failure when its deadline passes.

use std::collections::HashMap;

use crate::model::Health;

use super::capture::{Event, Pairing, Step};
use super::snapshot::Snapshot;
use super::time::{Nanos, nanos_in};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Track {
    streak: u32,
    status: Health,
    started_at: Option<Nanos>,
    start_period: Nanos,
}

/// What the container list shows next to the badge.
#[derive(Debug, Default)]
pub struct Streaks {
    pairing: Pairing,
    by: HashMap<String, Track>,
}

/// What an event asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The streak of a container is now this (`None`: no longer followed).
    Streak(String, Option<u32>),
    /// Read this container again (started, or its status changed): seed it anew.
    Inspect(String),
}

impl Streaks {
    pub fn new() -> Streaks {
        Streaks::default()
    }

    /// Takes a container's inspect; returns its streak when it has a running check.
    pub fn seed(&mut self, s: &Snapshot) -> Option<u32> {
        let watched = s.watched().filter(|_| s.running);
        let followed = watched.is_some();
        self.pairing.watch(&s.id, watched);
        if !followed {
            self.by.remove(&s.id);
            return None;
        }
        let start_period = s.config.as_ref().map_or(0, |c| nanos_in(c.start_period()));
        self.by.insert(
            s.id.clone(),
            Track {
                streak: s.failing_streak,
                status: s.status,
                started_at: s.started_at,
                start_period,
            },
        );
        Some(s.failing_streak)
    }

    pub fn streak(&self, id: &str) -> Option<u32> {
        self.by.get(id).map(|t| t.streak)
    }

    pub fn on_event(&mut self, ev: Event) -> Vec<Change> {
        match self.pairing.on_event(ev) {
            Some(Step::Inspect { exec }) => self
                .probe(&exec.container, exec.start, exec.exit_code.unwrap_or(-1))
                .into_iter()
                .collect(),
            Some(Step::Transition {
                container, status, ..
            }) => {
                if let Some(t) = self.by.get_mut(&container) {
                    t.status = status;
                }
                vec![Change::Inspect(container)]
            }
            Some(Step::Restarted { container, .. }) => vec![Change::Inspect(container)],
            Some(Step::Removed { container }) => {
                self.by.remove(&container);
                vec![Change::Streak(container, None)]
            }
            None => Vec::new(),
        }
    }

    /// Probes that ran out of time by `now` (daemon clock) count as failures.
    pub fn overdue(&mut self, now: Nanos) -> Vec<Change> {
        self.pairing
            .overdue(now)
            .into_iter()
            .filter_map(|s| match s {
                Step::Inspect { exec } => self.probe(&exec.container, exec.start, -1),
                _ => None,
            })
            .collect()
    }

    pub fn next_deadline(&self) -> Option<Nanos> {
        self.pairing.next_deadline()
    }

    fn probe(&mut self, id: &str, start: Nanos, exit_code: i64) -> Option<Change> {
        let t = self.by.get_mut(id)?;
        let before = t.streak;
        if exit_code == 0 {
            t.streak = 0;
        } else {
            let starting = t.status == Health::Starting
                && t.started_at.is_some_and(|s| start - s < t.start_period);
            if !starting {
                t.streak += 1;
            }
        }
        (t.streak != before).then(|| Change::Streak(id.to_string(), Some(t.streak)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::config::{RawCheck, resolve};
    use crate::health::time::SECOND;

    fn snap(status: Health, streak: u32, start_period: u64) -> Snapshot {
        let raw = RawCheck {
            test: vec!["CMD-SHELL".into(), "exit 1".into()],
            timeout: Some(std::time::Duration::from_secs(2)),
            start_period: Some(std::time::Duration::from_secs(start_period)),
            ..Default::default()
        };
        Snapshot {
            id: "c".into(),
            name: "web".into(),
            image: "web".into(),
            running: true,
            started_at: Some(0),
            config: resolve(Some(&raw), None),
            status,
            failing_streak: streak,
            log: vec![],
            exposed_ports: vec![],
        }
    }

    fn probe(s: &mut Streaks, id: &str, at: Nanos, code: Option<i64>, took: Nanos) -> Vec<Change> {
        let start = Event::ExecStart {
            container: "c".into(),
            exec_id: id.into(),
            command: "/bin/sh -c exit 1".into(),
            time: at,
        };
        assert!(s.on_event(start).is_empty());
        s.on_event(Event::ExecDie {
            container: "c".into(),
            exec_id: id.into(),
            exit_code: code,
            time: at + took,
        })
    }

    #[test]
    fn failures_count_and_a_pass_resets_as_the_daemon_counts() {
        let mut s = Streaks::new();
        assert_eq!(s.seed(&snap(Health::Unhealthy, 3, 0)), Some(3));
        let four = probe(&mut s, "a", 10 * SECOND, Some(1), SECOND / 10);
        assert_eq!(four, vec![Change::Streak("c".into(), Some(4))]);
        let reset = probe(&mut s, "b", 13 * SECOND, Some(0), SECOND / 10);
        assert_eq!(reset, vec![Change::Streak("c".into(), Some(0))]);
        // Past its 2 s timeout: a failure at the deadline, whatever exec_die says later.
        let start = Event::ExecStart {
            container: "c".into(),
            exec_id: "slow".into(),
            command: "/bin/sh -c exit 1".into(),
            time: 20 * SECOND,
        };
        s.on_event(start);
        assert!(s.overdue(21 * SECOND).is_empty());
        assert_eq!(
            s.overdue(23 * SECOND + 1),
            vec![Change::Streak("c".into(), Some(1))]
        );
        let late = Event::ExecDie {
            container: "c".into(),
            exec_id: "slow".into(),
            exit_code: Some(0),
            time: 25 * SECOND,
        };
        assert!(s.on_event(late).is_empty(), "counted once");
        let gone = Event::Removed {
            container: "c".into(),
            time: 30 * SECOND,
        };
        assert_eq!(s.on_event(gone), vec![Change::Streak("c".into(), None)]);
    }

    #[test]
    fn failures_inside_the_start_period_do_not_count() {
        let mut s = Streaks::new();
        s.seed(&snap(Health::Starting, 0, 60));
        assert!(probe(&mut s, "a", 5 * SECOND, Some(1), SECOND / 10).is_empty());
        assert_eq!(
            probe(&mut s, "b", 61 * SECOND, Some(1), SECOND / 10),
            vec![Change::Streak("c".into(), Some(1))]
        );
        let mut stopped = snap(Health::Unhealthy, 2, 0);
        stopped.running = false;
        assert_eq!(s.seed(&stopped), None);
        assert_eq!(s.streak("c"), None);
    }
}
