//! Capturing probes from the daemon's event stream, without polling. A probe shows as
//! `exec_start: <command>` (with `execID`) and `exec_die` (with `execID`, `exitCode`);
//! the two are paired by `execID`, and each finished probe asks for one inspect, to read
//! its output before the daemon's ring of 5 drops it. A probe that runs into its timeout
//! gets that inspect at start + timeout (the daemon's verdict is written then; on 20.10
//! the process runs on and its `exec_die` comes later, with an exit code that means nothing).

use std::collections::HashMap;

use crate::model::Health;

use super::probe::{Probe, Source};
use super::time::{Nanos, SECOND};

/// After start + timeout, how long to wait for the daemon's own timeout entry.
pub const TIMEOUT_GRACE: Nanos = SECOND;

/// How close to its timeout an exec's end counts as the timeout: a fifth of it, at least
/// 250 ms (the delay between the daemon's probe start and its `exec_start` event).
fn timeout_slack(timeout: Nanos) -> Nanos {
    (timeout / 5).max(SECOND / 4)
}

/// An event the capture needs, as the daemon sent it (times are the daemon's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    ExecStart {
        container: String,
        exec_id: String,
        command: String,
        time: Nanos,
    },
    ExecDie {
        container: String,
        exec_id: String,
        exit_code: Option<i64>,
        time: Nanos,
    },
    /// `health_status: …`: a transition.
    Status {
        container: String,
        status: Health,
        time: Nanos,
    },
    /// `start` or `restart`: a new run (its `StartedAt` comes with the next inspect).
    Started { container: String, time: Nanos },
    /// `destroy`: the container is gone.
    Removed { container: String, time: Nanos },
}

/// An exec seen from its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exec {
    pub container: String,
    pub exec_id: String,
    pub start: Nanos,
    pub end: Option<Nanos>,
    pub exit_code: Option<i64>,
    inspected: bool,
}

impl Exec {
    /// The probe as its events tell it (no output; the daemon's log has that).
    pub fn probe(&self) -> Probe {
        Probe {
            start: self.start,
            end: self.end,
            exit_code: self.exit_code,
            output: None,
            source: Source::Captured,
        }
    }
}

/// What to do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A probe finished (or ran out of time): inspect the container once, merge its health
    /// log, then the exec's own probe (kept when the log no longer has it).
    Inspect {
        exec: Exec,
    },
    Transition {
        container: String,
        status: Health,
        time: Nanos,
    },
    Restarted {
        container: String,
        time: Nanos,
    },
    Removed {
        container: String,
    },
}

/// The health check of one container, as far as pairing needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    /// The command as `exec_start:` spells it; execs running anything else (a `docker
    /// exec` by someone) are not probes.
    pub command: String,
    pub timeout: Nanos,
}

#[derive(Debug, Default)]
pub struct Pairing {
    open: HashMap<String, Exec>,
    watched: HashMap<String, Watched>,
}

impl Pairing {
    pub fn new() -> Pairing {
        Pairing::default()
    }

    /// Sets (or, with `None`, forgets) a container's check, learnt from its inspect.
    pub fn watch(&mut self, container: &str, check: Option<Watched>) {
        match check {
            Some(w) => self.watched.insert(container.to_string(), w),
            None => self.watched.remove(container),
        };
    }

    pub fn is_watched(&self, container: &str) -> bool {
        self.watched.contains_key(container)
    }

    /// Execs started and not yet ended.
    pub fn open(&self) -> usize {
        self.open.len()
    }

    pub fn on_event(&mut self, ev: Event) -> Option<Step> {
        match ev {
            Event::ExecStart {
                container,
                exec_id,
                command,
                time,
            } => {
                let w = self.watched.get(&container)?;
                if w.command != command {
                    return None;
                }
                let exec = Exec {
                    container,
                    exec_id: exec_id.clone(),
                    start: time,
                    end: None,
                    exit_code: None,
                    inspected: false,
                };
                self.open.insert(exec_id, exec);
                None
            }
            Event::ExecDie {
                exec_id,
                exit_code,
                time,
                ..
            } => {
                let mut exec = self.open.remove(&exec_id)?;
                let timeout = self
                    .watched
                    .get(&exec.container)
                    .map_or(Nanos::MAX, |w| w.timeout);
                exec.end = Some(time);
                // Past (or at) its timeout the daemon has judged it already (exit −1), and an
                // exec the daemon ended then reports a code of its own (127, 137) that means
                // nothing. The daemon's clock starts the timeout before `exec_start` is sent,
                // so "at the timeout" has some slack; the inspect that follows reads the
                // daemon's own verdict either way.
                let elapsed = time.saturating_sub(exec.start);
                exec.exit_code =
                    exit_code.filter(|_| elapsed.saturating_add(timeout_slack(timeout)) < timeout);
                (!exec.inspected).then_some(Step::Inspect { exec })
            }
            Event::Status {
                container,
                status,
                time,
            } => Some(Step::Transition {
                container,
                status,
                time,
            }),
            Event::Started { container, time } => Some(Step::Restarted { container, time }),
            Event::Removed { container, .. } => {
                self.open.retain(|_, e| e.container != container);
                self.watched.remove(&container);
                Some(Step::Removed { container })
            }
        }
    }

    /// When the next open exec runs out of time (start + timeout + grace), if any.
    pub fn next_deadline(&self) -> Option<Nanos> {
        self.open
            .values()
            .filter(|e| !e.inspected)
            .map(|e| self.deadline(e))
            .min()
    }

    fn deadline(&self, e: &Exec) -> Nanos {
        let timeout = self.watched.get(&e.container).map_or(0, |w| w.timeout);
        e.start
            .saturating_add(timeout)
            .saturating_add(TIMEOUT_GRACE)
    }

    /// Execs past their deadline at `now` (daemon clock): one inspect each, once. An exec
    /// still open five deadlines later is forgotten (its `exec_die` will never come).
    pub fn overdue(&mut self, now: Nanos) -> Vec<Step> {
        let mut due = Vec::new();
        let mut stale = Vec::new();
        for (id, e) in &self.open {
            let d = self.deadline(e);
            if !e.inspected && now >= d {
                due.push(id.clone());
            } else if now.saturating_sub(e.start) > 5 * d.saturating_sub(e.start) {
                stale.push(id.clone());
            }
        }
        for id in stale {
            self.open.remove(&id);
        }
        due.into_iter()
            .filter_map(|id| {
                let e = self.open.get_mut(&id)?;
                e.inspected = true;
                Some(Step::Inspect { exec: e.clone() })
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "capture_tests.rs"]
mod tests;
