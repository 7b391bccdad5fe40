//! `docktor context` output: text for people (size, the largest paths, what is wrong and the
//! fix) and JSON for scripts (the report, each check's status, the findings).

use serde_json::{Value, json};

use crate::context::report::ContextReport;
use crate::context::walk::Kind;
use crate::diagnose::{Finding, Outcome};
use crate::layers::units::format_size;

/// The JSON document: the report's fields, `checks[]` and `findings[]`.
pub fn json(r: &ContextReport, outcomes: &[Outcome], findings: &[Finding]) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    let checks: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            json!({
                "id": o.rule.id,
                "status": o.status().as_str(),
                "summary": o.verdict.summary(),
            })
        })
        .collect();
    if let Some(map) = v.as_object_mut() {
        map.insert("checks".into(), Value::Array(checks));
        map.insert("findings".into(), json!(findings));
    }
    v
}

/// The text report.
pub fn text(r: &ContextReport, findings: &[Finding]) -> String {
    let mut s = String::new();
    let ignore = r.ignore_file.as_deref().unwrap_or("no .dockerignore");
    s.push_str(&format!(
        "Build context {} ({}, {})\n",
        r.dir,
        match r.builder {
            crate::context::Builder::Buildkit => "BuildKit",
            crate::context::Builder::Classic => "classic builder",
        },
        ignore
    ));
    if let Some(x) = &r.refused {
        s.push_str(&format!(
            "docker build refuses it: line {}: {}\n",
            x.line, x.error
        ));
    } else {
        s.push_str(&format!(
            "sent: {} in {} files, {} directories, {} symlinks; kept out: {} in {} files\n",
            format_size(r.bytes),
            r.files,
            r.dirs,
            r.symlinks,
            format_size(r.excluded_bytes),
            r.excluded_files
        ));
        let dirs: Vec<String> = largest(r, Kind::Dir);
        let files: Vec<String> = largest(r, Kind::File);
        if !dirs.is_empty() {
            s.push_str(&format!("largest directories: {}\n", dirs.join(", ")));
        }
        if !files.is_empty() {
            s.push_str(&format!("largest files: {}\n", files.join(", ")));
        }
    }
    if findings.is_empty() {
        s.push_str("no findings\n");
    }
    for f in findings {
        s.push_str(&format!(
            "\n{} {} ({}): {}\n  {}\n  fix: {}\n",
            f.severity, f.id, f.section, f.title, f.evidence, f.fix
        ));
    }
    if !r.sent.is_empty() {
        s.push_str("\npaths sent:\n");
        for p in &r.sent {
            let slash = if p.kind == Kind::Dir { "/" } else { "" };
            s.push_str(&format!("{}{slash}\n", p.path));
        }
    }
    s
}

fn largest(r: &ContextReport, kind: Kind) -> Vec<String> {
    r.largest
        .iter()
        .filter(|l| l.kind == kind && l.bytes > 0)
        .take(5)
        .map(|l| format!("{} {}", l.path, format_size(l.bytes)))
        .collect()
}
