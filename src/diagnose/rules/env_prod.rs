//! Production rules from the environment, anchored on Django's `check --deploy` (no Python
//! run): the secret key (W009), `DEBUG` (W018), `ALLOWED_HOSTS` (W020 or `*`), CORS open to
//! every origin, and the superuser's password. No finding holds a secret value.

use super::env::{running, verdict};
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::envcheck::vars::get;
use crate::envcheck::{EnvFacts, prod};

fn django<'a>(i: &'a Input) -> Result<&'a EnvFacts, Verdict> {
    let e = running(i)?;
    if prod::is_django(&e.vars) {
        Ok(e)
    } else {
        Err(Verdict::NotApplicable(
            "not a Django app (no SECRET_KEY, ALLOWED_HOSTS or DJANGO_* variable)".into(),
        ))
    }
}

pub fn secret_key(i: &Input) -> Verdict {
    let e = match django(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let Some(v) = get(&e.vars, "SECRET_KEY").filter(|v| !v.value.is_empty()) else {
        return Verdict::NotApplicable(
            "SECRET_KEY is not set (the required and empty rules say so)".into(),
        );
    };
    let weak = prod::secret_key_weakness(&v.value);
    let found = if weak.is_empty() {
        vec![]
    } else {
        vec![i
            .finding()
            .title("SECRET_KEY is weak (Django security.W009)")
            .evidence(format!("SECRET_KEY: {}", weak.join("; ")))
            .fix("generate one with python -c 'import secrets; print(secrets.token_urlsafe(50))', put it in BackEnd/.env and recreate the container")]
    };
    verdict(
        found,
        "SECRET_KEY has 50+ characters, 5+ distinct ones, not the django-insecure default",
    )
}

pub fn debug(i: &Input) -> Verdict {
    let e = match django(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let found = match prod::debug_on(&e.vars) {
        Some(v) => vec![i
            .finding()
            .title("DEBUG is on (Django security.W018)")
            .evidence(format!("DEBUG={} (source: {}): error pages show settings, SQL and stack traces to anyone", v.value, v.source.as_str()))
            .fix("set DEBUG=False in BackEnd/.env for production and recreate the container")],
        None => vec![],
    };
    verdict(found, "DEBUG is off or not set")
}

pub fn allowed_hosts(i: &Input) -> Verdict {
    let e = match django(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let found = match prod::allowed_hosts_problem(&e.vars) {
        Some(why) => vec![i
            .finding()
            .title("ALLOWED_HOSTS is empty or open to every host")
            .evidence(why)
            .fix("set ALLOWED_HOSTS to the names the app is served under, e.g. ALLOWED_HOSTS=api.example.com,localhost")],
        None => vec![],
    };
    verdict(
        found,
        "ALLOWED_HOSTS names hosts (or is not set in the environment)",
    )
}

pub fn cors_open(i: &Input) -> Verdict {
    let e = match running(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let open = prod::cors_open(&e.vars);
    let found = if open.is_empty() {
        vec![]
    } else {
        vec![i
            .finding()
            .title("CORS is open to every origin")
            .evidence(open.join("; "))
            .fix("list the front-end origins instead: CORS_ALLOWED_ORIGINS=https://app.example.com (and CORS_ALLOW_ALL_ORIGINS=False)")]
    };
    verdict(
        found,
        "CORS is limited to listed origins (or not configured)",
    )
}

pub fn superuser_password(i: &Input) -> Verdict {
    let e = match running(i) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let has = e.vars.iter().any(|v| v.key.ends_with("SUPERUSER_PASSWORD"));
    if !has {
        return Verdict::NotApplicable("no SUPERUSER_PASSWORD or DJANGO_SUPERUSER_PASSWORD".into());
    }
    let found = match prod::superuser_password_problem(&e.vars) {
        Some((key, why)) => vec![i
            .finding()
            .title("The superuser's password is guessable")
            .evidence(why)
            .fix(format!("set {key} to a long random password in BackEnd/.env (or create the superuser by hand and drop {key})"))],
        None => vec![],
    };
    verdict(
        found,
        "the superuser's password is not a default and not the user name",
    )
}
