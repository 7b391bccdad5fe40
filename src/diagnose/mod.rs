//! The rule engine: pure diagnosis, no I/O, no terminal.
//!
//! - `facts`: what is known about one target (a container or an image), part by part;
//! - `registry`: the one table of rules (id, guide section, severity, needs, check);
//! - `rules/`: the checks, by area;
//! - `verdict`: pass, fail (findings), not applicable, unknown — or pending;
//! - `section`: the guide's headings as a type;
//! - `masking`: every verdict's words masked with the target's own secrets.
//!
//! The TUI, the Doctor checklist and the headless commands all call [`evaluate`].

pub mod facts;
pub mod finding;
pub mod masking;
pub mod registry;
pub mod rules;
pub mod section;
pub mod verdict;

#[cfg(test)]
pub(crate) mod cases;
#[cfg(test)]
mod overlap_tests;
#[cfg(test)]
mod tests;

use std::sync::Arc;

pub use facts::{Fact, Facts, Part, PartState, Subject};
pub use finding::{Finding, Severity};
pub use registry::{Input, RULES, Rule};
pub use section::{Group, Section};
pub use verdict::{Outcome, Status, Verdict};

use crate::layers::ImageAnalysis;
use crate::profile::Profile;

/// Runs every rule `select` keeps against `facts`. A rule whose facts are still being
/// gathered is `Pending`; one whose facts could not be gathered is `Unknown` (with why);
/// the others run their check.
///
/// Every verdict's words are masked ([`Facts::masker`]): a rule quoting a probe's output, a
/// command or an error never shows a secret value of the target (unless `facts.reveal`).
pub fn evaluate(facts: &Facts, profile: &Profile, select: impl Fn(&Rule) -> bool) -> Vec<Outcome> {
    let masker = facts.masker(profile);
    RULES
        .iter()
        .filter(|r| select(r))
        .map(|rule| Outcome {
            rule,
            verdict: verdict_of(rule, facts, profile).masked(&masker),
        })
        .collect()
}

fn verdict_of(rule: &'static Rule, facts: &Facts, profile: &Profile) -> Verdict {
    for need in rule.needs {
        match facts.state(*need) {
            PartState::Ready => {}
            PartState::Pending => return Verdict::Pending(*need),
            PartState::Unavailable(why) => {
                return Verdict::Unknown {
                    fact: *need,
                    why: why.to_string(),
                };
            }
        }
    }
    (rule.check)(&Input {
        facts,
        profile,
        rule,
    })
}

/// The findings of `outcomes`, most severe first, then by rule id.
pub fn findings(outcomes: &[Outcome]) -> Vec<Finding> {
    let mut out: Vec<Finding> = outcomes
        .iter()
        .flat_map(|o| o.verdict.findings().iter().cloned())
        .collect();
    out.sort_by(|x, y| y.severity.cmp(&x.severity).then_with(|| x.id.cmp(y.id)));
    out
}

/// Does a rule need only facts from `have`? (What an image-only view can check.)
pub fn needs_only(rule: &Rule, have: &[Fact]) -> bool {
    rule.needs.iter().all(|n| have.contains(n))
}

/// The guide's advice on an analysed image: the findings of every rule that needs only the
/// image's layers (the Layers tab, the comparison and `docktor layers` show these).
pub fn advise_layers(analysis: Arc<ImageAnalysis>, profile: &Profile) -> Vec<Finding> {
    let facts = Facts::of_image(analysis);
    findings(&evaluate(&facts, profile, |r| {
        needs_only(r, &[Fact::Layers])
    }))
}
