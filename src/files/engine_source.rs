//! The [`Source`] of a container's files on docktor's engine: inspect, and the archive
//! endpoint's tar stream (no exec).
//!
//! Until the engine has the archive endpoint (engine-surfaces), this says so instead of
//! reading; the gatherer and its tests work through any other `Source` meanwhile.

use super::gather::Source;
use crate::engine::Engine;

/// The files of `container` on `engine`.
pub fn source(_engine: &Engine, container: &str) -> Result<Box<dyn Source + Send>, String> {
    Err(format!(
        "cannot read the files of {container}: this build's engine has no archive endpoint yet"
    ))
}
