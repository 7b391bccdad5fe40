//! One probe of a health check: when it ran, how it ended, what it printed, and where
//! docktor learned of it (the daemon's log of 5, captured live from the event stream, or
//! read from the store `docktor record` fills).

use serde::Serialize;

use super::output;
use super::time::Nanos;

/// Where a probe was learned from. Ordered: a probe seen in several places is shown with
/// the best (`Daemon` > `Captured` > `Recorded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Read from the store (recorded before this view was opened).
    Recorded,
    /// Captured while docktor ran; the daemon no longer holds it.
    Captured,
    /// In the daemon's own log (its last 5).
    Daemon,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Recorded => "recorded",
            Source::Captured => "captured",
            Source::Daemon => "daemon",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "recorded" => Some(Source::Recorded),
            "captured" => Some(Source::Captured),
            "daemon" => Some(Source::Daemon),
            _ => None,
        }
    }
}

/// The exit code the daemon gives a probe it had to stop or could not start.
pub const EXIT_DAEMON_ERROR: i64 = -1;

/// One probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    /// When the daemon started it (its clock): the key that deduplicates probes.
    pub start: Nanos,
    pub end: Option<Nanos>,
    /// `None` while it runs, or when only its start was seen.
    pub exit_code: Option<i64>,
    /// What it printed (at most 4 KiB, as the daemon keeps it); `None` when the daemon's
    /// ring dropped it before it could be read.
    pub output: Option<String>,
    pub source: Source,
}

/// How a probe ended, for the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    /// The daemon stopped it at the configured timeout (exit −1, "exceeded timeout").
    Timeout,
    /// Not finished, or its end was never seen.
    Unknown,
}

impl Probe {
    /// A probe as the daemon's log holds it.
    pub fn daemon(start: Nanos, end: Option<Nanos>, exit_code: i64, output: &str) -> Probe {
        Probe {
            start,
            end,
            exit_code: Some(exit_code),
            output: Some(output::clean(output)),
            source: Source::Daemon,
        }
    }

    pub fn outcome(&self) -> Outcome {
        match self.exit_code {
            None => Outcome::Unknown,
            Some(0) => Outcome::Pass,
            Some(EXIT_DAEMON_ERROR) if self.timed_out() => Outcome::Timeout,
            Some(_) => Outcome::Fail,
        }
    }

    pub fn passed(&self) -> bool {
        self.exit_code == Some(0)
    }

    /// Finished and not passed (timeouts included).
    pub fn failed(&self) -> bool {
        self.exit_code.is_some_and(|c| c != 0)
    }

    /// The daemon's own words for a timeout: `Health check exceeded timeout (2s)`.
    pub fn timed_out(&self) -> bool {
        self.exit_code == Some(EXIT_DAEMON_ERROR)
            && self
                .output
                .as_deref()
                .is_some_and(|o| o.contains("exceeded timeout"))
    }

    /// How long it ran, when its end is known.
    pub fn duration(&self) -> Option<Nanos> {
        self.end.map(|e| e.saturating_sub(self.start).max(0))
    }

    /// Fills what `other` (the same probe, seen elsewhere) knows and this one does not,
    /// and keeps the better source. Returns whether anything changed.
    pub fn absorb(&mut self, other: &Probe) -> bool {
        let before = self.clone();
        self.end = self.end.or(other.end);
        self.exit_code = self.exit_code.or(other.exit_code);
        if self.output.is_none() {
            self.output = other.output.clone();
        }
        self.source = self.source.max(other.source);
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_follow_the_exit_code_and_the_daemons_words() {
        let p = |code, out: &str| Probe::daemon(0, Some(5), code, out);
        assert_eq!(p(0, "ok").outcome(), Outcome::Pass);
        assert_eq!(p(1, "refused").outcome(), Outcome::Fail);
        assert_eq!(
            p(-1, "Health check exceeded timeout (2s)").outcome(),
            Outcome::Timeout
        );
        assert_eq!(p(-1, "OCI runtime exec failed").outcome(), Outcome::Fail);
        let mut open = p(0, "");
        open.exit_code = None;
        assert_eq!(open.outcome(), Outcome::Unknown);
        assert!(!open.failed() && !open.passed());
    }

    #[test]
    fn absorbing_fills_gaps_and_keeps_the_best_source() {
        let mut seen = Probe {
            start: 10,
            end: Some(20),
            exit_code: Some(1),
            output: None,
            source: Source::Captured,
        };
        let daemon = Probe::daemon(10, Some(21), 1, "refused\n");
        assert!(seen.absorb(&daemon));
        assert_eq!(seen.output.as_deref(), Some("refused\n"));
        assert_eq!(seen.end, Some(20));
        assert_eq!(seen.source, Source::Daemon);
        assert!(!seen.absorb(&daemon));
    }
}
