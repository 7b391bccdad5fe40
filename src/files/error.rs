//! What can go wrong reading a container's files, said for people: which container and path,
//! what happened, what to do next.

/// An error of a files walk. `entries` is how many entries were read before it: what was
/// read is kept and shown, marked incomplete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilesError {
    #[error("the walk was cancelled after {entries} entries")]
    Cancelled { entries: u64 },
    #[error("reading the tar stream failed after {entries} entries: {detail}")]
    Stream { entries: u64, detail: String },
    #[error(
        "{path} does not exist in {target}: check the path (`--path`, or the profile's app_dir)"
    )]
    NoSuchPath { target: String, path: String },
    #[error("{target} is gone (removed while docktor read it): {detail}")]
    Gone { target: String, detail: String },
    /// The engine's own words (they say what, where and what to do).
    #[error("{0}")]
    Engine(String),
    #[error("the local walk cannot be used: {0}")]
    LocalUnavailable(String),
    #[error("walking {path} on the local disk failed: {detail}")]
    Local { path: String, detail: String },
}

impl FilesError {
    /// Entries read before the error (0 when none were).
    pub fn entries(&self) -> u64 {
        match self {
            FilesError::Cancelled { entries } | FilesError::Stream { entries, .. } => *entries,
            _ => 0,
        }
    }
}
