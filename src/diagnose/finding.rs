//! A finding: one thing a rule noticed, with the guide section it comes from and how to fix it.

use serde::Serialize;

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

/// One result of a rule. `id` is stable across releases (scripts match on it);
/// `section` names the heading of the optimization guide the rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: &'static str,
    pub severity: Severity,
    pub section: &'static str,
    pub title: String,
    pub evidence: String,
    pub fix: String,
}

impl Finding {
    pub fn new(id: &'static str, severity: Severity, section: &'static str) -> Self {
        Finding {
            id,
            severity,
            section,
            title: String::new(),
            evidence: String::new(),
            fix: String::new(),
        }
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
