//! What the Health tab shows, computed once per update (not per frame): the facts, their
//! summary, the rules' findings, and the timeline's symbols, newest probe first.

use crate::diagnose::{Facts, Finding, Part, Subject, evaluate, findings};
use crate::health::probe::Outcome;
use crate::health::{HealthFacts, Summary};
use crate::profile::Profile;

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub facts: HealthFacts,
    pub summary: Summary,
    pub findings: Vec<Finding>,
}

impl Model {
    pub fn new(id: &str, name: &str, facts: HealthFacts, profile: &Profile) -> Model {
        let summary = facts.summary();
        let mut f = Facts::new(Subject::Container {
            id: id.to_string(),
            name: name.to_string(),
        });
        f.health = Part::Ready(facts);
        let found = findings(&evaluate(&f, profile, |r| r.id.starts_with("health.")));
        let facts = match f.health {
            Part::Ready(h) => h,
            _ => HealthFacts::default(),
        };
        Model {
            name: name.to_string(),
            facts,
            summary,
            findings: found,
        }
    }

    /// Probes, newest first (the list's order).
    pub fn probe(&self, i: usize) -> Option<&crate::health::Probe> {
        let p = self.facts.history.probes();
        p.len().checked_sub(i + 1).and_then(|j| p.get(j))
    }

    pub fn len(&self) -> usize {
        self.facts.history.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.history.is_empty()
    }

    /// The timeline of the latest `width` probes, oldest left: `✔` pass, `✘` fail, `⧗`
    /// timeout, `·` unknown, and `│` where the container restarted.
    pub fn timeline(&self, width: usize) -> Vec<(char, Outcome)> {
        let h = &self.facts.history;
        let mut out: Vec<(char, Outcome)> = Vec::new();
        let mut run = None;
        for p in h.probes() {
            let r = h.run_of(p.start);
            if run.is_some() && r != run {
                out.push(('│', Outcome::Unknown));
            }
            run = r;
            let o = p.outcome();
            out.push((symbol(o), o));
        }
        let skip = out.len().saturating_sub(width);
        out.split_off(skip)
    }
}

pub fn symbol(o: Outcome) -> char {
    match o {
        Outcome::Pass => '✔',
        Outcome::Fail => '✘',
        Outcome::Timeout => '⧗',
        Outcome::Unknown => '·',
    }
}
