//! `docktor check --format json`: `findings[]` (the ones that count), `suppressed[]`,
//! `checks[]` (every rule's verdict), `facts[]` (how each was gathered), the counts and the
//! exit decision. The shape is documented in the README (Headless › check).

use serde_json::{Value, json};

use super::check::{CheckReport, status_word, unknown_of};
use crate::diagnose::Finding;

fn finding(f: &Finding) -> Value {
    json!({
        "id": f.id,
        "severity": f.severity,
        "section": f.section.heading(),
        "section_id": f.section.slug(),
        "group": f.section.group(),
        "title": f.title,
        "evidence": f.evidence,
        "fix": f.fix,
        "paths": f.paths,
    })
}

pub fn render(r: &CheckReport) -> Value {
    let c = r.checklist.counts();
    let checks: Vec<Value> = r
        .checklist
        .rows()
        .map(|row| {
            let rule = row.outcome.rule;
            let mut v = json!({
                "id": rule.id,
                "status": status_word(row),
                "severity": rule.severity,
                "section": rule.section.heading(),
                "section_id": rule.section.slug(),
                "group": rule.section.group(),
                "checks": rule.checks,
                "summary": row.outcome.verdict.summary(),
            });
            if let (Some((fact, why)), Some(m)) = (unknown_of(row), v.as_object_mut()) {
                m.insert("fact".into(), json!(fact));
                m.insert("why".into(), json!(why));
            }
            if let (Some(s), Some(m)) = (&row.suppressed, v.as_object_mut()) {
                m.insert(
                    "suppressed".into(),
                    json!({ "reason": s.reason, "line": s.line }),
                );
            }
            v
        })
        .collect();
    let suppressed: Vec<Value> = r
        .checklist
        .suppressed()
        .into_iter()
        .map(|(f, s)| {
            let mut v = finding(f);
            if let Some(m) = v.as_object_mut() {
                m.insert("reason".into(), json!(s.reason));
                m.insert("line".into(), json!(s.line));
            }
            v
        })
        .collect();
    let facts: Vec<Value> = r
        .facts
        .iter()
        .map(|f| match &f.unavailable {
            None => json!({ "fact": f.fact, "status": "ready", "ms": f.took_ms }),
            Some(why) => {
                json!({ "fact": f.fact, "status": "unavailable", "why": why, "ms": f.took_ms })
            }
        })
        .collect();
    json!({
        "subject": r.subject,
        "image": r.image,
        "fail_on": r.fail_on,
        "failed": r.failed(),
        "exit_code": if r.failed() { 1 } else { 0 },
        "counts": {
            "pass": c.pass, "fail": c.fail, "warn": c.warn,
            "not_applicable": c.not_applicable, "unknown": c.unknown,
            "suppressed": c.suppressed,
        },
        "findings": r.checklist.findings().into_iter().map(finding).collect::<Vec<_>>(),
        "suppressed": suppressed,
        "checks": checks,
        "facts": facts,
        "ignore_file": r.ignore_file,
        "warnings": r.warnings,
    })
}
