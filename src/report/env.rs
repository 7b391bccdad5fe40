//! Output of `docktor env`: the variables (masked unless revealed) with source and group,
//! the spec's problems, the findings of the env rules, and the database probe — as text for
//! people and JSON for scripts. Every value and every free text goes through the masker.

use serde_json::{Value, json};

pub use super::env_text::text;
use crate::cli::{FailOn, TextFormat};
use crate::diagnose::{Finding, Outcome, Part};
use crate::envcheck::{DbFacts, EnvFacts, Masker};

/// What `docktor env` shows about one container.
pub struct EnvView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub image: &'a str,
    pub env: &'a EnvFacts,
    pub database: &'a Part<DbFacts>,
    pub outcomes: &'a [Outcome],
    pub findings: &'a [Finding],
    pub masker: &'a Masker,
}

pub fn json(v: &EnvView) -> String {
    let m = v.masker;
    let vars: Vec<Value> = v
        .env
        .vars
        .iter()
        .map(|x| {
            let mut o = json!({
                "key": x.key,
                "value": m.value(&x.key, &x.value),
                "source": x.source,
                "group": x.group,
                "secret": m.hides(&x.key, &x.value),
            });
            if let Some(iv) = &x.image_value {
                o["image_value"] = json!(m.value(&x.key, iv));
            }
            o
        })
        .collect();
    let spec = v.env.spec.as_ref().map(|s| {
        json!({
            "path": s.path,
            "origin": s.origin,
            "keys": s.file.entries.len(),
            "problems": s.file.problems.iter().map(|p| json!({
                "file": p.file, "line": p.line, "check": p.check, "message": m.text(&p.message),
            })).collect::<Vec<_>>(),
        })
    });
    let findings: Vec<Value> = v.findings.iter().map(|f| finding(f, m)).collect();
    let checks: Vec<Value> = v
        .outcomes
        .iter()
        .map(|o| json!({"id": o.rule.id, "status": o.status(), "summary": m.text(&o.verdict.summary())}))
        .collect();
    let out = json!({
        "container": {"id": v.id, "name": v.name},
        "image": v.image,
        "revealed": m.reveals(),
        "spec": spec,
        "schema": v.env.schema.as_ref().map(|s| s.file.clone()),
        "vars": vars,
        "findings": findings,
        "checks": checks,
        "database": database(v.database, m),
    });
    serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn finding(f: &Finding, m: &Masker) -> Value {
    json!({
        "id": f.id,
        "severity": f.severity,
        "section": f.section,
        "section_id": f.section.slug(),
        "title": m.text(&f.title),
        "evidence": m.text(&f.evidence),
        "fix": m.text(&f.fix),
        "paths": f.paths.iter().map(|p| m.text(p)).collect::<Vec<_>>(),
    })
}

/// The `database` object: `host`, `port`, `result`, `how` always; more when probed.
pub fn database(part: &Part<DbFacts>, m: &Masker) -> Value {
    match part {
        Part::Pending => json!({"host": null, "port": null, "result": "pending", "how": "none"}),
        Part::Unavailable(why) => {
            json!({"host": null, "port": null, "result": "not-checked", "how": "none", "why": m.text(why)})
        }
        Part::Ready(db) => match db {
            DbFacts::NoTarget => {
                json!({"host": null, "port": null, "result": db.result(), "how": "none"})
            }
            DbFacts::BadTarget { why } => json!({
                "host": null, "port": null, "result": db.result(), "how": "none", "why": m.text(why),
            }),
            DbFacts::Probed {
                target,
                via,
                report,
                networks,
            } => json!({
                "host": target.host,
                "port": target.port,
                "from": target.from,
                "result": db.result(),
                "how": db.how(),
                "via": via,
                "ip": report.ip,
                "answer": report.answer,
                "detail": m.text(&report.detail),
                "networks": networks,
            }),
        },
    }
}

/// Whether a finding at or above `fail_on` is among `findings`.
pub fn fails(fail_on: FailOn, findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity >= fail_on.severity())
}

/// What `docktor env` prints and its exit code, from what was gathered.
pub struct Checked {
    pub code: u8,
    pub output: String,
}

/// Runs the env rules on the gathered facts and renders them (`reveal`: values shown).
pub fn finish(
    container: &crate::envcheck::gather::ContainerData,
    env: EnvFacts,
    database: Result<DbFacts, String>,
    profile: &crate::profile::Profile,
    reveal: bool,
    format: TextFormat,
    fail_on: FailOn,
) -> Checked {
    use crate::diagnose::{Facts, Subject, evaluate, findings};
    let masker = env.masker(profile).revealing(reveal);
    let mut facts = Facts::new(Subject::Container {
        id: container.id.clone(),
        name: container.name.clone(),
    });
    facts.env = Part::Ready(env);
    facts.database = Part::from_result(database);
    facts.reveal = reveal;
    let outcomes = evaluate(&facts, profile, |r| r.id.starts_with("env."));
    let found = findings(&outcomes);
    let Some(env) = facts.env.get() else {
        return Checked {
            code: 2,
            output: String::new(),
        };
    };
    let view = EnvView {
        id: &container.id,
        name: &container.name,
        image: &container.image,
        env,
        database: &facts.database,
        outcomes: &outcomes,
        findings: &found,
        masker: &masker,
    };
    let output = match format {
        TextFormat::Json => json(&view) + "\n",
        TextFormat::Text => text(&view),
    };
    Checked {
        code: u8::from(fails(fail_on, &found)),
        output,
    }
}
