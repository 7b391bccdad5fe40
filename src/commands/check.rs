//! `docktor check [TARGET] [--format text|json|markdown|sarif] [--fail-on info|warn|error]
//! [--ignore-file FILE] [--min-efficiency R] [--max-wasted SIZE]`: every rule of the guide
//! on a container, an image or a build context, from the same gatherers as the Doctor view
//! (all at once, each fact as soon as it is there) and the same rule engine. Exit 0 when no
//! finding (not suppressed) is at or above `--fail-on`, 1 when one is, 2 when it cannot run.

use std::path::Path;

use futures_util::StreamExt;

use super::{EXIT_FAILED, EXIT_OK, connect, emit, note};
use crate::checklist::{Checklist, suppress};
use crate::cli::{CheckArgs, CheckFormat, Cli};
use crate::diagnose::{Facts, Subject, evaluate};
use crate::engine::{Engine, EngineError};
use crate::gather::{self, Cancel};
use crate::profile::Profile;
use crate::report::check::{CheckReport, FactRun};
use crate::report::{check_json, check_markdown, check_sarif, check_text};

pub async fn run(cli: &Cli, args: &CheckArgs, profile: &Profile) -> Result<u8, String> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let ignore = suppress::load(args.ignore_file.as_deref(), &cwd)?;
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let mut profile = profile.clone();
    profile.min_efficiency = args.min_efficiency.or(profile.min_efficiency);
    profile.max_wasted_bytes = args.max_wasted.or(profile.max_wasted_bytes);
    let target = args.target.as_deref().unwrap_or(".");
    let (subject, image) = resolve(&engine, target).await?;
    let report = check(
        &engine,
        subject,
        image,
        &profile,
        ignore,
        args,
        cli.read_only,
    )
    .await;
    for w in &report.warnings {
        note(&format!("docktor: warning: {w}"));
    }
    let out = match args.format {
        CheckFormat::Text => check_text::render(&report),
        CheckFormat::Json => pretty(&check_json::render(&report)),
        CheckFormat::Markdown => check_markdown::render(&report),
        CheckFormat::Sarif => pretty(&check_sarif::render(&report)),
    };
    emit(&out)?;
    Ok(if report.failed() {
        EXIT_FAILED
    } else {
        EXIT_OK
    })
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// Gathers every fact of `subject` at once and checks every rule.
pub async fn check(
    engine: &Engine,
    subject: Subject,
    image: Option<String>,
    profile: &Profile,
    ignore: Option<suppress::Suppressions>,
    args: &CheckArgs,
    read_only: bool,
) -> CheckReport {
    let cancel = Cancel::default().read_only(read_only);
    let mut facts = Facts::new(subject.clone());
    let mut runs: Vec<FactRun> = Vec::new();
    let mut stream = Box::pin(gather::gather_all(engine, &subject, profile, &cancel));
    while let Some(g) = stream.next().await {
        runs.push(FactRun {
            fact: g.fact,
            took_ms: g.took.as_millis() as u64,
            unavailable: g.unavailable.clone(),
        });
        (g.apply)(&mut facts);
    }
    drop(stream);
    runs.sort_by_key(|r| r.fact);
    // Why a fact could not be had is an error's words: masked as the verdicts are.
    let masker = facts.masker(profile);
    for r in &mut runs {
        r.unavailable = r.unavailable.take().map(|w| masker.text(&w));
    }
    let mut outcomes = evaluate(&facts, profile, |_| true);
    gather::settle(&mut outcomes, &subject);
    let warnings = ignore
        .as_ref()
        .map(|i| i.warnings.clone())
        .unwrap_or_default();
    CheckReport {
        checklist: Checklist::new(outcomes, ignore.as_ref()),
        ignore_file: ignore.map(|i| i.file),
        subject,
        image,
        facts: runs,
        fail_on: args.fail_on.severity(),
        warnings,
    }
}

/// Is `target` written as a directory (`.`, `./x`, `../x`, `/x`)? Image and container
/// names never start so.
fn is_dir_like(target: &str) -> bool {
    target == "." || target == ".." || ["./", "../", "/"].iter().any(|p| target.starts_with(p))
}

/// The subject `target` names: a build context, a container, else an image (with the
/// container's image, for the report).
pub async fn resolve(engine: &Engine, target: &str) -> Result<(Subject, Option<String>), String> {
    if is_dir_like(target) {
        if !Path::new(target).is_dir() {
            return Err(format!(
                "{target} is not a directory: give a build context directory, a container or an image"
            ));
        }
        return Ok((
            Subject::Context {
                dir: target.to_string(),
            },
            None,
        ));
    }
    match engine.container_details(target).await {
        Ok(d) => {
            return Ok((
                Subject::Container {
                    id: d.id,
                    name: d.name,
                },
                Some(d.image),
            ));
        }
        Err(EngineError::NotFound { .. }) => {}
        Err(e) => return Err(e.to_string()),
    }
    match engine.image_config(target).await {
        Ok(_) => Ok((
            Subject::Image {
                reference: target.to_string(),
            },
            None,
        )),
        Err(EngineError::NotFound { .. }) => Err(format!(
            "no container or image named {target} on {}: `docktor ps --all` lists the containers, `docker images` the images",
            engine.target.uri
        )),
        Err(e) => Err(e.to_string()),
    }
}
