//! `docktor env` as text for people: the variables by group with source and value (masked
//! unless revealed, and the first line says which), the spec's problems, the database line,
//! the findings with evidence and fix.

use super::env::EnvView;
use crate::diagnose::{Part, Status};
use crate::envcheck::{DbFacts, Group, Masker};

/// The longest value text output shows (JSON carries the whole masked value).
const SHOWN: usize = 80;

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
