//! Time as the health history keeps it: Unix nanoseconds (`i64`, good until 2262), the
//! daemon's RFC 3339 stamps parsed to them, and the short forms people read ("08:52:41",
//! "3m ago"). Probe times are the daemon's clock; "now" is the host's, corrected by the
//! skew seen between the two (see [`Clock`]).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Unix nanoseconds.
pub type Nanos = i64;

pub const SECOND: Nanos = 1_000_000_000;

/// `SystemTime` → Unix nanoseconds (times before 1970 are 0, after 2262 saturate).
pub fn nanos_of(t: SystemTime) -> Nanos {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(_) => 0,
    }
}

/// A `Duration` as nanoseconds (saturating).
pub fn nanos_in(d: Duration) -> Nanos {
    i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
}

/// Nanoseconds → `Duration` (negative gives zero).
pub fn duration(ns: Nanos) -> Duration {
    Duration::from_nanos(u64::try_from(ns).unwrap_or(0))
}

/// The host's clock now.
pub fn host_now() -> Nanos {
    nanos_of(SystemTime::now())
}

/// Parses the daemon's stamps (`2026-12-01T08:52:41.198323595Z`, `…+01:00`) to Unix
/// nanoseconds. The zero time (`0001-01-01T00:00:00Z`: never) and garbage give `None`.
pub fn parse_rfc3339(s: &str) -> Option<Nanos> {
    crate::clock::parse_rfc3339_nanos(s)
}

/// (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `2026-12-01 08:52:41` (UTC).
pub fn datetime(ns: Nanos) -> String {
    let secs = ns.div_euclid(SECOND);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02} {}", clock(ns))
}

/// `08:52:41` (UTC).
pub fn clock(ns: Nanos) -> String {
    let s = ns.div_euclid(SECOND).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

/// RFC 3339 with nanoseconds, as JSON output carries times: `2026-12-01T08:52:41.198323595Z`.
pub fn rfc3339(ns: Nanos) -> String {
    let secs = ns.div_euclid(SECOND);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!(
        "{y:04}-{m:02}-{d:02}T{}.{:09}Z",
        clock(ns),
        ns.rem_euclid(SECOND)
    )
}

/// A probe's duration for people: `87 ms`, `1.2 s`, `2m05s`.
pub fn span(ns: Nanos) -> String {
    let ns = ns.max(0);
    if ns < SECOND {
        format!("{} ms", ns / 1_000_000)
    } else if ns < 60 * SECOND {
        format!("{:.1} s", ns as f64 / SECOND as f64)
    } else {
        let s = ns / SECOND;
        format!("{}m{:02}s", s / 60, s % 60)
    }
}

/// The host's clock and how far the daemon's runs ahead of it (`skew`, nanoseconds:
/// positive when the daemon is ahead). "Failing for 3m" is measured on the daemon's clock,
/// so a skewed host never shows a probe in the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    pub host_now: Nanos,
    pub skew: Nanos,
}

impl Clock {
    pub fn at(host_now: Nanos) -> Clock {
        Clock { host_now, skew: 0 }
    }

    /// The daemon's "now".
    pub fn daemon_now(&self) -> Nanos {
        self.host_now.saturating_add(self.skew)
    }

    /// How long ago a daemon time was (never negative).
    pub fn ago(&self, daemon_time: Nanos) -> Nanos {
        self.daemon_now().saturating_sub(daemon_time).max(0)
    }

    /// Learns the skew from a daemon time seen "just now" (an event as it arrives): only
    /// a daemon ahead of the host needs correcting, and only by more than a second.
    pub fn observe(&mut self, daemon_time: Nanos) {
        let ahead = daemon_time.saturating_sub(self.host_now);
        if ahead > SECOND && ahead > self.skew {
            self.skew = ahead;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daemon_stamps_parse_to_nanoseconds() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2026-12-01T08:52:41.198323595Z"),
            Some(1_796_115_161_198_323_595)
        );
        assert_eq!(
            parse_rfc3339("2026-12-01T09:52:41.5+01:00"),
            Some(1_796_115_161_500_000_000)
        );
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("yesterday"), None);
        assert_eq!(parse_rfc3339("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn times_print_back() {
        let t = 1_796_115_161_198_323_595;
        assert_eq!(rfc3339(t), "2026-12-01T08:52:41.198323595Z");
        assert_eq!(datetime(t), "2026-12-01 08:52:41");
        assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t));
        assert_eq!(span(87_000_000), "87 ms");
        assert_eq!(span(1_250_000_000), "1.2 s");
        assert_eq!(span(125 * SECOND), "2m05s");
    }

    #[test]
    fn a_daemon_ahead_of_the_host_never_shows_the_future() {
        let mut c = Clock::at(100 * SECOND);
        assert_eq!(c.ago(130 * SECOND), 0);
        c.observe(130 * SECOND);
        assert_eq!(c.skew, 30 * SECOND);
        assert_eq!(c.ago(125 * SECOND), 5 * SECOND);
        c.observe(100 * SECOND + 1);
        assert_eq!(c.skew, 30 * SECOND, "small differences are noise");
    }
}
