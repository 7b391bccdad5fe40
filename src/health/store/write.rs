//! Writing to the store: engines, containers, runs, probes and transitions. Every write is
//! its own transaction (a killed recorder loses at most the one in flight), and every row
//! has a unique key, so two recorders writing the same probe leave one row.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError};
use crate::health::history::MATCH_WINDOW;
use crate::health::probe::Probe;
use crate::health::time::Nanos;
use crate::model::Health;

/// An engine as the store keys it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineRef {
    /// Stable across reconnects: the daemon's ID at its URI, else the URI (see
    /// `health::gather::engine_key`).
    pub key: String,
    pub uri: String,
    /// e.g. `docker 20.10.24 · unix:///var/run/docker.sock`.
    pub label: String,
}

/// A container as the store keys it (per engine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerRef {
    pub id: String,
    pub name: String,
    pub image: String,
}

impl Store {
    /// The engine's row id (made when new).
    pub fn engine(&mut self, e: &EngineRef) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "INSERT INTO engines (key, uri, label) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET uri = excluded.uri, label = excluded.label
                 RETURNING id",
                params![e.key, e.uri, e.label],
                |r| r.get(0),
            )
            .map_err(self.err("record the engine"))
    }

    /// The container's row id (made when new; its name and image kept current).
    pub fn container(
        &mut self,
        engine: i64,
        c: &ContainerRef,
        seen: Nanos,
    ) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "INSERT INTO containers (engine, container_id, name, image, first_seen, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (engine, container_id) DO UPDATE SET
                   name = excluded.name, image = excluded.image,
                   last_seen = max(last_seen, excluded.last_seen), removed_at = NULL
                 RETURNING id",
                params![engine, c.id, c.name, c.image, seen],
                |r| r.get(0),
            )
            .map_err(self.err("record the container"))
    }

    pub fn add_run(&mut self, container: i64, started_at: Nanos) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO runs (container, started_at) VALUES (?1, ?2)",
                params![container, started_at],
            )
            .map(drop)
            .map_err(self.err("record a container start"))
    }

    /// Stores a probe; returns true when it was not stored before. A probe known already
    /// gets what it lacked (output, end, exit code); one stored from its events alone (no
    /// output) is replaced by the daemon's copy, whose start may differ by microseconds.
    pub fn add_probe(
        &mut self,
        container: i64,
        p: &Probe,
        recorded_at: Nanos,
    ) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, "store a probe", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        if p.output.is_some() {
            tx.execute(
                "DELETE FROM probes WHERE container = ?1 AND output IS NULL
                 AND start_ns BETWEEN ?2 AND ?3 AND start_ns <> ?4
                 AND (exit_code IS NULL OR ?5 IS NULL OR exit_code = ?5)",
                params![
                    container,
                    p.start - MATCH_WINDOW,
                    p.start + MATCH_WINDOW,
                    p.start,
                    p.exit_code
                ],
            )
            .map_err(err)?;
        } else {
            let near: Option<i64> = tx
                .query_row(
                    "SELECT start_ns FROM probes WHERE container = ?1
                     AND start_ns BETWEEN ?2 AND ?3 AND output IS NOT NULL LIMIT 1",
                    params![container, p.start - MATCH_WINDOW, p.start + MATCH_WINDOW],
                    |r| r.get(0),
                )
                .optional()
                .map_err(err)?;
            if near.is_some() {
                tx.commit().map_err(err)?;
                return Ok(false);
            }
        }
        let existed: bool = tx
            .query_row(
                "SELECT 1 FROM probes WHERE container = ?1 AND start_ns = ?2",
                params![container, p.start],
                |_| Ok(true),
            )
            .optional()
            .map_err(err)?
            .is_some();
        tx.execute(
            "INSERT INTO probes (container, start_ns, end_ns, exit_code, output, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (container, start_ns) DO UPDATE SET
               end_ns = coalesce(end_ns, excluded.end_ns),
               exit_code = coalesce(exit_code, excluded.exit_code),
               output = coalesce(output, excluded.output)",
            params![
                container,
                p.start,
                p.end,
                p.exit_code,
                p.output,
                recorded_at
            ],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(!existed)
    }

    /// A `health_status` transition.
    pub fn add_transition(
        &mut self,
        container: i64,
        time: Nanos,
        status: Health,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO transitions (container, time_ns, status) VALUES (?1, ?2, ?3)",
                params![container, time, status.as_str()],
            )
            .map(drop)
            .map_err(self.err("record a health transition"))
    }

    /// The container was removed (its history stays until retention drops it).
    pub fn mark_removed(&mut self, container: i64, at: Nanos) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE containers SET removed_at = ?2 WHERE id = ?1",
                params![container, at],
            )
            .map(drop)
            .map_err(self.err("mark a container removed"))
    }
}
