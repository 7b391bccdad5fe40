//! `docktor demo`: builds the guide's four stages with progress on stderr, then opens the
//! comparison in the TUI (or prints the guide's table when not on a terminal).

use std::io::IsTerminal;

use super::{EXIT_OK, connect, emit_line, note};
use crate::cli::{Cli, DemoArgs};
use crate::demo::{DemoEvent, DemoOptions, format_mb, run_demo, size_table};
use crate::profile::Profile;

/// Longest build instruction shown in a progress line.
const INSTRUCTION_CHARS: usize = 90;

pub async fn run(cli: &Cli, args: &DemoArgs, profile: &Profile) -> Result<u8, String> {
    if cli.read_only {
        return Err(
            "docktor demo builds images and may start a container: refused in --read-only mode"
                .into(),
        );
    }
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let outcome = run_demo(&engine, &options(args), |ev| match ev {
        DemoEvent::Cached { tag, .. } => note(&format!("  {tag}: already built")),
        DemoEvent::Building { tag, .. } => note(&format!("building {tag}")),
        DemoEvent::Step {
            stage,
            step,
            total,
            instruction,
        } => note(&format!(
            "  [{}] step {step}/{total}: {}",
            stage.name(),
            truncate(&instruction, INSTRUCTION_CHARS)
        )),
        DemoEvent::Built { stage, size, .. } => {
            note(&format!("  [{}] built, {}", stage.name(), format_mb(size)))
        }
        DemoEvent::Starting { container, image } => {
            note(&format!("starting {container} from {image}"))
        }
        DemoEvent::Health { container, status } => note(&format!("  {container}: {status}")),
        DemoEvent::Output { .. } => {}
    })
    .await
    .map_err(|e| e.to_string())?;
    if args.no_compare {
        return Ok(EXIT_OK);
    }
    // On a terminal the comparison opens in the TUI; piped, the guide's table is printed.
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        let images = outcome.images.iter().map(|i| i.tag.clone()).collect();
        let labels = outcome
            .images
            .iter()
            .map(|i| i.stage.label().to_string())
            .collect();
        return crate::tui::run(cli, profile, crate::tui::Start::Compare(images, labels)).await;
    }
    emit_line(&size_table(&outcome))?;
    Ok(EXIT_OK)
}

/// What the flags ask of the demo.
pub fn options(args: &DemoArgs) -> DemoOptions {
    DemoOptions {
        scale_mb: args.scale_mb,
        run: !args.no_run,
        ..DemoOptions::default()
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}
