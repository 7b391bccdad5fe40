//! The daemon's times as `SystemTime`, with their nanoseconds (health probes last
//! milliseconds; their start times identify them).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::containers::parse_rfc3339;

/// `2026-11-29T18:49:13.123456789Z` or `…+01:00` → a `SystemTime`. The zero time Go writes
/// for "never" (`0001-01-01T00:00:00Z`), an empty string and garbage give `None`.
pub fn parse_timestamp(s: &str) -> Option<SystemTime> {
    let secs = parse_rfc3339(s.trim())?;
    let nanos = fraction_nanos(s);
    let base = if secs >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(secs.unsigned_abs()))?
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(secs.unsigned_abs()))?
    };
    base.checked_add(Duration::from_nanos(nanos))
}

/// The digits after the seconds' `.`, as nanoseconds (at most 9 digits count).
fn fraction_nanos(s: &str) -> u64 {
    let Some((_, time)) = s.split_once('T') else {
        return 0;
    };
    let Some((_, frac)) = time.split_once('.') else {
        return 0;
    };
    let digits: String = frac
        .chars()
        .take_while(char::is_ascii_digit)
        .take(9)
        .collect();
    let n: u64 = digits.parse().unwrap_or(0);
    n * 10u64.pow(9 - digits.len() as u32)
}

/// A time as Unix seconds and nanoseconds, as `since`/`until` of the events API accept it.
pub fn unix_with_nanos(t: SystemTime) -> String {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => format!("{}.{:09}", d.as_secs(), d.subsec_nanos()),
        Err(_) => "0".to_string(),
    }
}

/// Nanoseconds as the Engine API counts durations (health check settings); 0 or less
/// means "not set" (the daemon's default applies) and gives `None`.
pub fn nanos(n: Option<i64>) -> Option<Duration> {
    n.filter(|n| *n > 0).map(|n| Duration::from_nanos(n as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_keep_their_nanoseconds() {
        let t = parse_timestamp("2026-12-01T08:38:27.286993764Z").unwrap();
        let d = t.duration_since(UNIX_EPOCH).unwrap();
        assert_eq!(d.subsec_nanos(), 286_993_764);
        let same = parse_timestamp("2026-12-01T09:38:27.286993764+01:00").unwrap();
        assert_eq!(t, same);
        let short = parse_timestamp("2026-12-01T08:38:27.5Z").unwrap();
        assert_eq!(
            short.duration_since(UNIX_EPOCH).unwrap().subsec_nanos(),
            500_000_000
        );
        assert!(parse_timestamp("2026-12-01T08:38:27Z").is_some());
        assert_eq!(parse_timestamp("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_timestamp(""), None);
        assert_eq!(parse_timestamp("soon"), None);
    }

    #[test]
    fn since_is_written_with_nanoseconds() {
        let t = UNIX_EPOCH + Duration::new(1_796_114_307, 5);
        assert_eq!(unix_with_nanos(t), "1796114307.000000005");
    }

    #[test]
    fn zero_durations_are_unset() {
        assert_eq!(nanos(Some(0)), None);
        assert_eq!(nanos(None), None);
        assert_eq!(nanos(Some(-1)), None);
        assert_eq!(
            nanos(Some(1_500_000_000)),
            Some(Duration::from_millis(1500))
        );
    }
}
