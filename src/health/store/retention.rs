//! How much history the store keeps: probes younger than `max_age`, and at most
//! `max_probes` per container (the newest). Applied when a recorder starts and then
//! every hour; containers removed from the engine whose probes are all gone go too.

use std::time::Duration;

use rusqlite::{TransactionBehavior, params};

use super::{Store, StoreError};
use crate::health::time::{Nanos, nanos_in};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub max_age: Duration,
    pub max_probes: u32,
}

impl Default for Retention {
    /// 30 days, 20,000 probes per container (a probe every 5 s for 27 hours).
    fn default() -> Self {
        Retention {
            max_age: Duration::from_secs(30 * 86_400),
            max_probes: 20_000,
        }
    }
}

impl Store {
    /// Drops what `keep` does not keep, as of `now`; returns how many probes went.
    pub fn prune(&mut self, keep: Retention, now: Nanos) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, "drop old probes", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let cutoff = now.saturating_sub(nanos_in(keep.max_age));
        let mut gone = tx
            .execute("DELETE FROM probes WHERE start_ns < ?1", [cutoff])
            .map_err(err)?;
        gone += tx
            .execute(
                "DELETE FROM probes WHERE (container, start_ns) IN (
                   SELECT container, start_ns FROM (
                     SELECT container, start_ns,
                            row_number() OVER (PARTITION BY container ORDER BY start_ns DESC) AS n
                     FROM probes)
                   WHERE n > ?1)",
                params![keep.max_probes],
            )
            .map_err(err)?;
        tx.execute("DELETE FROM transitions WHERE time_ns < ?1", [cutoff])
            .map_err(err)?;
        tx.execute(
            "DELETE FROM containers WHERE removed_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM probes p WHERE p.container = containers.id)",
            [],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(gone)
    }
}
