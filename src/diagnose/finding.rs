//! A finding: one thing a rule noticed, with the guide section it comes from and how to fix it.

use serde::Serialize;

use super::Section;

/// How bad a finding is. Ordered: `Info < Warn < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warn,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a rule noticed. `id` is the rule's id, stable across releases (scripts and
/// suppression files match on it); `section` is the guide heading the rule comes from;
/// `paths` are the files or places it is about (for SARIF locations and lists), if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: &'static str,
    pub severity: Severity,
    pub section: Section,
    pub title: String,
    pub evidence: String,
    pub fix: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

impl Finding {
    pub fn new(id: &'static str, severity: Severity, section: Section) -> Self {
        Finding {
            id,
            severity,
            section,
            title: String::new(),
            evidence: String::new(),
            fix: String::new(),
            paths: Vec::new(),
        }
    }

    /// Overrides the rule's default severity (e.g. a warning that is an error here).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn paths(mut self, paths: impl IntoIterator<Item = String>) -> Self {
        self.paths = paths.into_iter().collect();
        self
    }

    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    pub fn evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = evidence.into();
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }
}
