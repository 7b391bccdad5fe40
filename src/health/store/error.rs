//! What can go wrong with the history store, said for people: which file, what happened,
//! and what to do. A file docktor did not make, or made by a newer docktor, is never
//! overwritten.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path}: not a SQLite database, so not a docktor history store; docktor leaves it as it is. Move it away, or give another file with --store"
    )]
    NotSqlite { path: PathBuf },
    #[error(
        "{path}: a SQLite database of another program (application id {app_id:#x}); docktor leaves it as it is. Give another file with --store"
    )]
    Foreign { path: PathBuf, app_id: i64 },
    #[error(
        "{path}: written by a newer docktor (store schema {found}; this docktor reads up to {supported}); it is left as it is. Use the newer docktor, or give another file with --store"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "cannot write the history store {path}: {cause}. Make its directory writable, set XDG_STATE_HOME to a writable directory, or give another file with --store"
    )]
    Unwritable { path: PathBuf, cause: String },
    #[error(
        "the disk holding the history store {path} is full: probes are not being saved. Free some space, or keep less history (--keep-days, --keep-probes)"
    )]
    Full { path: PathBuf },
    #[error("history store {path}: could not {doing}: {cause}")]
    Sqlite {
        path: PathBuf,
        doing: String,
        cause: String,
    },
}

impl StoreError {
    /// Sorts a SQLite error on `path` while `doing` something into what people can act on.
    pub fn from_sqlite(path: &Path, doing: &str, e: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotSqlite { path },
            Some(ErrorCode::DiskFull) => StoreError::Full { path },
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::Unwritable {
                    path,
                    cause: e.to_string(),
                }
            }
            _ => StoreError::Sqlite {
                path,
                doing: doing.to_string(),
                cause: e.to_string(),
            },
        }
    }

    /// True when the store is fine but could not take this write (full disk, busy): a
    /// recorder says so and goes on.
    pub fn is_transient(&self) -> bool {
        matches!(self, StoreError::Full { .. } | StoreError::Sqlite { .. })
    }
}
