//! Output of `docktor env`: the variables (masked unless revealed) with source and group,
//! the spec's problems, the findings of the env rules, and the database probe — as text for
//! people and JSON for scripts. Every value and every free text goes through the masker.

use serde_json::{Value, json};

use crate::diagnose::{Finding, Outcome, Part, Status};
use crate::envcheck::{DbFacts, EnvFacts, Group, Masker};

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

/// The longest value text output shows (JSON carries the whole masked value).
const SHOWN: usize = 80;

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

pub fn text(v: &EnvView) -> String {
    let m = v.masker;
    let mut out = String::new();
    let spec = match &v.env.spec {
        Some(s) => format!("spec {} ({:?})", s.path, s.origin).to_lowercase(),
        None => "no spec".into(),
    };
    let shown = if m.reveals() {
        "values REVEALED (--reveal)"
    } else {
        "secret values masked (--reveal shows them)"
    };
    out.push_str(&format!("{} ({}) · {spec} · {shown}\n", v.name, v.image));
    let width = v
        .env
        .vars
        .iter()
        .map(|x| x.key.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    for g in Group::ALL {
        let vars: Vec<_> = v.env.vars.iter().filter(|x| x.group == g).collect();
        if vars.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", g.title()));
        for x in vars {
            let value = cut(&m.value(&x.key, &x.value));
            out.push_str(&format!(
                "  {:width$}  {:5}  {value}\n",
                x.key,
                x.source.as_str()
            ));
        }
    }
    if let Some(s) = &v.env.spec
        && !s.file.problems.is_empty()
    {
        out.push_str(&format!("\nSpec problems ({})\n", s.path));
        for p in &s.file.problems {
            out.push_str(&format!("  {}\n", m.text(&p.to_string())));
        }
    }
    out.push_str(&format!("\nDatabase: {}\n", database_line(v.database, m)));
    let failing = v
        .outcomes
        .iter()
        .filter(|o| matches!(o.status(), Status::Fail | Status::Warn))
        .count();
    out.push_str(&format!(
        "\nFindings ({} from {failing} of {} checks)\n",
        v.findings.len(),
        v.outcomes.len()
    ));
    if v.findings.is_empty() {
        out.push_str("  none\n");
    }
    for f in v.findings {
        out.push_str(&format!(
            "  {:5} {}  {}\n",
            f.severity.as_str(),
            f.id,
            m.text(&f.title)
        ));
        out.push_str(&format!(
            "        {}\n        fix: {}\n",
            m.text(&f.evidence),
            m.text(&f.fix)
        ));
    }
    out
}

fn database_line(part: &Part<DbFacts>, m: &Masker) -> String {
    match part {
        Part::Pending => "not checked yet".into(),
        Part::Unavailable(why) => format!("not checked: {}", m.text(why)),
        Part::Ready(DbFacts::NoTarget) => "no DB_HOST or DATABASE_URL".into(),
        Part::Ready(DbFacts::BadTarget { why }) => m.text(why),
        Part::Ready(db @ DbFacts::Probed { target, report, .. }) => {
            let ip = report
                .ip
                .as_deref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default();
            format!(
                "{}:{}{ip} {} — via {}",
                target.host,
                target.port,
                db.result(),
                db.how()
            )
        }
    }
}

fn cut(s: &str) -> String {
    let one_line = s.replace('\n', "\\n");
    if one_line.chars().count() <= SHOWN {
        one_line
    } else {
        one_line.chars().take(SHOWN - 1).collect::<String>() + "…"
    }
}

/// `--format` of `docktor env`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `--fail-on`: the least severity that makes the exit code 1 (`none`: never).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Info,
    Warn,
    Error,
    None,
}

impl FailOn {
    pub fn fails(self, findings: &[Finding]) -> bool {
        let least = match self {
            FailOn::Info => crate::diagnose::Severity::Info,
            FailOn::Warn => crate::diagnose::Severity::Warn,
            FailOn::Error => crate::diagnose::Severity::Error,
            FailOn::None => return false,
        };
        findings.iter().any(|f| f.severity >= least)
    }
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
    format: Format,
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
        Format::Json => json(&view) + "\n",
        Format::Text => text(&view),
    };
    Checked {
        code: u8::from(fail_on.fails(&found)),
        output,
    }
}
