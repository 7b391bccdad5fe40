//! `.docktorignore`: rules `docktor check` does not count, each with the reason — as
//! `.dockleignore` and hadolint's `ignored` do. One rule per line:
//!
//! ```text
//! # comments and blank lines are skipped
//! runtime.memory-limit   limits are set by the Kubernetes deployment
//! layers.git-dir         setuptools-scm reads .git at runtime
//! health.*               health is probed by the load balancer
//! ```
//!
//! A line is a rule id (or `area.*` for every rule of an area), then whitespace, then the
//! reason (a leading `#`, `:` or `-` before it is dropped). A line without a reason, or with
//! an id no rule has, is a warning naming the line; the rest of the file still applies.

use std::path::{Path, PathBuf};

use crate::diagnose::RULES;

/// The file looked for in the current directory.
pub const FILE: &str = ".docktorignore";

/// One line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// As written: `layers.git-dir` or `health.*`.
    pub pattern: String,
    pub reason: String,
    pub line: usize,
}

impl Suppression {
    pub fn matches(&self, id: &str) -> bool {
        match self.pattern.strip_suffix(".*") {
            Some(area) => id.split_once('.').is_some_and(|(a, _)| a == area),
            None => self.pattern == id,
        }
    }
}

/// A suppression file, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    /// As named to the user.
    pub file: String,
    pub entries: Vec<Suppression>,
    /// `FILE:LINE: what is wrong`, for stderr and the reports.
    pub warnings: Vec<String>,
}

impl Suppressions {
    /// Reads `text`; `file` names it in warnings.
    pub fn parse(text: &str, file: &str) -> Suppressions {
        let mut s = Suppressions {
            file: file.to_string(),
            ..Default::default()
        };
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let t = raw.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let (pattern, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
            let pattern = pattern.trim_end_matches(':');
            let reason = rest
                .trim()
                .trim_start_matches(['#', ':', '-'])
                .trim()
                .to_string();
            let known = RULES.iter().any(|r| {
                Suppression {
                    pattern: pattern.into(),
                    reason: String::new(),
                    line,
                }
                .matches(r.id)
            });
            if !known {
                s.warnings.push(format!(
                    "{file}:{line}: no rule has the id `{pattern}` (see `docktor check --format json` checks[].id); the line is ignored"
                ));
                continue;
            }
            if reason.is_empty() {
                s.warnings.push(format!(
                    "{file}:{line}: `{pattern}` is suppressed without a reason: say why after the id"
                ));
            }
            s.entries.push(Suppression {
                pattern: pattern.to_string(),
                reason: if reason.is_empty() {
                    "(no reason given)".into()
                } else {
                    reason
                },
                line,
            });
        }
        s
    }

    /// The first line that suppresses `id`.
    pub fn find(&self, id: &str) -> Option<&Suppression> {
        self.entries.iter().find(|e| e.matches(id))
    }
}

/// Loads `explicit` (`--ignore-file`, must exist), else `cwd/.docktorignore` when present.
pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Option<Suppressions>, String> {
    let (shown, path): (String, PathBuf) = match explicit {
        Some(p) => (p.display().to_string(), cwd.join(p)),
        None => {
            let p = cwd.join(FILE);
            if !p.exists() {
                return Ok(None);
            }
            (FILE.to_string(), p)
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!("cannot read the suppression file {shown}: {e} (give another with --ignore-file)")
    })?;
    Ok(Some(Suppressions::parse(&text, &shown)))
}
