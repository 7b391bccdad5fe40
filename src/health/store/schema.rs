//! The store's schema (version 1) and the check made on every open: a docktor store is a
//! SQLite file with docktor's application id; its `user_version` is the schema version.
//!
//! - `engines`: one row per engine followed (`key`: the daemon's ID, or its URI);
//! - `containers`: per engine and container ID, with the last name and image seen;
//! - `runs`: each `StartedAt` seen (history is grouped by run);
//! - `probes`: one row per probe, keyed by container and start (nanoseconds) — the unique
//!   key that keeps two recorders from writing a probe twice;
//! - `transitions`: `health_status` events.

/// `dktr`: marks a SQLite file as docktor's (`PRAGMA application_id`).
pub const APPLICATION_ID: i64 = 0x646b_7472;
/// The schema this docktor writes and reads.
pub const VERSION: i64 = 1;

pub const CREATE: &str = "
CREATE TABLE engines (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    uri TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE TABLE containers (
    id INTEGER PRIMARY KEY,
    engine INTEGER NOT NULL REFERENCES engines(id) ON DELETE CASCADE,
    container_id TEXT NOT NULL,
    name TEXT NOT NULL,
    image TEXT NOT NULL DEFAULT '',
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    removed_at INTEGER,
    UNIQUE (engine, container_id)
);
CREATE INDEX containers_by_name ON containers (engine, name);
CREATE TABLE runs (
    container INTEGER NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    PRIMARY KEY (container, started_at)
) WITHOUT ROWID;
CREATE TABLE probes (
    container INTEGER NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER,
    exit_code INTEGER,
    output TEXT,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (container, start_ns)
) WITHOUT ROWID;
CREATE TABLE transitions (
    container INTEGER NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    time_ns INTEGER NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (container, time_ns, status)
) WITHOUT ROWID;
";
