//! The test kit itself, on the real daemon: the fixture containers come up in the states the
//! other tests rely on. Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.

mod common;

use bollard::models::HealthStatusEnum;
use bollard::query_parameters::InspectContainerOptions;

async fn health(docker: &bollard::Docker, name: &str) -> Option<HealthStatusEnum> {
    let c = docker
        .inspect_container(name, None::<InspectContainerOptions>)
        .await
        .unwrap_or_else(|e| panic!("inspect {name}: {e}"));
    c.state?.health?.status
}

#[tokio::test]
async fn fixtures_come_up_in_their_states() {
    let Some(docker) = common::docker().await else {
        return;
    };
    assert!(common::fixtures(), "tests/scripts/fixtures.sh --wait-health");

    let names = common::docker_cli_ok(&[
        "ps",
        "-a",
        "--filter",
        &format!("label={}", common::FIXTURE_LABEL),
        "--format",
        "{{.Names}}",
    ]);
    // Other tests may label their own containers as fixtures too: the kit owns the dfx- ones.
    let mut names: Vec<&str> = names.lines().filter(|n| n.starts_with("dfx-")).collect();
    names.sort_unstable();
    let mut want = common::FIXTURE_NAMES.to_vec();
    want.sort_unstable();
    assert_eq!(names, want, "fixture containers listed by docker ps -a");

    assert_eq!(
        health(&docker, "dfx-healthy").await,
        Some(HealthStatusEnum::HEALTHY)
    );
    assert_eq!(
        health(&docker, "dfx-unhealthy").await,
        Some(HealthStatusEnum::UNHEALTHY)
    );

    let exited = docker
        .inspect_container("dfx-exited", None::<InspectContainerOptions>)
        .await
        .expect("inspect dfx-exited");
    let state = exited.state.expect("dfx-exited state");
    assert_eq!(state.exit_code, Some(3));
    assert_eq!(state.running, Some(false));

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
    let Some(docker) = common::docker().await else {
        return;
    };
    assert!(common::fixtures());
    let c = docker
        .inspect_container("dfx-healthy", None::<InspectContainerOptions>)
        .await
        .expect("inspect dfx-healthy");
    let config = c.config.expect("config");
    assert_eq!(config.user.as_deref(), Some("app"));
    let env = config.env.unwrap_or_default();
    for var in [
        "DJANGO_SETTINGS_MODULE=app.settings",
        "DB_HOST=db",
        "SECRET_KEY=fixture-secret-not-real",
    ] {
        assert!(env.iter().any(|e| e == var), "{var} in {env:?}");
    }
    assert!(
        config.healthcheck.and_then(|h| h.test).is_some(),
        "dfx-healthy has a health check"
    );
    let id = common::docker_cli_ok(&["exec", "dfx-healthy", "id", "-u"]);
    assert_eq!(id, "1001");
}

#[tokio::test]
async fn logger_and_exited_fixtures_write_both_streams() {
    if common::docker().await.is_none() {
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

#[test]
fn docktor_binary_is_built() {
    let bin = common::docktor_bin();
    assert!(bin.is_file(), "{} exists", bin.display());
}
