//! The build context check (`docktor context [DIR]`): what `docker build` would send from a
//! directory, read with Docker's own `.dockerignore` rules — its size, the largest paths,
//! files the build cannot read, and sensitive files that would be sent.
//!
//! Docker's matching is reproduced as moby's patternmatcher and the two walkers that use it
//! (BuildKit's fsutil and the classic builder's tar) do it: there is no crate for it, and
//! the gitignore crates differ on purpose (`*` crosses no `/` in both, but gitignore has no
//! exception-under-excluded-directory rule, no `**` suffix shortcut and no Go regexp quirks).

pub mod check;
pub mod clean;
pub mod glob;
pub mod ignorefile;
pub mod matcher;
pub mod pattern;
pub mod report;
pub mod sensitive;
pub mod walk;

pub use check::{ContextError, Options, check};
pub use report::ContextReport;
pub use walk::Builder;

#[cfg(test)]
mod tests;
