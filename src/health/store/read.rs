//! Reading the store: the containers recorded (by engine, ID or name) and one container's
//! probes, runs and transitions, newest first up to a limit, for the TUI and `docktor health`.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::health::probe::{Probe, Source};
use crate::health::time::Nanos;
use crate::model::Health;

/// A container the store has history for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredContainer {
    pub row: i64,
    pub engine_key: String,
    pub container_id: String,
    pub name: String,
    pub image: String,
    pub first_seen: Nanos,
    pub last_seen: Nanos,
    pub removed_at: Option<Nanos>,
    pub probes: i64,
}

/// One container's recorded history.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recorded {
    /// Oldest first, every one with source `recorded`.
    pub probes: Vec<Probe>,
    pub runs: Vec<Nanos>,
    pub transitions: Vec<(Nanos, Health)>,
}

const CONTAINER_COLUMNS: &str = "c.id, e.key, c.container_id, c.name, c.image, c.first_seen,
    c.last_seen, c.removed_at, (SELECT count(*) FROM probes p WHERE p.container = c.id)";

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredContainer> {
    Ok(StoredContainer {
        row: r.get(0)?,
        engine_key: r.get(1)?,
        container_id: r.get(2)?,
        name: r.get(3)?,
        image: r.get(4)?,
        first_seen: r.get(5)?,
        last_seen: r.get(6)?,
        removed_at: r.get(7)?,
        probes: r.get(8)?,
    })
}

impl Store {
    /// Every container recorded, by engine then name.
    pub fn containers(&self) -> Result<Vec<StoredContainer>, StoreError> {
        let sql = format!(
            "SELECT {CONTAINER_COLUMNS} FROM containers c JOIN engines e ON e.id = c.engine
             ORDER BY e.key, c.name, c.last_seen"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(self.err("list containers"))?;
        let rows = st
            .query_map([], stored)
            .map_err(self.err("list containers"))?;
        rows.collect::<Result<_, _>>()
            .map_err(self.err("list containers"))
    }

    /// The containers of `engine_key` (any engine when `None`) whose ID is `needle`, starts
    /// with it (3 characters or more), or whose last name is it; the latest seen first.
    pub fn find(
        &self,
        engine_key: Option<&str>,
        needle: &str,
    ) -> Result<Vec<StoredContainer>, StoreError> {
        let n = needle.trim_start_matches('/');
        let prefix = if n.chars().count() >= 3 {
            format!("{}%", n.replace(['%', '_'], ""))
        } else {
            n.to_string()
        };
        let sql = format!(
            "SELECT {CONTAINER_COLUMNS} FROM containers c JOIN engines e ON e.id = c.engine
             WHERE (?1 IS NULL OR e.key = ?1)
               AND (c.container_id = ?2 OR c.name = ?2 OR c.container_id LIKE ?3)
             ORDER BY c.last_seen DESC"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(self.err("find a container"))?;
        let rows = st
            .query_map(params![engine_key, n, prefix], stored)
            .map_err(self.err("find a container"))?;
        rows.collect::<Result<_, _>>()
            .map_err(self.err("find a container"))
    }

    /// The store's row for one container of one engine, if recorded.
    pub fn row_of(&self, engine_key: &str, container_id: &str) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT c.id FROM containers c JOIN engines e ON e.id = c.engine
                 WHERE e.key = ?1 AND c.container_id = ?2",
                params![engine_key, container_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err("find a container"))
    }

    /// The newest `limit` probes of a container (returned oldest first), its runs and
    /// transitions.
    pub fn recorded(&self, row: i64, limit: usize) -> Result<Recorded, StoreError> {
        let doing = "read recorded probes";
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT start_ns, end_ns, exit_code, output FROM probes
                 WHERE container = ?1 ORDER BY start_ns DESC LIMIT ?2",
            )
            .map_err(self.err(doing))?;
        let rows = st
            .query_map(params![row, limit], |r| {
                Ok(Probe {
                    start: r.get(0)?,
                    end: r.get(1)?,
                    exit_code: r.get(2)?,
                    output: r.get(3)?,
                    source: Source::Recorded,
                })
            })
            .map_err(self.err(doing))?;
        let mut probes: Vec<Probe> = rows.collect::<Result<_, _>>().map_err(self.err(doing))?;
        probes.reverse();
        let mut st = self
            .conn
            .prepare_cached("SELECT started_at FROM runs WHERE container = ?1 ORDER BY started_at")
            .map_err(self.err(doing))?;
        let runs = st
            .query_map([row], |r| r.get(0))
            .map_err(self.err(doing))?
            .collect::<Result<Vec<Nanos>, _>>()
            .map_err(self.err(doing))?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT time_ns, status FROM transitions WHERE container = ?1 ORDER BY time_ns",
            )
            .map_err(self.err(doing))?;
        let transitions = st
            .query_map([row], |r| {
                Ok((
                    r.get::<_, Nanos>(0)?,
                    Health::parse(&r.get::<_, String>(1)?),
                ))
            })
            .map_err(self.err(doing))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.err(doing))?;
        Ok(Recorded {
            probes,
            runs,
            transitions,
        })
    }

    /// Probes in the store, all containers together.
    pub fn probe_count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM probes", [], |r| r.get(0))
            .map_err(self.err("count probes"))
    }
}
