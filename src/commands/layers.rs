//! `docktor layers IMAGE`: the layer list, efficiency, wasted bytes, the largest wasted files
//! and the guide's advice, read from the engine or a saved archive (`--archive`); `--quick`
//! prints the layer list only. CI gates `--min-efficiency` / `--max-wasted`: exit 1 when one
//! fails.

use super::{EXIT_FAILED, EXIT_OK, clear_progress, connect, emit_line, terminal_progress};
use crate::cli::{Cli, LayersArgs, TextFormat};
use crate::diagnose::rules::layers_size::{GATE_RULES, gates};
use crate::diagnose::{Fact, Facts, evaluate, findings, needs_only};
use crate::engine::Engine;
use crate::layers::{AnalyzeOptions, LayersError, analyze, analyze_archive, quick_layers};
use crate::profile::Profile;
use crate::report::layers as report;
use crate::report::layers_quick as report_quick;

pub async fn run(cli: &Cli, args: &LayersArgs, profile: &Profile) -> Result<u8, String> {
    let engine = match args.archive {
        Some(_) => None,
        None => Some(connect(cli).await.map_err(|e| e.to_string())?),
    };
    run_with(args, engine.as_ref(), profile)
        .await
        .map_err(|e| e.to_string())
}

/// Runs `docktor layers` on `engine` (which may be `None` only with `--archive`); prints the
/// report and returns the exit code.
pub async fn run_with(
    args: &LayersArgs,
    engine: Option<&Engine>,
    profile: &Profile,
) -> Result<u8, Error> {
    // Without --archive, clap makes IMAGE required; with it, empty takes the only image.
    let image = args.image.as_deref().unwrap_or("");
    let wanted = args.image.as_deref();
    if args.quick {
        let engine = engine.ok_or_else(|| LayersError::NoDaemon {
            image: image.to_string(),
        })?;
        let quick = quick_layers(engine, image).await?;
        let text = match args.format {
            TextFormat::Json => pretty(&report_quick::json(&quick)),
            TextFormat::Text => report_quick::text(&quick),
        };
        emit_line(&text).map_err(Error::Output)?;
        return Ok(EXIT_OK);
    }
    let control = terminal_progress();
    let analysis = match (&args.archive, engine) {
        (Some(path), _) => analyze_archive(path, wanted, &control).await,
        (None, Some(e)) => {
            let opts = AnalyzeOptions {
                via: args.via,
                local_daemon: e.is_local(),
                control,
            };
            analyze(e, image, &opts).await
        }
        (None, None) => Err(LayersError::NoDaemon {
            image: image.to_string(),
        }),
    };
    clear_progress();
    let analysis = std::sync::Arc::new(analysis?);
    // The command line's gates override the profile's ([layers] in docktor.toml).
    let mut profile = profile.clone();
    profile.min_efficiency = args.min_efficiency.or(profile.min_efficiency);
    profile.max_wasted_bytes = args.max_wasted.or(profile.max_wasted_bytes);
    let outcomes = evaluate(&Facts::of_image(analysis.clone()), &profile, |r| {
        needs_only(r, &[Fact::Layers])
    });
    let gate_failed = outcomes
        .iter()
        .any(|o| GATE_RULES.contains(&o.rule.id) && !o.verdict.findings().is_empty());
    // Gates are reported as gates, the other findings as the guide's advice.
    let advice: Vec<_> = findings(&outcomes)
        .into_iter()
        .filter(|f| !GATE_RULES.contains(&f.id))
        .collect();
    let gates = gates(&analysis, &profile);
    let text = match args.format {
        TextFormat::Json => pretty(&report::to_json(&analysis, &advice, &gates)),
        TextFormat::Text => report::to_text(&analysis, &advice, &gates),
    };
    emit_line(&text).map_err(Error::Output)?;
    Ok(if gate_failed { EXIT_FAILED } else { EXIT_OK })
}

pub(super) fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Why `docktor layers` could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Layers(#[from] LayersError),
    #[error("{0}")]
    Output(String),
}
