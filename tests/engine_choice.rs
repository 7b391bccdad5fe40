//! Which engine docktor talks to, chosen as the docker CLI chooses, proven on the kit's two
//! real engines: a context made by the docker CLI points at the current engine (Docker 28)
//! while the default socket is the shared one, and the container IDs `docktor ps` prints
//! tell which engine answered. `DOCKER_CONTEXT`, then `currentContext` in
//! `$DOCKER_CONFIG/config.json`, pick the context; `DOCKER_HOST` wins over both; an unknown
//! context is exit 2, naming it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::kit::{self, KitEngine};

/// `docktor ps --all --format json` with the docker configuration `config` and `env`, no
/// other DOCKER_* variable.
fn ps(config: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(common::docktor_bin());
    for var in [
        "DOCKER_HOST",
        "DOCKER_CONTEXT",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("DOCKER_CONFIG", config)
        .args(["ps", "--all", "--format", "json"])
        .envs(env.iter().copied())
        .output()
        .expect("run docktor")
}

/// The ID of `dfx-healthy` in docktor's output (every engine of the kit has one).
fn healthy_id(o: &Output) -> String {
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "docktor ps failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("JSON ({e}): {out}"));
    rows.iter()
        .find(|r| r["name"] == "dfx-healthy")
        .and_then(|r| r["id"].as_str())
        .unwrap_or_else(|| panic!("dfx-healthy in {out}"))
        .to_string()
}

fn docker_cli(config: &Path, args: &[&str]) {
    let out = Command::new(common::docker_cli_path())
        .env("DOCKER_CONFIG", config)
        .env_remove("DOCKER_HOST")
        .env_remove("DOCKER_CONTEXT")
        .args(args)
        .output()
        .expect("run docker");
    assert!(
        out.status.success(),
        "docker {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn id_on(e: &KitEngine) -> String {
    e.docker_ok(&["inspect", "-f", "{{.Id}}", "dfx-healthy"])
}

#[test]
fn docker_context_and_current_context_pick_the_engine() {
    let (Some(shared), Some(current)) = (kit::shared_engine(), kit::current_engine()) else {
        return;
    };
    assert!(
        shared.fixtures() && current.fixtures(),
        "fixtures on both engines"
    );
    if shared.socket != Path::new("/var/run/docker.sock") {
        common::skip::skip("the shared engine is not on the default socket");
        return;
    }
    let (on_shared, on_current) = (id_on(&shared), id_on(&current));
    assert_ne!(on_shared, on_current);
    let config = tempfile::tempdir().expect("docker config dir");
    let cfg = config.path();
    docker_cli(
        cfg,
        &[
            "context",
            "create",
            "kit28",
            "--docker",
            &format!("host={}", current.host()),
        ],
    );

    // No context: the default socket.
    assert_eq!(healthy_id(&ps(cfg, &[])), on_shared, "the default socket");
    // DOCKER_CONTEXT names the context.
    let by_env = ps(cfg, &[("DOCKER_CONTEXT", "kit28")]);
    assert_eq!(healthy_id(&by_env), on_current, "DOCKER_CONTEXT=kit28");
    // `docker context use` writes currentContext to config.json.
    docker_cli(cfg, &["context", "use", "kit28"]);
    let written = std::fs::read_to_string(cfg.join("config.json")).expect("config.json");
    assert!(
        written.contains("\"currentContext\": \"kit28\""),
        "{written}"
    );
    assert_eq!(healthy_id(&ps(cfg, &[])), on_current, "currentContext");
    // DOCKER_HOST wins over the current context; DOCKER_CONTEXT=default is the default socket.
    let host = [("DOCKER_HOST", "unix:///var/run/docker.sock")];
    assert_eq!(healthy_id(&ps(cfg, &host)), on_shared, "DOCKER_HOST");
    let default = [("DOCKER_CONTEXT", "default")];
    assert_eq!(
        healthy_id(&ps(cfg, &default)),
        on_shared,
        "the default context"
    );

    // A context that does not exist: exit 2, naming it.
    let o = ps(cfg, &[("DOCKER_CONTEXT", "no-such-context")]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no-such-context") && !err.contains("panicked"),
        "{err}"
    );
}
