//! The probe history store that `docktor record` fills and the TUI and `docktor health`
//! read: one SQLite file (rusqlite, SQLite bundled), by default under the XDG state
//! directory (`path.rs`).
//!
//! Safe against the ways a recorder ends: WAL journal, one transaction per probe, so a
//! `SIGKILL` loses at most the probe being written and never corrupts the file; two
//! recorders share one store (the probe's key is its container and start, and writers
//! wait for each other's lock instead of failing). A file that is not a docktor store, or
//! that a newer docktor wrote, is refused with a clear message and never overwritten.

mod error;
pub mod path;
mod read;
mod retention;
mod schema;
#[cfg(test)]
mod tests;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use error::StoreError;
pub use read::{Recorded, StoredContainer};
pub use retention::Retention;
pub use schema::{APPLICATION_ID, VERSION};
pub use write::{ContainerRef, EngineRef};

/// How long a writer waits for another one's lock before it gives up on a write.
const BUSY_WAIT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path` for writing, creating it (and its directory) when absent.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Unwritable {
                path: path.to_path_buf(),
                cause: format!("cannot create {}: {e}", dir.display()),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let mut store = Store::connect(path, flags)?;
        store.prepare(true)?;
        Ok(store)
    }

    /// Opens an existing store to read it (`None` when there is no file: nothing recorded).
    pub fn open_existing(path: &Path) -> Result<Option<Store>, StoreError> {
        if !path.exists() {
            return Ok(None);
        }
        // Read-write without create lets SQLite use the WAL index; a read-only directory
        // still allows a read-only open.
        let rw = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .and_then(|mut s| s.prepare(false).map(|()| s));
        let store = match rw {
            Ok(s) => s,
            Err(StoreError::Unwritable { .. }) => {
                let mut s = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                s.prepare(false)?;
                s
            }
            Err(e) => return Err(e),
        };
        // An empty file (a recorder killed before it made the tables) holds nothing yet.
        Ok((store.ids()?.1 > 0).then_some(store))
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Store, StoreError> {
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::from_sqlite(path, "open it", e))?;
        conn.busy_timeout(BUSY_WAIT)
            .map_err(|e| StoreError::from_sqlite(path, "set its lock wait", e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, doing: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        let doing = doing.to_string();
        move |e| StoreError::from_sqlite(&self.path, &doing, e)
    }

    /// Checks that the file is a docktor store this docktor can read; with `create`,
    /// makes an empty file one. Then WAL, normal sync, foreign keys.
    fn prepare(&mut self, create: bool) -> Result<(), StoreError> {
        let (app_id, version) = self.ids()?;
        if app_id == 0 && version == 0 && self.is_empty()? {
            if create {
                self.create()?;
            }
        } else {
            self.check(app_id, version)?;
        }
        if create {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
                .map_err(self.err("switch to WAL"))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Sqlite {
                    path: self.path.clone(),
                    doing: "switch to WAL".into(),
                    cause: format!("the journal stays in {mode} mode"),
                });
            }
        }
        self.conn
            .execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(self.err("set its options"))
    }

    fn ids(&self) -> Result<(i64, i64), StoreError> {
        let q = |p: &str| {
            self.conn
                .pragma_query_value(None, p, |r| r.get::<_, i64>(0))
                .map_err(self.err("read its header"))
        };
        Ok((q("application_id")?, q("user_version")?))
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(self.err("read its tables"))?;
        Ok(n == 0)
    }

    fn check(&self, app_id: i64, version: i64) -> Result<(), StoreError> {
        if app_id != APPLICATION_ID {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
                app_id,
            });
        }
        if version > VERSION {
            return Err(StoreError::Newer {
                path: self.path.clone(),
                found: version,
                supported: VERSION,
            });
        }
        Ok(())
    }

    /// Creates the schema; two recorders starting at once on a new file: the second one
    /// finds it made when it gets the lock.
    fn create(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, "create its tables", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if version == 0 {
            tx.execute_batch(schema::CREATE).map_err(err)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(err)?;
            tx.pragma_update(None, "user_version", VERSION)
                .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    /// SQLite's own integrity check (`ok` when the file is sound).
    pub fn integrity(&self) -> Result<String, StoreError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(self.err("check its integrity"))
    }
}
