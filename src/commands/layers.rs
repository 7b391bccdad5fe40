//! `docktor layers IMAGE`: the layer list, efficiency, wasted bytes, the largest wasted files
//! and the guide's advice, read from the engine or a saved archive (`--archive`); `--quick`
//! prints the layer list only. CI gates `--min-efficiency` / `--max-wasted`: exit 1 when one
//! fails.

use super::{EXIT_FAILED, EXIT_OK, clear_progress, connect, emit_line, terminal_progress};
use crate::cli::{Cli, LayersArgs, TextFormat};
use crate::engine::Engine;
use crate::layers::{
    self, AnalyzeOptions, LayersError, analyze, analyze_archive, check_gates, quick_layers,
    quick_report, report,
};
use crate::profile::Profile;

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
    if args.quick {
        let engine = engine.ok_or_else(|| LayersError::NoDaemon {
            image: image.to_string(),
        })?;
        let quick = quick_layers(engine, image).await?;
        let text = match args.format {
            TextFormat::Json => pretty(&quick_report::json(&quick)),
            TextFormat::Text => quick_report::text(&quick),
        };
        emit_line(&text).map_err(Error::Output)?;
        return Ok(EXIT_OK);
    }
    let control = terminal_progress();
    let analysis = match (&args.archive, engine) {
        (Some(path), _) => analyze_archive(path, image, &control).await,
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
    let analysis = analysis?;
    let findings = layers::advise(&analysis, profile);
    let gates = check_gates(&analysis, args.min_efficiency, args.max_wasted);
    let text = match args.format {
        TextFormat::Json => pretty(&report::to_json(&analysis, &findings, &gates)),
        TextFormat::Text => report::to_text(&analysis, &findings, &gates),
    };
    emit_line(&text).map_err(Error::Output)?;
    Ok(if gates.iter().all(|g| g.passed) {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
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
