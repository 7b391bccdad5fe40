//! What a rule says about a target: pass, fail (with findings), not applicable (why), or
//! unknown (which fact could not be gathered, and why) — and, while facts still arrive,
//! pending. A checklist shows all of them; a finding list alone cannot.

use serde::Serialize;

use super::facts::Fact;
use super::finding::{Finding, Severity};
use super::registry::Rule;

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Checked and fine; the evidence says what was seen.
    Pass(String),
    /// Checked and wrong: one finding or more.
    Fail(Vec<Finding>),
    /// The rule does not apply to this target; the reason says why.
    NotApplicable(String),
    /// A fact the rule needs could not be gathered.
    Unknown { fact: Fact, why: String },
    /// A fact the rule needs is still being gathered.
    Pending(Fact),
}

/// How a checklist shows a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Fail,
    Warn,
    Unknown,
    Pending,
    Pass,
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Unknown => "unknown",
            Status::Pending => "pending",
            Status::Pass => "pass",
            Status::NotApplicable => "not-applicable",
        }
    }
}

impl Verdict {
    /// Fail for error findings, warn for warnings; an info-only failure reads as a pass.
    pub fn status(&self) -> Status {
        match self {
            Verdict::Pass(_) => Status::Pass,
            Verdict::Fail(f) => match f.iter().map(|f| f.severity).max() {
                Some(Severity::Error) => Status::Fail,
                Some(Severity::Warn) => Status::Warn,
                _ => Status::Pass,
            },
            Verdict::NotApplicable(_) => Status::NotApplicable,
            Verdict::Unknown { .. } => Status::Unknown,
            Verdict::Pending(_) => Status::Pending,
        }
    }

    /// The findings of a failure (none otherwise).
    pub fn findings(&self) -> &[Finding] {
        match self {
            Verdict::Fail(f) => f,
            _ => &[],
        }
    }

    /// One line of evidence for a checklist row.
    pub fn summary(&self) -> String {
        match self {
            Verdict::Pass(e) | Verdict::NotApplicable(e) => e.clone(),
            Verdict::Fail(f) => match f.as_slice() {
                [one] => one.title.clone(),
                [first, rest @ ..] => format!("{} (+{} more)", first.title, rest.len()),
                [] => String::new(),
            },
            Verdict::Unknown { fact, why } => {
                format!("could not check {}: {why}", fact.describe())
            }
            Verdict::Pending(fact) => format!("reading {}…", fact.describe()),
        }
    }
}

/// A rule and its verdict on one target.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule: &'static Rule,
    pub verdict: Verdict,
}

impl Outcome {
    pub fn status(&self) -> Status {
        self.verdict.status()
    }
}
