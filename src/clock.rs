//! The wall clock, read in one place: the TUI and the commands take the time as a value
//! (`App::now`), so views and updates stay deterministic in tests.

/// Unix seconds now (0 if the system clock is before 1970).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
