//! `docktor check --format markdown`: ready to paste into a pull request — a headline with
//! the tally, one table per part of the guide, the findings with their fixes, and the
//! suppressed ones folded away.

use super::check::{CheckReport, status_word};
use crate::checklist::Row;
use crate::diagnose::Status;

fn icon(r: &Row) -> &'static str {
    if status_word(r) == "suppressed" {
        return "🔕";
    }
    match r.status() {
        Status::Pass => "✅",
        Status::Fail => "❌",
        Status::Warn => "⚠️",
        Status::NotApplicable => "➖",
        Status::Unknown => "❔",
        Status::Pending => "⏳",
    }
}

/// A table cell: no pipes or line breaks, backticks kept.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn render(r: &CheckReport) -> String {
    let headline = if r.failed() { "❌" } else { "✅" };
    let mut s = format!(
        "### {headline} docktor check: {}\n\n{} — {}.\n",
        cell(&r.title()),
        r.tally(),
        r.verdict_line()
    );
    for w in &r.warnings {
        s.push_str(&format!("\n> ⚠️ {}\n", cell(w)));
    }
    let mut skipped: Vec<String> = Vec::new();
    for part in &r.checklist.parts {
        let (na, rows): (Vec<&Row>, Vec<&Row>) = part
            .rows
            .iter()
            .partition(|r| r.status() == Status::NotApplicable);
        skipped.extend(na.iter().map(|r| format!("`{}`", r.outcome.rule.id)));
        if rows.is_empty() {
            continue;
        }
        s.push_str(&format!(
            "\n#### {}\n\n| | Check | Section | Evidence |\n|---|---|---|---|\n",
            part.group.title()
        ));
        for row in rows {
            s.push_str(&format!(
                "| {} | {} (`{}`) | {} | {} |\n",
                icon(row),
                cell(row.outcome.rule.checks),
                row.outcome.rule.id,
                row.section().heading(),
                cell(&row.outcome.verdict.summary())
            ));
        }
    }
    if !skipped.is_empty() {
        s.push_str(&format!(
            "\n<details><summary>{} checks do not apply here</summary>\n\n{}\n\n</details>\n",
            skipped.len(),
            skipped.join(", ")
        ));
    }
    let findings = r.checklist.findings();
    if !findings.is_empty() {
        s.push_str("\n#### Findings\n\n");
        for f in findings {
            s.push_str(&format!(
                "- **{}** `{}` — {} ({})\n  - {}\n  - **Fix:** {}\n",
                f.severity,
                f.id,
                f.title,
                f.section.path(),
                f.evidence,
                f.fix
            ));
        }
    }
    let suppressed = r.checklist.suppressed();
    if !suppressed.is_empty() {
        s.push_str(&format!(
            "\n<details><summary>{} suppressed by {}</summary>\n\n",
            suppressed.len(),
            r.ignore_file.as_deref().unwrap_or(".docktorignore")
        ));
        for (f, why) in suppressed {
            s.push_str(&format!(
                "- `{}` {} — line {}: {}\n",
                f.id, f.title, why.line, why.reason
            ));
        }
        s.push_str("\n</details>\n");
    }
    s
}
