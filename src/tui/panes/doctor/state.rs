//! The Doctor's model: the subject, its facts as they arrive, every rule's verdict (only
//! the rules a new fact feeds, or that wait for it, are checked again), and the checklist
//! rows grouped by the guide's parts. Where each check's details are shown and which fix a check offers.

use std::sync::Arc;

use super::keys::{PRUNE, PRUNE_IMAGES};
use crate::checklist::{Checklist, Counts, Row};
use crate::diagnose::{Fact, Facts, Group, Outcome, Subject, Verdict, evaluate};
use crate::gather::{self, Gathered, Gatherer};
use crate::profile::Profile;
use crate::tui::keys::Act;

pub struct DoctorState {
    pub subject: Subject,
    facts: Facts,
    outcomes: Vec<Outcome>,
    /// Gatherers whose fact has not arrived.
    pub waiting: Vec<Gatherer>,
    /// The jobs were cancelled (the tab was left) before every fact arrived.
    pub left: bool,
    /// Gatherers that could not run (no engine): tried again on reconnection.
    missed: Vec<Gatherer>,
    pub checklist: Checklist,
    pub selected: usize,
    profile: Arc<Profile>,
    /// `--read-only`: handed to every gatherer.
    pub read_only: bool,
}

/// One line of the list: a part's title or a rule's row.
pub enum Line<'a> {
    Part(Group),
    Row(&'a Row),
}

impl DoctorState {
    /// Nothing known yet: every check pending, every gatherer waiting.
    pub fn new(subject: Subject) -> DoctorState {
        let facts = Facts::new(subject.clone());
        let profile = Arc::new(Profile::default());
        let mut st = DoctorState {
            waiting: gather::for_subject(&subject).to_vec(),
            outcomes: evaluate(&facts, &profile, |_| true),
            checklist: Checklist::new(Vec::new(), None),
            subject,
            facts,
            left: false,
            missed: Vec::new(),
            selected: 0,
            profile,
            read_only: false,
        };
        st.rebuild();
        st
    }

    /// A fact arrived (from a job that ran with `profile`): store it and check again the
    /// rules it feeds, and those that said they wait for it (an image's health check reads
    /// its tools from the layers).
    pub fn arrive(&mut self, g: Gathered, profile: Arc<Profile>) {
        let fact = g.fact;
        self.waiting.retain(|w| w.fact != fact);
        (g.apply)(&mut self.facts);
        self.profile = profile;
        let waited: Vec<&str> = self
            .outcomes
            .iter()
            .filter(|o| o.verdict == Verdict::Pending(fact))
            .map(|o| o.rule.id)
            .collect();
        let fresh = evaluate(&self.facts, &self.profile, |r| {
            r.reads(fact) || waited.contains(&r.id)
        });
        for o in fresh {
            if let Some(old) = self.outcomes.iter_mut().find(|x| x.rule.id == o.rule.id) {
                *old = o;
            }
        }
        self.rebuild();
    }

    /// A fact that could not be asked for: its checks are unknown, with why.
    pub fn missed(&mut self, fact: Fact, why: &str) {
        self.missed
            .extend(self.waiting.iter().filter(|w| w.fact == fact).copied());
        self.waiting.retain(|w| w.fact != fact);
        for o in &mut self.outcomes {
            if o.verdict == Verdict::Pending(fact) {
                o.verdict = Verdict::Unknown {
                    fact,
                    why: why.to_string(),
                };
            }
        }
        self.rebuild();
    }

    /// The engine is back: what could not be asked for is waited for again (pending).
    pub fn retry(&mut self) -> bool {
        if self.missed.is_empty() {
            return false;
        }
        let again: Vec<Fact> = self.missed.iter().map(|g| g.fact).collect();
        self.waiting.append(&mut self.missed);
        let fresh = evaluate(&self.facts, &self.profile, |r| {
            r.needs.iter().any(|n| again.contains(n))
        });
        for o in fresh {
            if let Some(old) = self.outcomes.iter_mut().find(|x| x.rule.id == o.rule.id) {
                *old = o;
            }
        }
        self.rebuild();
        true
    }

    fn rebuild(&mut self) {
        // Rules about another kind of subject (a build context's, for a container) are left
        // out: they would only say "not applicable" here.
        let subject = &self.subject;
        let mut outcomes: Vec<Outcome> = self
            .outcomes
            .iter()
            .filter(|o| o.rule.needs.iter().all(|f| gather::belongs(*f, subject)))
            .cloned()
            .collect();
        gather::settle(&mut outcomes, subject);
        self.checklist = Checklist::new(outcomes, None);
        self.selected = self
            .selected
            .min(self.checklist.rows().count().saturating_sub(1));
    }

    pub fn counts(&self) -> Counts {
        self.checklist.counts()
    }

    /// The lines of the list, parts' titles among the rows.
    pub fn lines(&self) -> Vec<Line<'_>> {
        let mut out = Vec::new();
        for p in &self.checklist.parts {
            out.push(Line::Part(p.group));
            out.extend(p.rows.iter().map(Line::Row));
        }
        out
    }

    pub fn rows(&self) -> usize {
        self.checklist.rows().count()
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.checklist.rows().nth(self.selected)
    }

    /// Is any fact still being read?
    pub fn reading(&self) -> bool {
        !self.waiting.is_empty() && !self.left
    }
}

/// The tab that shows the details of a rule's verdict, if one does.
pub fn details_tab(id: &str) -> Option<&'static str> {
    let area = id.split_once('.')?.0;
    Some(match area {
        "layers" => "Layers",
        "health" => "Health",
        "files" => "Files",
        "env" => "Env",
        "cache" | "registry" => "Build cache",
        "runtime" if matches!(id, "runtime.non-root-user" | "runtime.start-script") => "Files",
        // Why it stopped is in its last log lines.
        "runtime" if id == "runtime.exited" => "Logs",
        _ => return None,
    })
}

/// The fix a rule's finding offers as a button: the tab that does it, what to hand it, and
/// what it does.
pub fn fix_of(id: &str) -> Option<(&'static str, Act, &'static str)> {
    match id {
        "cache.reclaimable" => Some(("Build cache", PRUNE, "prune the build cache")),
        "cache.dangling-images" => Some(("Build cache", PRUNE_IMAGES, "prune dangling images")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::Part;
    use crate::health::inspect::image_facts;
    use crate::model::image_config::ImageConfig;
    use crate::model::inspect::HealthConfig;

    fn verdict<'a>(st: &'a DoctorState, id: &str) -> &'a Verdict {
        let o = st.outcomes.iter().find(|o| o.rule.id == id);
        &o.unwrap_or_else(|| panic!("no rule {id}")).verdict
    }

    #[test]
    fn a_rule_waiting_for_a_fact_it_does_not_need_is_checked_when_it_arrives() {
        let mut st = DoctorState::new(Subject::Image {
            reference: "shop/web:1".into(),
        });
        let config = ImageConfig {
            healthcheck: Some(HealthConfig {
                test: vec!["CMD".into(), "curl".into(), "http://127.0.0.1:8000/".into()],
                ..Default::default()
            }),
            ..Default::default()
        };
        let health = Part::Ready(image_facts(&config, true));
        let profile = Arc::new(Profile::default());
        st.arrive(
            Gathered::part(Fact::Health, |f| &mut f.health, health),
            profile.clone(),
        );
        // Its tools are read from the files: it waits for the layers.
        assert_eq!(
            verdict(&st, "health.tool-missing"),
            &Verdict::Pending(Fact::Layers)
        );
        let a = crate::layers::synthetic::image(&[("FROM scratch", vec![("bin/wget", 1)])], &[])
            .unwrap_or_else(|e| panic!("{e}"));
        st.arrive(
            Gathered::part(Fact::Layers, |f| &mut f.layers, Part::Ready(Arc::new(a))),
            profile,
        );
        assert!(
            matches!(verdict(&st, "health.tool-missing"), Verdict::Fail(_)),
            "{:?}",
            verdict(&st, "health.tool-missing")
        );
    }
}
