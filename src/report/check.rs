//! What `docktor check` reports, whatever the format: the subject, the checklist (every
//! rule's verdict, suppressions applied), how each fact was gathered, the `--fail-on` level
//! and the suppression file's warnings. `check_text`, `check_json`, `check_markdown` and
//! `check_sarif` render it.

use crate::checklist::{Checklist, Row};
use crate::diagnose::{Fact, Severity, Status, Subject, Verdict};

/// How one fact was gathered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRun {
    pub fact: Fact,
    pub took_ms: u64,
    /// Why it could not be gathered, if it could not.
    pub unavailable: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CheckReport {
    pub subject: Subject,
    /// A container's image, as it was created from it.
    pub image: Option<String>,
    pub checklist: Checklist,
    pub facts: Vec<FactRun>,
    pub fail_on: Severity,
    /// The suppression file in use, as named.
    pub ignore_file: Option<String>,
    pub warnings: Vec<String>,
}

impl CheckReport {
    /// Is a finding at or above `--fail-on` left (exit 1)?
    pub fn failed(&self) -> bool {
        self.checklist.fails_at(self.fail_on)
    }

    /// `container dfx-web (image web:1)`, `image web:1`, `build context .`.
    pub fn title(&self) -> String {
        match (&self.subject, &self.image) {
            (Subject::Container { name, .. }, Some(i)) => format!("container {name} (image {i})"),
            (Subject::Container { name, .. }, None) => format!("container {name}"),
            (Subject::Image { reference }, _) => format!("image {reference}"),
            (Subject::Context { dir }, _) => format!("build context {dir}"),
            (Subject::Engine { host }, _) => format!("engine {host}"),
        }
    }

    /// `2 failed, 3 warnings, 20 passed, 5 not applicable, 4 unknown, 1 suppressed`.
    pub fn tally(&self) -> String {
        let c = self.checklist.counts();
        let mut parts = vec![
            format!("{} failed", c.fail),
            format!("{} warnings", c.warn),
            format!("{} passed", c.pass),
            format!("{} not applicable", c.not_applicable),
            format!("{} unknown", c.unknown),
        ];
        if c.suppressed > 0 {
            parts.push(format!("{} suppressed", c.suppressed));
        }
        parts.join(", ")
    }

    /// The closing sentence: what the exit code is and why.
    pub fn verdict_line(&self) -> String {
        let at = self.fail_on.as_str();
        if self.failed() {
            format!("exit 1: a finding at or above --fail-on {at}")
        } else {
            format!("exit 0: nothing at or above --fail-on {at}")
        }
    }
}

/// A row's status for people and machines, suppression shown.
pub fn status_word(r: &Row) -> &'static str {
    if r.suppressed.is_some() && !r.findings().is_empty() {
        return "suppressed";
    }
    r.status().as_str()
}

/// A short symbol for a status (text and the Doctor view share the words, not the glyphs).
pub fn mark(r: &Row) -> &'static str {
    if r.suppressed.is_some() && !r.findings().is_empty() {
        return "~";
    }
    match r.status() {
        Status::Pass => "✔",
        Status::Fail => "✘",
        Status::Warn => "!",
        Status::NotApplicable => "-",
        Status::Unknown => "?",
        Status::Pending => "…",
    }
}

/// The fact and why, for an unknown verdict.
pub fn unknown_of(r: &Row) -> Option<(Fact, &str)> {
    match &r.outcome.verdict {
        Verdict::Unknown { fact, why } => Some((*fact, why.as_str())),
        _ => None,
    }
}
