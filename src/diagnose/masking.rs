//! Secrets out of verdicts: every rule's words (evidence, titles, fixes, why a fact could not
//! be had) pass through one masker built from the facts — the profile's secret patterns and
//! the target's own secret values (its environment, its inspect) — so no checklist, report
//! (text, JSON, Markdown, SARIF) or tab shows an env value a rule happened to quote — unless
//! the user asked to see them (`Facts::reveal`: `docktor env --reveal`, `health --reveal`).

use super::facts::Facts;
use super::finding::Finding;
use super::verdict::Verdict;
use crate::envcheck::Masker;
use crate::profile::Profile;

impl Facts {
    /// What masks the verdicts on these facts: the profile's patterns, and the secret
    /// values of the environment and of the container's inspect, as far as they are known.
    pub fn masker(&self, profile: &Profile) -> Masker {
        let mut m = match self.env.get() {
            Some(env) => env.masker(profile),
            None => Masker::new(profile),
        };
        if let Some(d) = self.container.get().and_then(|c| c.details.as_ref()) {
            m.learn(
                d.config
                    .env
                    .iter()
                    .map(|e| (e.key.as_str(), e.value.as_str())),
            );
        }
        m.revealing(self.reveal)
    }
}

fn finding(f: Finding, m: &Masker) -> Finding {
    Finding {
        title: m.text(&f.title),
        evidence: m.text(&f.evidence),
        fix: m.text(&f.fix),
        ..f
    }
}

impl Verdict {
    /// The verdict with its words masked by `m`.
    pub fn masked(self, m: &Masker) -> Verdict {
        match self {
            Verdict::Pass(e) => Verdict::Pass(m.text(&e)),
            Verdict::NotApplicable(e) => Verdict::NotApplicable(m.text(&e)),
            Verdict::Fail(fs) => Verdict::Fail(fs.into_iter().map(|f| finding(f, m)).collect()),
            Verdict::Unknown { fact, why } => Verdict::Unknown {
                fact,
                why: m.text(&why),
            },
            Verdict::Pending(f) => Verdict::Pending(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{Fact, Part, Subject, evaluate};
    use crate::envcheck::EnvFacts;

    #[test]
    fn verdicts_never_quote_a_secret_of_the_target() {
        let mut f = Facts::new(Subject::Container {
            id: "c0ffee".into(),
            name: "web".into(),
        });
        f.env = Part::Ready(EnvFacts::new(
            &["DB_PASSWORD=Pl4nted-verdict-pw".into()],
            Err("no image".into()),
            None,
            None,
        ));
        f.health = Part::Unavailable("exec said Pl4nted-verdict-pw".into());
        let m = f.masker(&Profile::default());
        let v = Verdict::Fail(vec![
            Finding::new(
                "x.y",
                crate::diagnose::Severity::Warn,
                crate::diagnose::Section::EnvironmentVariables,
            )
            .title("saw Pl4nted-verdict-pw")
            .evidence("DATABASE_URL=postgres://u:other@db/x")
            .fix("unset Pl4nted-verdict-pw"),
        ]);
        let out = format!("{:?}", v.masked(&m));
        assert!(!out.contains("Pl4nted") && !out.contains("other@"), "{out}");
        let all = evaluate(&f, &Profile::default(), |_| true);
        let out = format!("{all:?}");
        assert!(!out.contains("Pl4nted"), "{out}");
        assert!(all.iter().any(|o| matches!(
            &o.verdict,
            Verdict::Unknown { fact: Fact::Health, why } if why == "exec said ***"
        )));
        // Asked for (--reveal): the verdicts say what was there.
        f.reveal = true;
        let all = evaluate(&f, &Profile::default(), |_| true);
        assert!(all.iter().any(|o| matches!(
            &o.verdict,
            Verdict::Unknown { fact: Fact::Health, why } if why == "exec said Pl4nted-verdict-pw"
        )));
    }
}
