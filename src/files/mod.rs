//! The files inside a container (or an image): the tree under the app dir read as a tar
//! stream from the Engine API's archive endpoint (no shell, no exec: works on distroless and
//! scratch images and on stopped containers) or, when the engine is local, from the
//! container's overlay2 layer directories; owners named from the container's own
//! `/etc/passwd` and `/etc/group`; what the runtime user can read, write and enter.
//!
//! - `entry`, `tree`: one entry of the stream, the tree built from them (sizes per folder);
//! - `walk`: the tar stream reader (bounded memory, progress, cancel);
//! - `local`: the overlay2 fast path (same entries as the archive);
//! - `accounts`, `user`, `access`, `rights`: users and groups, the runtime user, rights;
//! - `mounts`: mount points and where they come from;
//! - `audit`: what the rules look for (ownership, excluded files, Python specifics);
//! - `expect`: `[[files.expect]]` expectations in container-structure-test's terms;
//! - `facts`: the two parts the rule engine reads;
//! - `mode`, `escape`: `drwxr-x---` strings, non-UTF-8 names shown escaped.
//!
//! Pure except `local` (reads the local disk); talks to no daemon.

pub mod access;
pub mod accounts;
mod accounts_parse;
pub mod audit;
pub mod engine_source;
pub mod entry;
pub mod error;
pub mod escape;
pub mod expect;
pub mod facts;
pub mod gather;
pub mod local;
pub mod mode;
pub mod mounts;
pub mod outline;
pub mod rights;
pub mod synthetic;
pub mod tree;
mod tree_paths;
pub mod user;
pub mod walk;
pub mod wanted;

#[cfg(test)]
mod accounts_tests;
#[cfg(test)]
mod tree_tests;

pub use entry::{Entry, Kind};
pub use error::FilesError;
pub use facts::{Outside, Runtime, RuntimeInput, Via, Walked};
pub use tree::{Node, NodeId, ROOT, Tree};
