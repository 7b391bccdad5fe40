//! Headless commands (`docktor ps`, …): same engine and rules as the TUI, output for scripts.
//! Exit codes: 0 ok, 1 a check or gate failed, 2 docktor could not run (bad input, no daemon).

use std::path::Path;

use futures_util::StreamExt;

use crate::cli::{Cli, Format, PsArgs};
use crate::engine::host::{self, HostOptions, ProcessEnv};
use crate::engine::{Engine, EngineError};
use crate::report;

/// Exit code when docktor could not do what was asked.
pub const EXIT_CANNOT_RUN: u8 = 2;

pub fn host_options(cli: &Cli) -> HostOptions {
    HostOptions {
        host: cli.host.clone(),
        context: cli.context.clone(),
        podman: cli.podman,
    }
}

/// Resolves the host the way the docker CLI does and connects to it.
pub async fn connect(cli: &Cli) -> Result<Engine, EngineError> {
    let target = host::resolve(&host_options(cli), &ProcessEnv, &|p: &Path| p.exists())
        .map_err(|e| EngineError::Host(e.to_string()))?;
    if target.source == host::Source::PodmanAuto {
        // A different engine than asked for by default: say so, on stderr (stdout is data).
        eprintln!(
            "docktor: no Docker socket at {}; using Podman at {}",
            host::DEFAULT_SOCKET,
            target.uri
        );
    }
    Engine::connect(&target).await
}

pub async fn ps(cli: &Cli, args: &PsArgs) -> Result<u8, EngineError> {
    let engine = connect(cli).await?;
    let mut list = engine.containers(args.all).await?;
    // Start times come from inspect; ask for the running ones, a few at a time.
    let started: Vec<Option<i64>> = futures_util::stream::iter(list.iter().map(|c| {
        let e = engine.clone();
        let (id, up) = (c.id.clone(), c.state.is_up());
        async move {
            if up {
                e.inspect_brief(&id).await.ok().and_then(|(s, _)| s)
            } else {
                None
            }
        }
    }))
    .buffered(8)
    .collect()
    .await;
    for (c, s) in list.iter_mut().zip(started) {
        c.started_at = s;
    }
    let out = match args.format {
        Format::Json => report::ps::json(&list) + "\n",
        Format::Table => report::ps::table(&list, now()),
    };
    print!("{out}");
    Ok(0)
}

/// `docktor layers IMAGE`: needs the engine unless `--archive` is given.
pub async fn layers(
    cli: &Cli,
    args: &crate::layers::command::LayersArgs,
    profile: &crate::profile::Profile,
) -> Result<u8, String> {
    let engine = match args.archive {
        Some(_) => None,
        None => Some(connect(cli).await.map_err(|e| e.to_string())?),
    };
    let local = engine.as_ref().is_some_and(|e| e.is_local());
    let code = crate::layers::command::run_layers(
        args,
        engine.as_ref().map(|e| e.docker()),
        local,
        profile,
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(exit_code(code))
}

/// `docktor compare IMAGE...`.
pub async fn compare(
    cli: &Cli,
    args: &crate::layers::command::CompareArgs,
    profile: &crate::profile::Profile,
) -> Result<u8, String> {
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let code =
        crate::layers::command::run_compare(args, engine.docker(), engine.is_local(), profile)
            .await
            .map_err(|e| e.to_string())?;
    Ok(exit_code(code))
}

fn exit_code(code: i32) -> u8 {
    u8::try_from(code).unwrap_or(EXIT_CANNOT_RUN)
}

/// `docktor demo`: builds the four stages with progress on stderr, then opens the comparison
/// (or prints the guide's table when not on a terminal).
pub async fn demo(
    cli: &Cli,
    args: &crate::demo::DemoArgs,
    profile: &crate::profile::Profile,
) -> Result<u8, String> {
    use crate::demo::{DemoEvent, DemoOptions, run_demo, size_table};
    if cli.read_only {
        return Err(
            "docktor demo builds images and may start a container: refused in --read-only mode"
                .into(),
        );
    }
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let opts = DemoOptions::from(args);
    let outcome = run_demo(engine.docker(), &opts, |ev| match ev {
        DemoEvent::Cached { tag, .. } => eprintln!("  {tag}: already built"),
        DemoEvent::Building { tag, .. } => eprintln!("building {tag}"),
        DemoEvent::Step {
            stage,
            step,
            total,
            instruction,
        } => {
            eprintln!(
                "  [{}] step {step}/{total}: {}",
                stage.name(),
                truncate(&instruction, 90)
            )
        }
        DemoEvent::Built { stage, size, .. } => eprintln!(
            "  [{}] built, {}",
            stage.name(),
            crate::demo::format_mb(size)
        ),
        DemoEvent::Starting { container, image } => eprintln!("starting {container} from {image}"),
        DemoEvent::Health { container, status } => eprintln!("  {container}: {status}"),
        DemoEvent::Output { .. } => {}
    })
    .await
    .map_err(|e| e.to_string())?;
    if args.no_compare {
        return Ok(0);
    }
    // On a terminal the comparison opens in the TUI; piped, the guide's table is printed.
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        let images = outcome.images.iter().map(|i| i.tag.clone()).collect();
        let labels = outcome
            .images
            .iter()
            .map(|i| i.stage.label().to_string())
            .collect();
        return crate::tui::run(cli, profile, crate::tui::Start::Compare(images, labels)).await;
    }
    println!("{}", size_table(&outcome));
    Ok(0)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
