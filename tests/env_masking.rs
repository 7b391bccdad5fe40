//! Masking on the real daemon: every output of the env fixtures — text, JSON, the layers
//! outputs of the baked image — holds no planted secret unless revealed; the JSON shape of
//! `docktor env` and its exit codes. Skips without a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::envfix::{CliRunner, PLANTED, check, env_fixtures, image_side, inspect};
use docktor::cli::{FailOn, TextFormat as Format};
use docktor::envcheck::gather::{Options, gather};
use docktor::profile::Profile;
use docktor::report::env::finish;

macro_rules! fixtures_or_skip {
    () => {
        if !env_fixtures() {
            return;
        }
    };
}

#[tokio::test]
async fn no_output_holds_a_planted_secret_unless_revealed() {
    fixtures_or_skip!();
    for name in [
        "dfx-env-good",
        "dfx-env-missing",
        "dfx-env-mistyped",
        "dfx-env-insecure",
        "dfx-env-baked",
        "dfx-env-bare",
    ] {
        let c = check(name, false, false).await;
        assert!(!c.json.contains(PLANTED), "{name} JSON:\n{}", c.json);
        assert!(!c.text.contains(PLANTED), "{name} text:\n{}", c.text);
        assert!(c.text.contains("secret values masked"), "{}", c.text);
    }
    let c = check("dfx-env-good", true, false).await;
    assert!(c.json.contains("Pl4nted-DB-Passw0rd") && c.json.contains("\"revealed\": true"));
    assert!(c.text.contains("values REVEALED"), "{}", c.text);
}

#[tokio::test]
async fn the_layers_outputs_of_a_baked_image_hold_no_planted_secret() {
    fixtures_or_skip!();
    for format in ["json", "text"] {
        let out = std::process::Command::new(common::docktor_bin())
            .args([
                "layers",
                "docktor-fixture/env-baked:latest",
                "--format",
                format,
            ])
            .output()
            .unwrap_or_else(|e| panic!("docktor layers: {e}"));
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.code().is_some_and(|c| c < 2), "{all}");
        assert!(format == "text" || all.contains("SECRET_KEY=***"), "{all}");
        assert!(!all.contains(PLANTED), "{format}:\n{all}");
    }
}

async fn finished(name: &str, format: Format, fail_on: FailOn) -> docktor::report::env::Checked {
    let c = inspect(name).unwrap_or_else(|| panic!("inspect {name}"));
    let dir = common::repo_root().join("tests/fixtures/env");
    let profile = Profile {
        db_probe_timeout_secs: 1,
        ..Profile::default()
    };
    let opts = Options {
        spec: Some(Path::new(".env.example")),
        schema: None,
        read_only: false,
        cwd: &dir,
    };
    let runner = CliRunner {
        label: "env-test".into(),
    };
    let (env, db) = gather(&c, image_side(&c.image_id), &opts, &profile, &runner)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    finish(&c, env, db, &profile, false, format, fail_on)
}

#[tokio::test]
async fn the_json_shape_and_exit_codes() {
    fixtures_or_skip!();
    let good = finished("dfx-env-good", Format::Json, FailOn::Error).await;
    assert_eq!(good.code, 0, "{}", good.output);
    let v: serde_json::Value =
        serde_json::from_str(&good.output).unwrap_or_else(|e| panic!("{e}: {}", good.output));
    let var = v["vars"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["key"] == "DB_PASSWORD"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (
            var["value"].as_str(),
            var["source"].as_str(),
            var["group"].as_str()
        ),
        (Some("***"), Some("run"), Some("database"))
    );
    assert_eq!(var["secret"], true);
    let db = &v["database"];
    assert_eq!(
        (
            db["host"].as_str(),
            db["port"].as_u64(),
            db["result"].as_str(),
            db["how"].as_str()
        ),
        (Some("db"), Some(5432), Some("postgres"), Some("exec:nc"))
    );
    assert_eq!(v["revealed"], false);
    assert!(v["findings"].as_array().is_some_and(|f| f.is_empty()));
    assert_eq!(v["spec"]["path"], ".env.example");
    let insecure = finished("dfx-env-insecure", Format::Json, FailOn::Error).await;
    assert_eq!(insecure.code, 1);
    let v: serde_json::Value = serde_json::from_str(&insecure.output).unwrap_or_default();
    assert!(v["findings"].as_array().is_some_and(|f| {
        f.iter()
            .any(|x| x["id"] == "env.debug" && x["severity"] == "error")
    }));
    let missing = finished("dfx-env-missing", Format::Text, FailOn::Warn).await;
    assert_eq!(missing.code, 1);
    assert!(missing.output.contains("dns-failure"), "{}", missing.output);
}
