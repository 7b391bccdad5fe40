//! The test kit itself, on the real daemon: the fixture containers come up in the states the
//! other tests rely on. Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use docktor::engine::Engine;
use docktor::model::Health;
use docktor::model::run::HealthState;

async fn state(engine: &Engine, name: &str) -> HealthState {
    engine
        .health_state(name)
        .await
        .unwrap_or_else(|e| panic!("inspect {name}: {e}"))
}

#[tokio::test]
async fn fixtures_come_up_in_their_states() {
    let Some(engine) = common::engine().await else {
        return;
    };
    assert!(
        common::fixtures(),
        "tests/scripts/fixtures.sh --wait-health"
    );

    let names = common::docker_cli_ok(&[
        "ps",
        "-a",
        "--filter",
        &format!("label={}", common::FIXTURE_LABEL),
        "--format",
        "{{.Names}}",
    ]);
    // Other areas label fixtures of their own (dfx-files-* …): the kit's must all be there.
    let names: Vec<&str> = names.lines().collect();
    for want in common::FIXTURE_NAMES {
        assert!(
            names.contains(&want),
            "{want} listed by docker ps -a: {names:?}"
        );
    }

    assert_eq!(state(&engine, "dfx-healthy").await.health, Health::Healthy);
    assert_eq!(
        state(&engine, "dfx-unhealthy").await.health,
        Health::Unhealthy
    );

    let exited = state(&engine, "dfx-exited").await;
    assert_eq!(exited.exit_code, 3);
    assert!(!exited.running);

    let running = common::docker_cli_ok(&[
        "ps",
        "--filter",
        &format!("label={}", common::FIXTURE_LABEL),
        "--format",
        "{{.Names}}",
    ]);
    for name in ["dfx-healthy", "dfx-unhealthy", "dfx-nohealth", "dfx-logger"] {
        assert!(
            running.lines().any(|l| l == name),
            "{name} should be running: {running}"
        );
    }
}

#[tokio::test]
async fn healthy_fixture_runs_as_app_user_with_env() {
    if common::engine().await.is_none() {
        return;
    }
    assert!(common::fixtures());
    // The container's config (not its image's): the engine has no method for it; the CLI.
    let field = |f: &str| common::docker_cli_ok(&["inspect", "-f", f, "dfx-healthy"]);
    assert_eq!(field("{{.Config.User}}"), "app");
    let env: Vec<String> =
        serde_json::from_str(&field("{{json .Config.Env}}")).expect("env as JSON");
    for var in [
        "DJANGO_SETTINGS_MODULE=app.settings",
        "DB_HOST=db",
        "SECRET_KEY=fixture-secret-not-real",
    ] {
        assert!(env.iter().any(|e| e == var), "{var} in {env:?}");
    }
    assert_ne!(
        field("{{json .Config.Healthcheck}}"),
        "null",
        "dfx-healthy has a health check"
    );
    let id = common::docker_cli_ok(&["exec", "dfx-healthy", "id", "-u"]);
    assert_eq!(id, "1001");
}

#[tokio::test]
async fn logger_and_exited_fixtures_write_both_streams() {
    if common::engine().await.is_none() {
        return;
    }
    assert!(common::fixtures());
    let out = common::docker_cli(&["logs", "dfx-exited"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "starting");
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "boom");

    let seen = common::wait_until(std::time::Duration::from_secs(10), || {
        let out = common::docker_cli(&["logs", "dfx-logger"]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l == "out 1")
            && String::from_utf8_lossy(&out.stderr)
                .lines()
                .any(|l| l == "err 1")
    });
    assert!(
        seen,
        "dfx-logger writes `out N` to stdout and `err N` to stderr"
    );
}

/// The binary the end-to-end tests run is this crate's, of this version, and it runs.
#[test]
fn docktor_binary_is_built_and_runs() {
    let bin = common::docktor_bin();
    let out = std::process::Command::new(&bin)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", bin.display()));
    assert!(out.status.success(), "{} --version: {out:?}", bin.display());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("docktor {}", env!("CARGO_PKG_VERSION"))
    );
}
