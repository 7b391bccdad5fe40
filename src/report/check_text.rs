//! `docktor check --format text`: the checklist grouped by the guide's parts and sections,
//! one line per rule with its evidence, then each finding with its fix, the suppressed
//! ones with their reasons, and the tally with the exit code.

use super::check::{CheckReport, mark, status_word};
use crate::diagnose::Section;

pub fn render(r: &CheckReport) -> String {
    let mut s = format!("docktor check: {}\n", r.title());
    for w in &r.warnings {
        s.push_str(&format!("warning: {w}\n"));
    }
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
            if !summary.is_empty() {
                s.push_str(&format!("{:<21}{summary}\n", ""));
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
