//! The env rules beyond fire/quiet: no finding ever holds a planted secret, the database
//! outcomes are told apart, and the rules say what they could not check.

use super::*;
use crate::diagnose::{Fact, Status, Verdict, evaluate, findings};

const PLANTED: [&str; 6] = [
    "Pl4nted-DB-Passw0rd",
    "Pl4nted-Super-Passw0rd",
    "hunter2-build-arg",
    "baked-secret-in-image-config-value",
    "django-insecure-abc123",
    "q3V8x!Lm2",
];

#[test]
fn no_finding_holds_a_secret_value() {
    for case in CASES {
        for setup in [case.fires, case.quiet] {
            let (facts, profile) = setup();
            for o in evaluate(&facts, &profile, |r| r.id.starts_with("env.")) {
                let text = format!("{:?} {}", o.verdict, o.verdict.summary());
                for secret in PLANTED {
                    assert!(!text.contains(secret), "{}: {secret} in {text}", o.rule.id);
                }
            }
        }
    }
}

fn db_verdict(state: DbFacts) -> Verdict {
    let (f, p) = db(state);
    evaluate(&f, &p, |r| r.id == "env.database")
        .remove(0)
        .verdict
}

#[test]
fn database_outcomes_are_told_apart() {
    let title = |v: Verdict| {
        v.findings()
            .first()
            .map(|f| f.title.clone())
            .unwrap_or_default()
    };
    assert!(matches!(
        db_verdict(probed(Outcome::Open, Some(Answer::Postgres))),
        Verdict::Pass(_)
    ));
    assert!(title(db_verdict(probed(Outcome::DnsFailure, None))).contains("does not resolve"));
    assert!(title(db_verdict(probed(Outcome::Refused, None))).contains("Nothing listens"));
    assert!(title(db_verdict(probed(Outcome::Timeout, None))).contains("No answer"));
    assert!(
        title(db_verdict(probed(Outcome::Open, Some(Answer::Other)))).contains("not as PostgreSQL")
    );
    assert!(matches!(
        db_verdict(DbFacts::NoTarget),
        Verdict::NotApplicable(_)
    ));
    let bad = db_verdict(DbFacts::BadTarget {
        why: "DB_PORT is \"abc\"".into(),
    });
    assert_eq!(bad.status(), Status::Fail);
    let v = db_verdict(probed(Outcome::DnsFailure, None));
    let f = &v.findings()[0];
    assert!(
        f.evidence.contains("backend") && f.evidence.contains("db"),
        "{f:?}"
    );
    assert!(f.evidence.contains("exec"), "says how it probed: {f:?}");
}

#[test]
fn read_only_or_missing_facts_are_unknown() {
    let (mut f, p) = good();
    f.database =
        Part::Unavailable("--read-only: the probe needs exec or a helper container".into());
    let o = evaluate(&f, &p, |r| r.id == "env.database").remove(0);
    assert_eq!(o.status(), Status::Unknown);
    assert!(o.verdict.summary().contains("--read-only"));
    if let Part::Ready(e) = &mut f.env {
        e.image = Err("image gone".into());
    }
    let o = evaluate(&f, &p, |r| r.id == "env.baked-env").remove(0);
    assert!(
        matches!(
            o.verdict,
            Verdict::Unknown {
                fact: Fact::Env,
                ..
            }
        ),
        "{:?}",
        o.verdict
    );
}

#[test]
fn the_insecure_app_fails_on_each_production_rule() {
    let (f, p) = with(
        |e| {
            for (k, v) in [
                ("SECRET_KEY", "django-insecure-abc123"),
                ("DEBUG", "True"),
                ("ALLOWED_HOSTS", "*"),
                ("CORS_ALLOW_ALL_ORIGINS", "true"),
                ("SUPERUSER_PASSWORD", "admin"),
            ] {
                set(k, v)(e);
            }
        },
        image(),
        SPEC,
    );
    let ids: Vec<&str> = findings(&evaluate(&f, &p, |r| r.id.starts_with("env.")))
        .iter()
        .map(|f| f.id)
        .collect();
    for id in [
        "env.secret-key",
        "env.debug",
        "env.allowed-hosts",
        "env.cors-open",
        "env.superuser-password",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}
