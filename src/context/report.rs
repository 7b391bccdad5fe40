//! The result of a context check: what would be sent, what the `.dockerignore` keeps out,
//! and what is wrong — the facts the `context.*` rules read.

use serde::Serialize;

use super::sensitive::Concern;
use super::walk::{Builder, Kind, Sent, Unreadable};

/// One pattern of the ignore file, with what it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatternInfo {
    /// 1-based line in the ignore file (0: added by the classic builder's client).
    pub line: usize,
    pub pattern: String,
    pub exception: bool,
    /// Paths this pattern was the last to exclude (directories count once).
    pub excluded: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsupported: Option<String>,
}

/// Docker refuses the ignore file: `docker build` fails before sending anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub line: usize,
    pub error: String,
}

/// A path (file or directory total) among the largest sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Largest {
    pub path: String,
    pub kind: Kind,
    pub bytes: u64,
    /// Files below it (1 for a file).
    pub files: u64,
}

/// A path the guide's `.dockerignore` would keep out, sent anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sensitive {
    pub path: String,
    pub concern: Concern,
    pub why: String,
    pub bytes: u64,
    pub files: u64,
}

/// Everything a context check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextReport {
    pub dir: String,
    pub builder: Builder,
    pub dockerfile: String,
    /// The ignore file in effect, relative to `dir` (`None`: there is none).
    pub ignore_file: Option<String>,
    pub patterns: Vec<PatternInfo>,
    pub refused: Option<Refusal>,
    pub files: u64,
    pub dirs: u64,
    pub symlinks: u64,
    /// Bytes of the files sent.
    pub bytes: u64,
    pub excluded_files: u64,
    pub excluded_bytes: u64,
    pub largest: Vec<Largest>,
    pub unreadable: Vec<Unreadable>,
    pub sensitive: Vec<Sensitive>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub non_utf8: Vec<String>,
    /// Every path sent, in walk order (only kept when asked for: `--list`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<Sent>,
}

impl ContextReport {
    /// Patterns docktor cannot reproduce exactly (named, never matched differently in silence).
    pub fn unsupported(&self) -> impl Iterator<Item = &PatternInfo> {
        self.patterns.iter().filter(|p| p.unsupported.is_some())
    }

    /// Sensitive paths of one concern.
    pub fn of(&self, c: Concern) -> impl Iterator<Item = &Sensitive> {
        self.sensitive.iter().filter(move |s| s.concern == c)
    }
}
