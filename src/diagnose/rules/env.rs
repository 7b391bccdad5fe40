//! Rules over the container's environment against what the app expects: the spec file's
//! own problems, required keys, empty values, keys the spec has and the container lacks,
//! typos of expected keys, and values of the wrong type. Evidence never holds a secret value.

use crate::diagnose::Fact;
use crate::diagnose::finding::{Finding, Severity};
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::envcheck::schema::Schema;
use crate::envcheck::vars::get;
use crate::envcheck::{EnvFacts, Masker, Source, typo};

/// The env facts, or the verdict to return when they are missing.
pub(super) fn env<'a>(i: &'a Input) -> Result<&'a EnvFacts, Verdict> {
    i.env().ok_or(Verdict::Pending(Fact::Env))
}

/// The env facts of an environment an app runs with: a container's. An image's ENV holds
/// defaults only (what runs is decided at `docker run`): its secrets are the baked rules'.
pub(super) fn running<'a>(i: &'a Input) -> Result<&'a EnvFacts, Verdict> {
    if matches!(i.facts.subject, crate::diagnose::Subject::Image { .. }) {
        return Err(Verdict::NotApplicable(
            "an image's ENV holds defaults; the app's environment is set at docker run: check a container made from it".into(),
        ));
    }
    env(i)
}

pub(super) fn verdict(found: Vec<Finding>, pass: impl Into<String>) -> Verdict {
    if found.is_empty() {
        Verdict::Pass(pass.into())
    } else {
        Verdict::Fail(found)
    }
}

/// How an env file is passed to the container, for fixes.
const ENV_FILE: &str = "docker run --env-file BackEnd/.env";

pub fn spec_lint(i: &Input) -> Verdict {
    let e = match env(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let Some(spec) = &e.spec else {
        return Verdict::NotApplicable(
            "no spec: no --spec, no [env] spec, no .env.example or .env here or in BackEnd/".into(),
        );
    };
    let problems = &spec.file.problems;
    if problems.is_empty() {
        return Verdict::Pass(format!(
            "{}: {} keys, no problems",
            spec.path,
            spec.file.entries.len()
        ));
    }
    let shown: Vec<String> = problems.iter().take(8).map(|p| p.to_string()).collect();
    let more = problems.len().saturating_sub(shown.len());
    let tail = if more > 0 {
        format!("; and {more} more")
    } else {
        String::new()
    };
    Verdict::Fail(vec![
        i.finding()
            .title(format!("{} has {} problem(s) as dotenv-linter counts them", spec.path, problems.len()))
            .evidence(format!("{}{tail}", shown.join("; ")))
            .fix("fix each line (KEY=value, upper case, no spaces around '=', no quotes, no 'export'); the entries that could be read are still used")
            .paths(problems.iter().map(|p| format!("{}:{}", p.file, p.line))),
    ])
}

pub fn required(i: &Input) -> Verdict {
    let e = match running(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let req = e.required(i.profile);
    if req.is_empty() {
        return Verdict::NotApplicable(
            "no required keys ([env] required, or required in the schema)".into(),
        );
    }
    let found = req
        .iter()
        .filter(|k| get(&e.vars, k).is_none())
        .map(|k| {
            i.finding()
                .title(format!("{k} is required but not set"))
                .evidence(format!("{k} is not in the container's environment (required by the profile or the schema)"))
                .fix(format!("add {k}=… to BackEnd/.env and recreate the container with {ENV_FILE}"))
        })
        .collect();
    verdict(found, format!("all {} required keys set", req.len()))
}

pub fn empty(i: &Input) -> Verdict {
    let e = match running(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let mut keys: Vec<&str> = e.required(i.profile);
    for k in e.expected() {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    if keys.is_empty() {
        return Verdict::NotApplicable("no spec and no required keys".into());
    }
    let found = keys
        .iter()
        .filter_map(|k| get(&e.vars, k))
        .filter(|v| v.value.trim().is_empty())
        .map(|v| {
            i.finding()
                .title(format!("{} is set but empty", v.key))
                .evidence(format!(
                    "{} is in the container's environment with an empty value (source: {})",
                    v.key,
                    v.source.as_str()
                ))
                .fix(format!(
                    "give {} a value in BackEnd/.env (an empty line KEY= sets it empty)",
                    v.key
                ))
        })
        .collect();
    verdict(found, "no expected key is empty")
}

pub fn spec_missing(i: &Input) -> Verdict {
    let e = match running(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let expected = e.expected();
    if expected.is_empty() {
        return Verdict::NotApplicable("no spec or schema names the expected keys".into());
    }
    let required = e.required(i.profile);
    let from = spec_name(e);
    let found = expected
        .iter()
        .filter(|k| get(&e.vars, k).is_none() && !required.contains(k))
        .map(|k| {
            i.finding()
                .title(format!("{k} is in {from} but not in the container"))
                .evidence(format!("{from} lists {k}; the container's environment has no {k}"))
                .fix(format!("add {k} to the env file the container runs with ({ENV_FILE}) or remove it from {from}"))
        })
        .collect();
    verdict(
        found,
        format!("all {} keys of {from} are set", expected.len()),
    )
}

fn spec_name(e: &EnvFacts) -> String {
    match (&e.spec, &e.schema) {
        (Some(s), _) => s.path.clone(),
        (None, Some(s)) => s.file.clone(),
        (None, None) => "the spec".into(),
    }
}

pub fn typos(i: &Input) -> Verdict {
    let e = match running(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let expected = e.expected();
    if expected.is_empty() {
        return Verdict::NotApplicable("no spec or schema to compare names with".into());
    }
    let unknown: Vec<&str> = e
        .vars
        .iter()
        .map(|v| v.key.as_str())
        .filter(|k| !expected.contains(k))
        .collect();
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|k| get(&e.vars, k).is_none())
        .collect();
    let found = typo::typos(&unknown, &missing)
        .into_iter()
        .map(|(got, want)| {
            i.finding()
                .title(format!("{got} looks like a typo of {want}"))
                .evidence(format!("the container has {got}, which {} does not list; it lists {want}, which the container lacks", spec_name(e)))
                .fix(format!("rename {got} to {want} in the env file and recreate the container"))
        })
        .collect();
    verdict(found, "no misspelt keys")
}

pub fn types(i: &Input) -> Verdict {
    let e = match running(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let masker = Masker::new(i.profile);
    let mut found = Vec::new();
    let mut checked = 0;
    for v in &e.vars {
        let Some(t) = Schema::type_of(e.schema.as_ref(), &v.key) else {
            if let Some(s) = e
                .schema
                .as_ref()
                .filter(|s| !s.allow_other_keys && v.source != Source::Image)
            {
                found.push(
                    i.finding()
                        .severity(Severity::Warn)
                        .title(format!("{} is not in the schema", v.key))
                        .evidence(format!(
                            "{} has allow_other_keys false and no entry {}",
                            s.file, v.key
                        ))
                        .fix(format!(
                            "add {} to {} or remove it from the env file",
                            v.key, s.file
                        )),
                );
            }
            continue;
        };
        checked += 1;
        if v.value.is_empty() {
            continue; // the empty rule says so
        }
        if let Err(why) = t.check(&v.value) {
            found.push(
                i.finding()
                    .title(format!("{} is not {}", v.key, t.describe()))
                    .evidence(format!(
                        "{}=\"{}\": {why}",
                        v.key,
                        shorten(&masker.value(&v.key, &v.value))
                    ))
                    .fix(format!(
                        "set {} to {} in the env file and recreate the container",
                        v.key,
                        t.describe()
                    )),
            );
        }
    }
    verdict(
        found,
        format!("{checked} typed keys have values of their type"),
    )
}

/// A value cut to 60 characters for evidence.
pub(super) fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        s.chars().take(59).collect::<String>() + "…"
    }
}
