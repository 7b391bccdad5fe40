//! Env validation on the real daemon: the dfx-env-* fixtures (good, missing, mistyped,
//! insecure, baked-in, tool-less) read, checked and probed where they run — the database-like
//! listener reachable and not, on a user-defined network — and no output holding a planted
//! secret unless revealed. Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::envfix::{CliRunner, check, check_as, env_fixtures, image_side, inspect};
use docktor::diagnose::Status;
use docktor::envcheck::db::{self, DbFacts, Via};
use docktor::envcheck::probe::Answer;
use docktor::envcheck::reach::Subject as ProbeSubject;
use docktor::envcheck::{EnvFacts, Masker, Source, reach};
use docktor::profile::Profile;

macro_rules! fixtures_or_skip {
    () => {
        if !env_fixtures() {
            return;
        }
    };
}

#[tokio::test]
async fn good_settings_pass_and_the_database_answers_as_postgres() {
    fixtures_or_skip!();
    let c = check("dfx-env-good", false, false).await;
    assert_eq!(c.ids(), Vec::<&str>::new(), "{}", c.text);
    match c.db() {
        DbFacts::Probed { via, report, .. } => {
            assert_eq!(*via, Via::Exec);
            assert_eq!(
                (report.tool.as_str(), report.answer),
                ("nc", Some(Answer::Postgres))
            );
        }
        other => panic!("{other:?}"),
    }
    let env = c.facts.env.get().unwrap_or_else(|| panic!("env"));
    let by = |k: &str| env.vars.iter().find(|v| v.key == k).map(|v| v.source);
    assert_eq!(by("LANG"), Some(Source::Image));
    assert_eq!(by("DB_HOST"), Some(Source::Run));
    assert_eq!(by("DEBUG"), Some(Source::Image)); // the run sets the image's very value
    assert!(
        c.text.contains("Database: db:5432") && c.text.contains("postgres — via exec:nc"),
        "{}",
        c.text
    );
}

#[tokio::test]
async fn missing_settings_and_a_name_that_does_not_resolve() {
    fixtures_or_skip!();
    let c = check("dfx-env-missing", false, false).await;
    let missing = c.titles("env.spec-missing");
    for k in ["CORS_ALLOWED_ORIGINS", "MEDIA_ROOT"] {
        assert!(missing.contains(k), "{missing}");
    }
    assert!(
        c.titles("env.required").contains("SECRET_KEY"),
        "{}",
        c.text
    );
    assert!(c.titles("env.empty").contains("SUPERUSER_EMAIL"));
    assert_eq!(c.db().result(), "dns-failure");
    assert!(c.titles("env.database").contains("nodb does not resolve"));
    let f = c
        .findings
        .iter()
        .find(|f| f.id == "env.database")
        .unwrap_or_else(|| panic!("db"));
    assert!(
        f.evidence.contains("dfx-env-net"),
        "names the network: {f:?}"
    );
}

#[tokio::test]
async fn mistyped_settings_are_named() {
    fixtures_or_skip!();
    let c = check("dfx-env-mistyped", false, false).await;
    assert!(
        c.titles("env.typo")
            .contains("DB_HOTS looks like a typo of DB_HOST"),
        "{}",
        c.text
    );
    let types = c.titles("env.type");
    for k in [
        "DB_PORT",
        "DEBUG",
        "ALLOWED_HOSTS",
        "SUPERUSER_EMAIL",
        "CORS_ALLOWED_ORIGINS",
        "MEDIA_URL",
    ] {
        assert!(types.contains(k), "{k} in {types}");
    }
    assert_eq!(c.db().result(), "bad-target");
    assert!(
        c.json.contains("postgres://app:***@db:notaport/app"),
        "{}",
        c.json
    );
}

#[tokio::test]
async fn insecure_settings_fail_the_production_rules_and_the_port_refuses() {
    fixtures_or_skip!();
    let c = check("dfx-env-insecure", false, false).await;
    for id in [
        "env.secret-key",
        "env.debug",
        "env.allowed-hosts",
        "env.cors-open",
        "env.superuser-password",
    ] {
        assert!(
            matches!(c.status(id), Status::Fail | Status::Warn),
            "{id}: {}",
            c.text
        );
    }
    let env = c.facts.env.get().unwrap_or_else(|| panic!("env"));
    let debug = env
        .vars
        .iter()
        .find(|v| v.key == "DEBUG")
        .unwrap_or_else(|| panic!("DEBUG"));
    assert_eq!(
        (debug.source, debug.image_value.as_deref()),
        (Source::Both, Some("False"))
    );
    assert_eq!(c.db().result(), "refused");
}

#[tokio::test]
async fn baked_in_secrets_are_found_and_an_unanswered_address_times_out() {
    fixtures_or_skip!();
    let c = check("dfx-env-baked", false, false).await;
    assert!(
        c.titles("env.baked-env").contains("SECRET_KEY"),
        "{}",
        c.text
    );
    assert!(
        c.titles("env.baked-build-arg").contains("DB_PASSWORD"),
        "{}",
        c.text
    );
    let f = c
        .findings
        .iter()
        .find(|f| f.id == "env.baked-build-arg")
        .unwrap_or_else(|| panic!("arg"));
    assert!(f.evidence.contains("history step"), "{f:?}");
    assert_eq!(c.db().result(), "timeout", "{}", c.text);
}

#[tokio::test]
async fn a_tool_less_container_is_probed_from_a_helper_in_its_namespace() {
    fixtures_or_skip!();
    let label = format!("env-test-bare-{}", std::process::id());
    let c = check_as("dfx-env-bare", false, false, &label).await;
    match c.db() {
        DbFacts::Probed {
            via: Via::Helper { network, .. },
            report,
            ..
        } => {
            assert!(network.starts_with("container:"), "{network}");
            assert_eq!(report.answer, Some(Answer::Postgres));
        }
        other => panic!("{other:?}"),
    }
    assert!(c.text.contains("via helper:nc"), "{}", c.text);
    let left = common::docker_cli_ok(&[
        "ps",
        "-aq",
        "--filter",
        &format!("label=docktor.helper={label}"),
    ]);
    assert_eq!(left, "", "the helper container is removed");
}

#[tokio::test]
async fn read_only_refuses_the_probe_and_says_so() {
    fixtures_or_skip!();
    let c = check("dfx-env-good", false, true).await;
    assert_eq!(c.status("env.database"), Status::Unknown);
    assert!(c.json.contains("--read-only"), "{}", c.json);
}

#[tokio::test]
async fn a_container_that_disappears_gives_words_not_a_panic() {
    fixtures_or_skip!();
    let name = format!("dkt-env-gone-{}", std::process::id());
    common::docker_cli_ok(&[
        "run",
        "-d",
        "--name",
        &name,
        "--network",
        "dfx-env-net",
        "-e",
        "DB_HOST=db",
        "docktor-fixture/env-app:latest",
    ]);
    let c = inspect(&name).unwrap_or_else(|| panic!("inspect"));
    common::docker_cli_ok(&["rm", "-f", &name]);
    let masker = Masker::new(&Profile::default());
    let env = EnvFacts::new(&c.env, image_side(&c.image_id), None, None);
    let t = db::target(&env.vars, &masker)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("target"));
    let subject = ProbeSubject {
        id: c.id.clone(),
        running: c.running,
        networks: c.networks.clone(),
    };
    let e = reach::probe(
        &CliRunner {
            label: "env-test".into(),
        },
        &subject,
        &t,
        1,
        false,
    )
    .await
    .unwrap_err();
    assert!(e.contains("exec") && e.contains("helper"), "{e}");
    assert!(inspect(&name).is_none());
}
