//! `docktor check --format text`: the checklist grouped by the guide's parts and sections,
//! one line per rule with its evidence, then each finding with its fix, the suppressed
//! ones with their reasons, and the tally with the exit code.

use super::check::{CheckReport, mark, status_word};
use crate::diagnose::{Section, Verdict};

pub fn render(r: &CheckReport) -> String {
    let mut s = format!("docktor check: {}\n", r.title());
    for w in &r.warnings {
        s.push_str(&format!("warning: {w}\n"));
    }
    let mut told: Vec<(String, &str)> = Vec::new();
    for part in &r.checklist.parts {
        s.push_str(&format!("\n{}\n", part.group.title()));
        let mut section: Option<Section> = None;
        for row in &part.rows {
            if section != Some(row.section()) {
                section = Some(row.section());
                s.push_str(&format!("  {}\n", row.section().heading()));
            }
            s.push_str(&format!(
                "    {} {:<15}{} ({})\n",
                mark(row),
                status_word(row),
                row.outcome.rule.checks,
                row.outcome.rule.id
            ));
            let summary = row.outcome.verdict.summary();
            // Why a fact could not be had is said once; the other rules it feeds point there.
            let unknown = matches!(row.outcome.verdict, Verdict::Unknown { .. });
            let first = unknown
                .then(|| told.iter().find(|(w, _)| *w == summary))
                .flatten();
            match first {
                Some((_, id)) => s.push_str(&format!("{:<21}for the same reason as {id}\n", "")),
                None if !summary.is_empty() => {
                    s.push_str(&format!("{:<21}{summary}\n", ""));
                    if unknown {
                        told.push((summary, row.outcome.rule.id));
                    }
                }
                None => {}
            }
        }
    }
    let findings = r.checklist.findings();
    if !findings.is_empty() {
        s.push_str("\nFindings\n");
        for f in findings {
            s.push_str(&format!(
                "  [{}] {} ({}, {})\n      {}\n      fix: {}\n",
                f.severity,
                f.title,
                f.id,
                f.section.path(),
                f.evidence,
                f.fix
            ));
        }
    }
    let suppressed = r.checklist.suppressed();
    if !suppressed.is_empty() {
        s.push_str("\nSuppressed\n");
        for (f, why) in suppressed {
            s.push_str(&format!(
                "  [{}] {} ({}): {} ({}:{})\n",
                f.severity,
                f.title,
                f.id,
                why.reason,
                r.ignore_file.as_deref().unwrap_or(".docktorignore"),
                why.line
            ));
        }
    }
    s.push_str(&format!("\n{}; {}\n", r.tally(), r.verdict_line()));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::Checklist;
    use crate::diagnose::{Facts, Part, Severity, Subject, evaluate};
    use crate::profile::Profile;

    #[test]
    fn why_a_fact_is_missing_is_said_once() {
        let mut f = Facts::new(Subject::Image {
            reference: "app:1".into(),
        });
        let why = "/app does not exist in image app:1";
        f.app_files = Part::Unavailable(why.into());
        f.runtime_user = Part::Unavailable(why.into());
        let outcomes = evaluate(&f, &Profile::default(), |r| r.id.starts_with("files."));
        let r = CheckReport {
            subject: f.subject.clone(),
            image: None,
            checklist: Checklist::new(outcomes, None),
            facts: Vec::new(),
            fail_on: Severity::Error,
            ignore_file: None,
            warnings: Vec::new(),
        };
        let text = render(&r);
        assert_eq!(
            text.matches("/app does not exist in image app:1").count(),
            1,
            "{text}"
        );
        assert!(text.contains("for the same reason as files."), "{text}");
    }
}
