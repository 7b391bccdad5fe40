//! Cases of the env rules: the guide's app with good settings (quiet), and with missing,
//! mistyped, insecure and baked-in ones (each rule fires on one).

use super::Case;
use crate::diagnose::{Facts, Part, Subject};
use crate::envcheck::baked::ImageSide;
use crate::envcheck::db::{DbFacts, Network, Target, Via};
use crate::envcheck::probe::{Answer, Outcome, Report};
use crate::envcheck::spec::{Origin, Spec};
use crate::envcheck::{EnvFacts, dotenv, schema};
use crate::profile::Profile;

/// A strong key: 64 characters, many distinct.
pub const GOOD_KEY: &str = "q3V8x!Lm2#Rt7@Zp9$Wn4%Kc6^Hb1&Jd5*Fg0(Ys8)Ue3-Ai7+Oo2=Pl9_Mk4~Nj";

pub const SPEC: &str = "DB_NAME=\nDB_USER=\nDB_PASSWORD=\nDB_HOST=\nDB_PORT=5432\nSECRET_KEY=\nDEBUG=False\nALLOWED_HOSTS=\nSUPERUSER_USERNAME=\nSUPERUSER_PASSWORD=\nCORS_ALLOWED_ORIGINS=\nMEDIA_ROOT=\n";

/// The good container's run-time environment (secrets planted by the fixtures too).
pub fn good_env() -> Vec<String> {
    [
        "DB_NAME=app",
        "DB_USER=app",
        "DB_PASSWORD=Pl4nted-DB-Passw0rd",
        "DB_HOST=db",
        "DB_PORT=5432",
        &format!("SECRET_KEY={GOOD_KEY}"),
        "DEBUG=False",
        "ALLOWED_HOSTS=api.example.com,localhost",
        "SUPERUSER_USERNAME=admin",
        "SUPERUSER_PASSWORD=Pl4nted-Super-Passw0rd",
        "CORS_ALLOWED_ORIGINS=https://app.example.com",
        "MEDIA_ROOT=/app/media",
    ]
    .map(String::from)
    .to_vec()
}

fn image() -> ImageSide {
    ImageSide {
        reference: "app:1".into(),
        env: vec!["PATH=/usr/bin".into(), "LANG=C.UTF-8".into()],
        history: vec!["/bin/sh -c #(nop)  ENV PATH=/usr/bin".into()],
    }
}

fn spec(text: &str) -> Spec {
    Spec {
        origin: Origin::Found,
        path: ".env.example".into(),
        file: dotenv::parse(text.as_bytes(), ".env.example"),
    }
}

/// Facts of a container with `edit` applied to the good environment.
fn with(edit: impl FnOnce(&mut Vec<String>), img: ImageSide, spec_text: &str) -> (Facts, Profile) {
    let mut env = good_env();
    env.extend(img.env.iter().cloned());
    edit(&mut env);
    let mut f = Facts::new(Subject::Container {
        id: "c1".into(),
        name: "app".into(),
    });
    f.env = Part::Ready(EnvFacts::new(&env, Ok(img), Some(spec(spec_text)), None));
    f.database = Part::Ready(probed(Outcome::Open, Some(Answer::Postgres)));
    (f, Profile::default())
}

fn set(key: &str, value: &str) -> impl FnOnce(&mut Vec<String>) {
    let (key, value) = (key.to_string(), value.to_string());
    move |env: &mut Vec<String>| {
        env.retain(|e| !e.starts_with(&format!("{key}=")));
        env.push(format!("{key}={value}"));
    }
}

fn good() -> (Facts, Profile) {
    with(|_| {}, image(), SPEC)
}

pub fn probed(outcome: Outcome, answer: Option<Answer>) -> DbFacts {
    DbFacts::Probed {
        target: Target {
            host: "db".into(),
            port: 5432,
            from: "DB_HOST/DB_PORT".into(),
            postgres: true,
        },
        via: Via::Exec,
        report: Report {
            tool: "nc".into(),
            outcome,
            ip: Some("172.20.0.2".into()),
            answer,
            detail: String::new(),
        },
        networks: vec![Network {
            name: "backend".into(),
            aliases: vec!["app".into()],
            peers: vec!["db".into()],
        }],
    }
}

fn db(state: DbFacts) -> (Facts, Profile) {
    let (mut f, p) = good();
    f.database = Part::Ready(state);
    (f, p)
}

fn baked() -> ImageSide {
    let mut img = image();
    img.env
        .push("SECRET_KEY=baked-secret-in-image-config-value".into());
    img.history = vec![
        "/bin/sh -c #(nop)  ARG DB_PASSWORD".into(),
        "|1 DB_PASSWORD=hunter2-build-arg /bin/sh -c echo build".into(),
        "/bin/sh -c #(nop)  ENV SECRET_KEY=baked-secret-in-image-config-value".into(),
    ];
    img
}

fn required() -> (Facts, Profile) {
    let (f, mut p) = with(
        |e| e.retain(|x| !x.starts_with("SECRET_KEY=")),
        image(),
        SPEC,
    );
    p.required_env = vec!["SECRET_KEY".into()];
    (f, p)
}

fn schema_port() -> (Facts, Profile) {
    let (mut f, p) = with(set("DB_PORT", "abc"), image(), SPEC);
    if let Part::Ready(e) = &mut f.env {
        e.schema = schema::parse(
            r#"{"version":"1.0.0","allow_other_keys":true,"entries":{"DB_PORT":{"type":"Port"}}}"#,
            "s.json",
        )
        .ok();
    }
    (f, p)
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "env.spec-lint", quiet: good,
        fires: || with(|_| {}, image(), "DB_HOST=\nDB_HOST=\nexport secret_key = \"x\"\n") },
    Case { id: "env.required", quiet: good, fires: required },
    Case { id: "env.empty", quiet: good, fires: || with(set("DB_NAME", ""), image(), SPEC) },
    Case { id: "env.spec-missing", quiet: good,
        fires: || with(|e| e.retain(|x| !x.starts_with("MEDIA_ROOT=")), image(), SPEC) },
    Case { id: "env.typo", quiet: good,
        fires: || with(|e| { e.retain(|x| !x.starts_with("DB_HOST=")); e.push("DB_HOTS=db".into()) }, image(), SPEC) },
    Case { id: "env.type", quiet: good, fires: schema_port },
    Case { id: "env.secret-key", quiet: good,
        fires: || with(set("SECRET_KEY", "django-insecure-abc123"), image(), SPEC) },
    Case { id: "env.debug", quiet: good, fires: || with(set("DEBUG", "True"), image(), SPEC) },
    Case { id: "env.allowed-hosts", quiet: good, fires: || with(set("ALLOWED_HOSTS", "*"), image(), SPEC) },
    Case { id: "env.cors-open", quiet: good, fires: || with(set("CORS_ALLOW_ALL_ORIGINS", "True"), image(), SPEC) },
    Case { id: "env.superuser-password", quiet: good,
        fires: || with(set("SUPERUSER_PASSWORD", "admin"), image(), SPEC) },
    Case { id: "env.baked-env", quiet: good, fires: || with(|_| {}, baked(), SPEC) },
    Case { id: "env.baked-build-arg", quiet: good, fires: || with(|_| {}, baked(), SPEC) },
    Case { id: "env.database", quiet: good, fires: || db(probed(Outcome::DnsFailure, None)) },
];

#[cfg(test)]
#[path = "env_tests.rs"]
mod tests;
