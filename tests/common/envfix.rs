//! The Env fixtures (tests/scripts/fixtures-env.sh) and what the Env tests read of them
//! through the docker CLI: inspect, the image's env and history, and a probe runner (exec,
//! helper container). docktor's own engine takes this place once it has exec and helpers.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use docktor::diagnose::{Facts, Finding, Outcome, Part, Status, Subject, evaluate, findings};
use docktor::envcheck::baked::ImageSide;
use docktor::envcheck::db::DbFacts;
use docktor::envcheck::db::Network;
use docktor::envcheck::gather::ContainerData;
use docktor::envcheck::gather::{Options, gather};
use docktor::envcheck::reach::{RunError, RunOutput, Runner};
use docktor::profile::Profile;
use docktor::report::env::{self as report, EnvView};

use super::{docker_cli, docker_cli_path, repo_root};

/// Every planted secret value contains this (see tests/fixtures/env/*.env).
pub const PLANTED: &str = "Pl4nted";

/// Brings the env fixtures up once per test process; false (after saying why) without a daemon.
pub fn env_fixtures() -> bool {
    static OUTCOME: OnceLock<Result<(), String>> = OnceLock::new();
    super::once::script(&OUTCOME, "fixtures-env.sh", &["--quiet"], "env fixtures")
}

fn json(args: &[&str]) -> Option<serde_json::Value> {
    let out = docker_cli(args);
    if !out.status.success() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v.get(0).cloned()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The container as docktor's gatherer takes it.
pub fn inspect(name: &str) -> Option<ContainerData> {
    let v = json(&["container", "inspect", name])?;
    let nets = v["NetworkSettings"]["Networks"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let networks = nets
        .iter()
        .map(|(n, e)| Network {
            name: n.clone(),
            aliases: strings(&e["Aliases"]),
            peers: Vec::new(),
        })
        .collect();
    Some(ContainerData {
        id: v["Id"].as_str()?.to_string(),
        name: name.to_string(),
        image: v["Config"]["Image"].as_str()?.to_string(),
        image_id: v["Image"].as_str()?.to_string(),
        running: v["State"]["Running"].as_bool().unwrap_or(false),
        env: strings(&v["Config"]["Env"]),
        networks,
    })
}

/// The image's config env and its history, oldest first.
pub fn image_side(image: &str) -> Result<ImageSide, String> {
    let v = json(&["image", "inspect", image]).ok_or_else(|| format!("no image {image}"))?;
    let out = docker_cli(&["history", "--no-trunc", "--format", "{{.CreatedBy}}", image]);
    let mut history: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    history.reverse();
    Ok(ImageSide {
        reference: image.to_string(),
        env: strings(&v["Config"]["Env"]),
        history,
    })
}

/// Probes through the docker CLI (exec; helper = the env-app fixture image, `--rm`, labelled
/// `docktor.helper=<label>` so a test can check it is gone).
pub struct CliRunner {
    pub label: String,
}

fn run(args: &[String], timeout: Duration) -> std::io::Result<(Option<i64>, String, String)> {
    let out = Command::new("timeout")
        .arg(timeout.as_secs().to_string())
        .arg(docker_cli_path())
        .args(args)
        .output()?;
    let code = out.status.code().map(i64::from).filter(|c| *c != 124);
    Ok((
        code,
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    ))
}

impl Runner for CliRunner {
    async fn exec(
        &self,
        id: &str,
        cmd: &[String],
        timeout: Duration,
    ) -> Result<RunOutput, RunError> {
        let mut args = vec!["exec".to_string(), id.to_string()];
        args.extend(cmd.iter().cloned());
        let (exit_code, stdout, stderr) =
            run(&args, timeout).map_err(|e| RunError::Other(e.to_string()))?;
        if stderr.contains("executable file not found") || stderr.contains("no such file") {
            return Err(RunError::NotFound);
        }
        if stderr.contains("is not running") {
            return Err(RunError::NotRunning);
        }
        if exit_code.is_some_and(|c| c >= 125) && stdout.is_empty() {
            return Err(RunError::Other(stderr.trim().to_string()));
        }
        Ok(RunOutput {
            exit_code,
            stdout,
            stderr,
        })
    }

    async fn helper(
        &self,
        network: &str,
        cmd: &[String],
        timeout: Duration,
    ) -> Result<(String, RunOutput), String> {
        let image = "docktor-fixture/env-app:latest";
        let helper_label = format!("docktor.helper={}", self.label);
        let mut args = vec![
            "run",
            "--rm",
            "--label",
            &helper_label,
            "--network",
            network,
            image,
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
        args.extend(cmd.iter().cloned());
        let (exit_code, stdout, stderr) = run(&args, timeout).map_err(|e| e.to_string())?;
        if exit_code.is_some_and(|c| c >= 125) {
            return Err(stderr.trim().to_string());
        }
        Ok((
            image.to_string(),
            RunOutput {
                exit_code,
                stdout,
                stderr,
            },
        ))
    }
}

/// A fixture checked as `docktor env` would, with the spec and schema of
/// tests/fixtures/env and a 1 s probe timeout: the facts, verdicts and both renderings.
pub struct Checked {
    pub facts: Facts,
    pub outcomes: Vec<Outcome>,
    pub findings: Vec<Finding>,
    pub json: String,
    pub text: String,
}

impl Checked {
    pub fn ids(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.id).collect()
    }
    pub fn status(&self, id: &str) -> Status {
        self.outcomes
            .iter()
            .find(|o| o.rule.id == id)
            .map(|o| o.status())
            .unwrap_or(Status::Pending)
    }
    pub fn db(&self) -> &DbFacts {
        self.facts
            .database
            .get()
            .unwrap_or_else(|| panic!("database: {:?}", self.facts.database))
    }
    pub fn titles(&self, id: &str) -> String {
        self.findings
            .iter()
            .filter(|f| f.id == id)
            .map(|f| f.title.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

pub async fn check(name: &str, reveal: bool, read_only: bool) -> Checked {
    check_as(name, reveal, read_only, "env-test").await
}

pub async fn check_as(name: &str, reveal: bool, read_only: bool, label: &str) -> Checked {
    let c = inspect(name).unwrap_or_else(|| panic!("inspect {name}"));
    let dir = repo_root().join("tests/fixtures/env");
    let profile = Profile {
        db_probe_timeout_secs: 1,
        ..Profile::default()
    };
    let opts = Options {
        spec: Some(Path::new(".env.example")),
        schema: Some(Path::new("schema.json")),
        read_only,
        cwd: &dir,
    };
    let runner = CliRunner {
        label: label.into(),
    };
    let (env, database) = gather(&c, image_side(&c.image_id), &opts, &profile, &runner)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let masker = env.masker(&profile).revealing(reveal);
    let database = Part::from_result(database);
    let mut facts = Facts::new(Subject::Container {
        id: c.id.clone(),
        name: name.into(),
    });
    facts.env = Part::Ready(env);
    facts.database = database;
    let outcomes = evaluate(&facts, &profile, |r| r.id.starts_with("env."));
    let findings = findings(&outcomes);
    let env = facts.env.get().unwrap_or_else(|| panic!("env"));
    let view = EnvView {
        id: &c.id,
        name,
        image: &c.image,
        env,
        database: &facts.database,
        outcomes: &outcomes,
        findings: &findings,
        masker: &masker,
    };
    let (json, text) = (report::json(&view), report::text(&view));
    Checked {
        facts,
        outcomes,
        findings,
        json,
        text,
    }
}
