//! One container's probe history: every probe known, sorted by start and deduplicated by
//! it, and the container's runs (its `StartedAt` values). The daemon keeps old log entries
//! across a restart but resets the failing streak, so probes are grouped by the run they
//! belong to (the latest start at or before them) and restarts show in the timeline.

use std::ops::Range;

use super::probe::{Probe, Source};
use super::time::Nanos;

/// A probe seen only through its events (no output) and the daemon's entry for it start
/// this close: the daemon stamps `Start` a few microseconds before it creates the exec.
pub const MATCH_WINDOW: Nanos = 250_000_000;

/// What inserting a probe did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    /// Known already; this copy filled a gap (output, end, exit code) or a better source.
    Updated,
    Same,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    probes: Vec<Probe>,
    runs: Vec<Nanos>,
}

/// Probes of one run, for the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The run's `StartedAt`; `None` for probes older than every known start.
    pub started_at: Option<Nanos>,
    /// Indices into [`History::probes`].
    pub probes: Range<usize>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// A history from probes in any order (e.g. read from the store).
    pub fn from_probes(mut probes: Vec<Probe>, runs: &[Nanos]) -> History {
        probes.sort_by_key(|p| p.start);
        let mut h = History {
            probes: Vec::with_capacity(probes.len()),
            runs: Vec::new(),
        };
        for p in probes {
            h.insert(p);
        }
        for r in runs {
            h.add_run(*r);
        }
        h
    }

    /// Every probe's output passed through `f` (masking secrets before it is shown).
    pub fn map_outputs(&mut self, f: impl Fn(&str) -> String) {
        for p in &mut self.probes {
            if let Some(o) = &p.output {
                p.output = Some(f(o));
            }
        }
    }

    pub fn probes(&self) -> &[Probe] {
        &self.probes
    }

    pub fn len(&self) -> usize {
        self.probes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }

    pub fn runs(&self) -> &[Nanos] {
        &self.runs
    }

    /// Remembers a start of the container (`StartedAt`).
    pub fn add_run(&mut self, started_at: Nanos) {
        if let Err(i) = self.runs.binary_search(&started_at) {
            self.runs.insert(i, started_at);
        }
    }

    /// The container's latest start, if known.
    pub fn current_run(&self) -> Option<Nanos> {
        self.runs.last().copied()
    }

    /// The run a probe that started at `start` belongs to.
    pub fn run_of(&self, start: Nanos) -> Option<Nanos> {
        let i = self.runs.partition_point(|r| *r <= start);
        i.checked_sub(1).map(|i| self.runs[i])
    }

    /// The probes of the latest run (all of them when no start is known).
    pub fn current(&self) -> &[Probe] {
        match self.current_run() {
            Some(r) => &self.probes[self.probes.partition_point(|p| p.start < r)..],
            None => &self.probes,
        }
    }

    /// The probes grouped by run, oldest first.
    pub fn segments(&self) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        for (i, p) in self.probes.iter().enumerate() {
            let run = self.run_of(p.start);
            match out.last_mut() {
                Some(s) if s.started_at == run => s.probes.end = i + 1,
                _ => out.push(Segment {
                    started_at: run,
                    probes: i..i + 1,
                }),
            }
        }
        out
    }

    /// Adds a probe, or merges it into the one already known with the same start (or, for a
    /// probe known only from its events, the one within [`MATCH_WINDOW`]).
    pub fn insert(&mut self, p: Probe) -> Change {
        let at = self.probes.partition_point(|q| q.start < p.start);
        if let Some(q) = self.probes.get_mut(at)
            && q.start == p.start
        {
            return if q.absorb(&p) {
                Change::Updated
            } else {
                Change::Same
            };
        }
        if let Some(j) = self.provisional_match(at, &p) {
            let q = &mut self.probes[j];
            if q.output.is_none() && p.output.is_some() {
                // The daemon's stamp is the key; the event's was a stand-in.
                let mut better = p;
                better.absorb(q);
                self.probes.remove(j);
                let at = self.probes.partition_point(|q| q.start < better.start);
                self.probes.insert(at, better);
                return Change::Updated;
            }
            return if q.absorb(&p) {
                Change::Updated
            } else {
                Change::Same
            };
        }
        self.probes.insert(at, p);
        Change::Added
    }

    /// The neighbour of position `at` that is the same probe as `p` seen another way: one of
    /// the two has no output, they start within the window, and their exit codes agree.
    fn provisional_match(&self, at: usize, p: &Probe) -> Option<usize> {
        let near = [at.checked_sub(1), Some(at)];
        near.into_iter().flatten().find(|&j| {
            self.probes.get(j).is_some_and(|q| {
                (q.output.is_none() || p.output.is_none())
                    && (q.start - p.start).abs() <= MATCH_WINDOW
                    && (q.exit_code.is_none()
                        || p.exit_code.is_none()
                        || q.exit_code == p.exit_code)
            })
        })
    }

    /// Takes the daemon's current log (its last 5): adds what is new, fills gaps, and marks
    /// the probes it no longer holds as captured. Returns the probes added or changed (to
    /// be stored), as they now are.
    pub fn merge_daemon_log(&mut self, log: &[Probe]) -> Vec<Probe> {
        let mut changed = Vec::new();
        for p in log {
            let mut p = p.clone();
            p.source = Source::Daemon;
            let start = p.start;
            if self.insert(p) != Change::Same
                && let Some(q) = self.probes.iter().find(|q| q.start == start)
            {
                changed.push(q.clone());
            }
        }
        for q in &mut self.probes {
            if q.source == Source::Daemon && !log.iter().any(|l| l.start == q.start) {
                q.source = Source::Captured;
            }
        }
        changed
    }

    /// Keeps the newest `max` probes (the view's and the recorder's memory bound).
    pub fn keep_last(&mut self, max: usize) {
        let extra = self.probes.len().saturating_sub(max);
        self.probes.drain(..extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::time::SECOND;

    fn daemon(start: Nanos, code: i64) -> Probe {
        Probe::daemon(start, Some(start + 50_000_000), code, "out")
    }

    fn from_events(start: Nanos, code: Option<i64>) -> Probe {
        Probe {
            start,
            end: None,
            exit_code: code,
            output: None,
            source: Source::Captured,
        }
    }

    #[test]
    fn the_same_start_is_one_probe() {
        let mut h = History::new();
        assert_eq!(h.insert(daemon(10 * SECOND, 1)), Change::Added);
        assert_eq!(h.insert(daemon(10 * SECOND, 1)), Change::Same);
        let mut rec = daemon(10 * SECOND, 1);
        rec.source = Source::Recorded;
        assert_eq!(h.insert(rec), Change::Same);
        assert_eq!(h.len(), 1);
        assert_eq!(h.probes()[0].source, Source::Daemon);
    }

    #[test]
    fn a_probe_seen_from_events_takes_the_daemons_stamp_and_output() {
        let mut h = History::new();
        h.insert(from_events(10 * SECOND + 40_000, Some(1)));
        h.insert(daemon(12 * SECOND, 0));
        assert_eq!(h.insert(daemon(10 * SECOND, 1)), Change::Updated);
        assert_eq!(h.len(), 2);
        assert_eq!(h.probes()[0].start, 10 * SECOND);
        assert_eq!(h.probes()[0].output.as_deref(), Some("out"));
        // A different exit code is a different probe.
        h.insert(from_events(12 * SECOND + 10, Some(1)));
        assert_eq!(h.len(), 3);
    }

    #[test]
    fn the_daemons_log_moves_on_and_older_probes_become_captured() {
        let mut h = History::new();
        let first: Vec<Probe> = (0..5).map(|i| daemon(i * 2 * SECOND, 0)).collect();
        assert_eq!(h.merge_daemon_log(&first).len(), 5);
        let next: Vec<Probe> = (1..6).map(|i| daemon(i * 2 * SECOND, 1 - i % 2)).collect();
        let changed = h.merge_daemon_log(&next);
        assert_eq!(changed.len(), 1, "only the new one: {changed:?}");
        assert_eq!(h.len(), 6);
        assert_eq!(h.probes()[0].source, Source::Captured);
        assert!(h.probes()[1..].iter().all(|p| p.source == Source::Daemon));
    }

    #[test]
    fn probes_group_by_the_run_they_belong_to() {
        let mut h = History::from_probes(
            vec![daemon(5 * SECOND, 1), daemon(1, 0), daemon(25 * SECOND, 0)],
            &[2 * SECOND, 20 * SECOND],
        );
        assert_eq!(h.run_of(SECOND / 2), None);
        assert_eq!(h.run_of(25 * SECOND), Some(20 * SECOND));
        let s = h.segments();
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].started_at, Some(2 * SECOND));
        assert_eq!(h.current().len(), 1);
        h.keep_last(2);
        assert_eq!(h.probes()[0].start, 5 * SECOND);
    }
}
