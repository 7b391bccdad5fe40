//! The wall clock, read in one place: the TUI and the commands take the time as a value
//! (`App::now`), so views and updates stay deterministic in tests.

/// Unix seconds now (0 if the system clock is before 1970).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Parses an RFC 3339 stamp as the daemon writes them (`2026-12-01T08:52:41.198323595Z`,
/// `…+01:00`) to Unix nanoseconds, with the `time` crate. The zero time
/// (`0001-01-01T00:00:00Z`: never), any stamp before 1970 and garbage give `None`.
pub fn parse_rfc3339_nanos(s: &str) -> Option<i64> {
    let t = time::OffsetDateTime::parse(s.trim(), &time::format_description::well_known::Rfc3339)
        .ok()?;
    if t.year() < 1970 {
        return None;
    }
    i64::try_from(t.unix_timestamp_nanos()).ok()
}
