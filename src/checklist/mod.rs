//! The guide's checklist for one subject: every rule's verdict, grouped by the guide's parts
//! (`Section::group()`) and sections, with the suppressions of a `.docktorignore` applied.
//! The Doctor view draws it; `docktor check` renders it (`report/check*.rs`). Pure.

pub mod suppress;

use crate::diagnose::{Finding, Group, Outcome, Section, Severity, Status};
pub use suppress::{Suppression, Suppressions};

/// One rule's line.
#[derive(Debug, Clone)]
pub struct Row {
    pub outcome: Outcome,
    /// Set when a `.docktorignore` line suppresses the rule.
    pub suppressed: Option<Suppression>,
}

impl Row {
    pub fn status(&self) -> Status {
        self.outcome.status()
    }

    pub fn findings(&self) -> &[Finding] {
        self.outcome.verdict.findings()
    }

    pub fn section(&self) -> Section {
        self.outcome.rule.section
    }
}

/// The rows of one part of the guide, in the registry's order within each section.
#[derive(Debug, Clone)]
pub struct Part {
    pub group: Group,
    pub rows: Vec<Row>,
}

/// How many rows have each status (suppressed ones apart).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub warn: usize,
    pub not_applicable: usize,
    pub unknown: usize,
    pub pending: usize,
    pub suppressed: usize,
}

#[derive(Debug, Clone)]
pub struct Checklist {
    pub parts: Vec<Part>,
}

/// The order the parts are shown in: the guide's troubleshooting first.
pub const GROUPS: [Group; 4] = [
    Group::BuildIssues,
    Group::RuntimeIssues,
    Group::Security,
    Group::Image,
];

impl Checklist {
    /// Groups `outcomes`; `ignore` suppresses rules by id.
    pub fn new(outcomes: Vec<Outcome>, ignore: Option<&Suppressions>) -> Checklist {
        let mut rows: Vec<Row> = outcomes
            .into_iter()
            .map(|o| Row {
                suppressed: ignore.and_then(|s| s.find(o.rule.id)).cloned(),
                outcome: o,
            })
            .collect();
        // Stable: within a part, by the guide's section order, then the registry's.
        rows.sort_by_key(|r| r.section());
        let parts = GROUPS
            .iter()
            .map(|g| Part {
                group: *g,
                rows: rows
                    .iter()
                    .filter(|r| r.section().group() == *g)
                    .cloned()
                    .collect(),
            })
            .filter(|p| !p.rows.is_empty())
            .collect();
        Checklist { parts }
    }

    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.parts.iter().flat_map(|p| p.rows.iter())
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in self.rows() {
            if r.suppressed.is_some() && !r.findings().is_empty() {
                c.suppressed += 1;
                continue;
            }
            match r.status() {
                Status::Pass => c.pass += 1,
                Status::Fail => c.fail += 1,
                Status::Warn => c.warn += 1,
                Status::NotApplicable => c.not_applicable += 1,
                Status::Unknown => c.unknown += 1,
                Status::Pending => c.pending += 1,
            }
        }
        c
    }

    /// The findings that count (not suppressed), most severe first, then by id.
    pub fn findings(&self) -> Vec<&Finding> {
        let mut f: Vec<&Finding> = self
            .rows()
            .filter(|r| r.suppressed.is_none())
            .flat_map(|r| r.findings())
            .collect();
        f.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.id.cmp(b.id)));
        f
    }

    /// The suppressed findings, each with the line that suppresses it.
    pub fn suppressed(&self) -> Vec<(&Finding, &Suppression)> {
        self.rows()
            .filter_map(|r| r.suppressed.as_ref().map(|s| (r, s)))
            .flat_map(|(r, s)| r.findings().iter().map(move |f| (f, s)))
            .collect()
    }

    /// Is a finding at least `at` left (the exit code of `docktor check`)?
    pub fn fails_at(&self, at: Severity) -> bool {
        self.findings().iter().any(|f| f.severity >= at)
    }
}

#[cfg(test)]
mod tests;
