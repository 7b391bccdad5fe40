//! What the history says at a glance: the failing streak as the daemon counts it, since
//! when the check fails and when it last passed, whether results alternate (flapping)
//! rather than fail steadily, and how long probes take against the timeout.

use serde::Serialize;

use super::config::CheckConfig;
use super::history::History;
use super::probe::Probe;
use super::time::{Nanos, nanos_in};

/// How many of the latest finished probes the flapping test looks at.
pub const FLAP_WINDOW: usize = 20;

/// Results alternate: several pass↔fail changes among the latest probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Flapping {
    /// Finished probes looked at.
    pub window: usize,
    /// Changes between pass and fail in the window.
    pub changes: usize,
    pub passes: usize,
    pub fails: usize,
}

/// Probe durations against the configured timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Durations {
    pub count: usize,
    pub median: Nanos,
    pub max: Nanos,
    /// Probes that took 80 % of the timeout or more (timeouts included).
    pub near_timeout: usize,
    pub timeouts: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub probes: usize,
    /// Consecutive failures of the current run, counted as the daemon does (failures in
    /// the start period before the first pass do not count).
    pub failing_streak: u32,
    /// Start of the first failure after the last pass (across restarts).
    pub failing_since: Option<Nanos>,
    /// End of the last passing probe.
    pub last_healthy: Option<Nanos>,
    pub flapping: Option<Flapping>,
    pub durations: Durations,
    /// Starts of the container seen within the history (restarts shown in the timeline).
    pub restarts: usize,
    /// The daemon counts more failures in a row than the probes known hold: the failure
    /// began before `failing_since` (see [`Summary::with_daemon_streak`]).
    pub earlier: Option<Earlier>,
}

/// Failures of the current streak older than the first probe known (the daemon keeps only
/// its last 5 and nobody was recording), and when the streak likely began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Earlier {
    pub failures: u32,
    /// The first failure known, less `failures` probe spacings (the median gap between the
    /// probes known, or the interval), never before the run's start period ended.
    pub estimate: Nanos,
}

impl Summary {
    /// The summary told what the daemon counts (`State.Health.FailingStreak`): when no pass of
    /// the current run is known and the daemon's streak is longer than the failures known,
    /// `earlier` says how many are missing and estimates when the streak began.
    pub fn with_daemon_streak(
        mut self,
        h: &History,
        config: Option<&CheckConfig>,
        daemon: Option<u32>,
    ) -> Summary {
        let (Some(daemon), Some(first)) = (daemon, self.failing_since) else {
            return self;
        };
        let run = h.current();
        if run.iter().any(Probe::passed) || daemon <= self.failing_streak {
            return self;
        }
        let failures = daemon - self.failing_streak;
        let mut gaps: Vec<Nanos> = run.windows(2).map(|w| w[1].start - w[0].start).collect();
        gaps.retain(|g| *g > 0);
        gaps.sort_unstable();
        let spacing = match gaps.get(gaps.len() / 2) {
            Some(g) => *g,
            None => config.map_or(0, |c| nanos_in(c.interval())),
        };
        let floor = h.current_run().map_or(0, |r| {
            r.saturating_add(config.map_or(0, |c| nanos_in(c.start_period())))
        });
        let estimate = first
            .saturating_sub(spacing.saturating_mul(Nanos::from(failures)))
            .max(floor.min(first));
        self.earlier = Some(Earlier { failures, estimate });
        self
    }

    /// `failing since 09:14:02`, or, when the streak began before the probes known, the
    /// estimate said as one; `None` while nothing fails.
    pub fn since_text(&self) -> Option<String> {
        let first = self.failing_since?;
        Some(match self.earlier {
            Some(e) => format!(
                "failing since about {} (estimated: {} more failures in a row before the first probe known, at {}; the daemon keeps only its last 5)",
                super::time::datetime(e.estimate),
                e.failures,
                super::time::datetime(first)
            ),
            None => format!("failing since {}", super::time::datetime(first)),
        })
    }

    /// Since when the check fails, as well as it is known: the estimate when the streak began
    /// before the probes known (`true`), else the first failure known.
    pub fn failing_from(&self) -> Option<(Nanos, bool)> {
        match self.earlier {
            Some(e) => Some((e.estimate, true)),
            None => self.failing_since.map(|t| (t, false)),
        }
    }
}

pub fn summarize(h: &History, config: Option<&CheckConfig>) -> Summary {
    let probes = h.probes();
    let last_pass = probes.iter().rposition(Probe::passed);
    let last_healthy = last_pass.map(|i| probes[i].end.unwrap_or(probes[i].start));
    let after = last_pass.map_or(0, |i| i + 1);
    let failing_since = probes[after..].iter().find(|p| p.failed()).map(|p| p.start);
    let timeout = config.map(|c| nanos_in(c.timeout()));
    Summary {
        probes: probes.len(),
        failing_streak: streak(h, config),
        failing_since,
        last_healthy,
        flapping: flapping(probes),
        durations: durations(probes, timeout),
        restarts: h
            .runs()
            .iter()
            .filter(|r| probes.first().is_some_and(|p| p.start < **r))
            .count(),
        earlier: None,
    }
}

/// The daemon's rule (moby `handleProbeResult`): a pass resets the streak; a failure counts
/// unless the container never passed and is still within its start period.
fn streak(h: &History, config: Option<&CheckConfig>) -> u32 {
    let start_period = config.map_or(0, |c| nanos_in(c.start_period()));
    let run = h.current_run();
    let mut streak = 0u32;
    let mut passed = false;
    for p in h.current() {
        if p.passed() {
            streak = 0;
            passed = true;
        } else if p.failed() {
            let in_start = run.is_some_and(|r| p.start.saturating_sub(r) < start_period);
            if passed || !in_start {
                streak = streak.saturating_add(1);
            }
        }
    }
    streak
}

fn flapping(probes: &[Probe]) -> Option<Flapping> {
    let done: Vec<bool> = probes
        .iter()
        .rev()
        .filter(|p| p.exit_code.is_some())
        .take(FLAP_WINDOW)
        .map(Probe::passed)
        .collect();
    let changes = done.windows(2).filter(|w| w[0] != w[1]).count();
    let passes = done.iter().filter(|p| **p).count();
    let fails = done.len() - passes;
    let pairs = done.len().saturating_sub(1);
    (changes >= 4 && changes * 10 >= pairs * 3).then_some(Flapping {
        window: done.len(),
        changes,
        passes,
        fails,
    })
}

fn durations(probes: &[Probe], timeout: Option<Nanos>) -> Durations {
    let mut d: Vec<Nanos> = probes.iter().filter_map(Probe::duration).collect();
    if d.is_empty() {
        return Durations::default();
    }
    d.sort_unstable();
    let near = |x: &Nanos| timeout.is_some_and(|t| t > 0 && *x * 10 >= t * 8);
    Durations {
        count: d.len(),
        median: d[d.len() / 2],
        max: d[d.len() - 1],
        near_timeout: d.iter().filter(|x| near(x)).count(),
        timeouts: probes.iter().filter(|p| p.timed_out()).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::config::{RawCheck, resolve};
    use crate::health::time::SECOND;
    use std::time::Duration;

    fn p(start_s: i64, code: i64) -> Probe {
        Probe::daemon(
            start_s * SECOND,
            Some(start_s * SECOND + SECOND / 10),
            code,
            "",
        )
    }

    fn cfg(start_period_s: u64) -> CheckConfig {
        let raw = RawCheck {
            test: vec!["CMD".into(), "true".into()],
            timeout: Some(Duration::from_millis(500)),
            start_period: Some(Duration::from_secs(start_period_s)),
            ..Default::default()
        };
        resolve(Some(&raw), None).unwrap_or_else(|| panic!("check"))
    }

    #[test]
    fn streak_and_since_after_the_last_pass() {
        let h = History::from_probes(vec![p(1, 0), p(3, 0), p(5, 1), p(7, 1), p(9, 1)], &[0]);
        let s = summarize(&h, Some(&cfg(0)));
        assert_eq!(s.failing_streak, 3);
        assert_eq!(s.failing_since, Some(5 * SECOND));
        assert_eq!(s.last_healthy, Some(3 * SECOND + SECOND / 10));
        assert_eq!(s.flapping, None, "a steady failure is not flapping");
    }

    #[test]
    fn a_restart_resets_the_streak_but_not_since_when_it_fails() {
        let h = History::from_probes(vec![p(1, 0), p(3, 1), p(5, 1), p(12, 1)], &[0, 10 * SECOND]);
        let s = summarize(&h, Some(&cfg(0)));
        assert_eq!(s.failing_streak, 1);
        assert_eq!(s.failing_since, Some(3 * SECOND));
        assert_eq!(s.restarts, 1);
    }

    #[test]
    fn failures_in_the_start_period_do_not_count_until_a_pass() {
        let h = History::from_probes(vec![p(1, 1), p(3, 1), p(12, 1)], &[0]);
        assert_eq!(summarize(&h, Some(&cfg(10))).failing_streak, 1);
        let h = History::from_probes(vec![p(1, 0), p(3, 1), p(5, 1)], &[0]);
        assert_eq!(summarize(&h, Some(&cfg(10))).failing_streak, 2);
    }

    #[test]
    fn alternating_results_are_flapping() {
        let probes = (0..12).map(|i| p(i * 2, i % 2)).collect();
        let s = summarize(&History::from_probes(probes, &[]), None);
        let f = s.flapping.unwrap_or_else(|| panic!("flapping"));
        assert_eq!((f.window, f.changes, f.passes, f.fails), (12, 11, 6, 6));
        // One blip in twenty is not.
        let mut probes: Vec<Probe> = (0..20).map(|i| p(i * 2, 0)).collect();
        probes[10] = p(20, 1);
        assert_eq!(
            summarize(&History::from_probes(probes, &[]), None).flapping,
            None
        );
    }

    #[test]
    fn durations_against_the_timeout() {
        let mut slow = p(3, -1);
        slow.end = Some(3 * SECOND + SECOND / 2);
        slow.output = Some("Health check exceeded timeout (500ms)".into());
        let h = History::from_probes(vec![p(1, 0), slow], &[]);
        let d = summarize(&h, Some(&cfg(0))).durations;
        assert_eq!(
            (d.count, d.max, d.near_timeout, d.timeouts),
            (2, SECOND / 2, 1, 1)
        );
    }

    #[test]
    fn a_daemon_streak_longer_than_the_history_began_before_it() {
        // The daemon's last 5, 4 s apart, all failing; it counts 62 in a row.
        let probes = (0..5).map(|i| p(1000 + i * 4, 1)).collect();
        let h = History::from_probes(probes, &[0]);
        let c = cfg(0);
        let s = summarize(&h, Some(&c)).with_daemon_streak(&h, Some(&c), Some(62));
        let e = s.earlier.unwrap_or_else(|| panic!("earlier failures"));
        assert_eq!(e.failures, 57);
        assert_eq!(e.estimate, (1000 - 57 * 4) * SECOND);
        assert_eq!(s.failing_from(), Some((e.estimate, true)));
        // Never before the run started (here at 900 s, with a 10 s start period).
        let h = History::from_probes(
            (0..5).map(|i| p(1000 + i * 4, 1)).collect(),
            &[900 * SECOND],
        );
        let c = cfg(10);
        let s = summarize(&h, Some(&c)).with_daemon_streak(&h, Some(&c), Some(62));
        assert_eq!(s.earlier.map(|e| e.estimate), Some(910 * SECOND));
    }

    #[test]
    fn a_known_pass_or_a_matching_streak_leaves_since_exact() {
        let h = History::from_probes(vec![p(1, 0), p(3, 1), p(5, 1)], &[0]);
        let c = cfg(0);
        let s = summarize(&h, Some(&c)).with_daemon_streak(&h, Some(&c), Some(2));
        assert_eq!(
            (s.earlier, s.failing_from()),
            (None, Some((3 * SECOND, false)))
        );
        let h = History::from_probes(vec![p(3, 1), p(5, 1)], &[0]);
        let s = summarize(&h, Some(&c)).with_daemon_streak(&h, Some(&c), Some(2));
        assert_eq!(s.earlier, None);
        // A passing container: nothing to estimate.
        let h = History::from_probes(vec![p(3, 0)], &[0]);
        let s = summarize(&h, Some(&c)).with_daemon_streak(&h, Some(&c), Some(0));
        assert_eq!(s.failing_from(), None);
    }
}
