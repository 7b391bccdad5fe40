//! The headless commands `docktor layers IMAGE` and `docktor compare IMG…`: arguments, gates
//! and exit codes (0 ok, 1 a gate failed; errors are the caller's exit 2).

use super::analyze::{AnalyzeOptions, ImageAnalysis, Via, analyze, analyze_archive};
use super::compare::{ImageSummary, compare};
use super::control::Control;
use super::report::{self, Gate};
use super::units::format_size;
use super::{LayersError, advice};
use crate::profile::Profile;
use crate::profile::parse_size;
use std::path::PathBuf;

/// `docktor layers IMAGE`: layer list, efficiency, waste, advice.
#[derive(Debug, Clone, clap::Args)]
pub struct LayersArgs {
    /// Image name, tag or ID (with --archive: which image of the archive, by tag, ID or ID prefix).
    pub image: String,
    /// Read a saved image (`docker save` output or an OCI layout tar; plain, gzip, zstd or xz)
    /// instead of the daemon.
    #[arg(long)]
    pub archive: Option<PathBuf>,
    /// How to read layer contents: auto (local overlay2 when possible), export, local.
    #[arg(long, default_value = "auto")]
    pub via: String,
    /// Output: text or json.
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Exit 1 when efficiency is below this ratio (0..1), e.g. 0.9.
    #[arg(long)]
    pub min_efficiency: Option<f64>,
    /// Exit 1 when wasted bytes exceed this size, e.g. 50MB.
    #[arg(long)]
    pub max_wasted: Option<String>,
}

/// `docktor compare IMG…`: sizes and improvement against the first image.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// Images to compare; the first is the baseline.
    #[arg(required = true, num_args = 1..)]
    pub images: Vec<String>,
    /// Output: markdown or json.
    #[arg(long, default_value = "markdown")]
    pub format: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Markdown,
}

fn format_of(s: &str, allowed: &[Format]) -> Result<Format, LayersError> {
    let f = match s.to_ascii_lowercase().as_str() {
        "text" => Format::Text,
        "json" => Format::Json,
        "markdown" | "md" => Format::Markdown,
        _ => Format::Text,
    };
    if allowed.contains(&f) && (s.eq_ignore_ascii_case("text") || f != Format::Text) {
        Ok(f)
    } else {
        Err(LayersError::BadArgument {
            what: "--format",
            value: s.to_string(),
            hint: if allowed.contains(&Format::Markdown) {
                "use markdown or json"
            } else {
                "use text or json"
            },
        })
    }
}

/// The gates asked for, checked against an analysis.
pub fn check_gates(
    a: &ImageAnalysis,
    min_efficiency: Option<f64>,
    max_wasted: Option<u64>,
) -> Vec<Gate> {
    let f = &a.figures;
    let mut gates = Vec::new();
    if let Some(min) = min_efficiency {
        gates.push(Gate {
            name: "min-efficiency",
            limit: format!("{min}"),
            actual: format!("{:.5}", f.efficiency),
            passed: f.efficiency >= min,
        });
    }
    if let Some(max) = max_wasted {
        gates.push(Gate {
            name: "max-wasted",
            limit: format_size(max),
            actual: format_size(f.wasted_bytes),
            passed: f.wasted_bytes <= max,
        });
    }
    gates
}

/// Runs `docktor layers`. `docker` may be `None` only with `--archive`; `local` says the
/// daemon is on this machine (unix socket). Prints the report; returns the exit code.
pub async fn run_layers(
    args: &LayersArgs,
    docker: Option<&bollard::Docker>,
    local: bool,
    profile: &Profile,
) -> Result<i32, LayersError> {
    let format = format_of(&args.format, &[Format::Text, Format::Json])?;
    let via: Via = args.via.parse()?;
    let max_wasted = match &args.max_wasted {
        Some(s) => Some(parse_size(s).map_err(|_| LayersError::BadArgument {
            what: "--max-wasted",
            value: s.clone(),
            hint: "use a size like 50MB, 1.5GiB or 1000000",
        })?),
        None => None,
    };
    if let Some(r) = args.min_efficiency
        && !(0.0..=1.0).contains(&r)
    {
        return Err(LayersError::BadArgument {
            what: "--min-efficiency",
            value: r.to_string(),
            hint: "use a ratio between 0 and 1, e.g. 0.9",
        });
    }
    let control = terminal_progress();
    let analysis = match (&args.archive, docker) {
        (Some(path), _) => analyze_archive(path, Some(&args.image), &control).await?,
        (None, Some(d)) => {
            let opts = AnalyzeOptions {
                via,
                local_daemon: local,
                control,
            };
            analyze(d, &args.image, &opts).await?
        }
        (None, None) => {
            return Err(LayersError::NoDaemon {
                image: args.image.clone(),
            });
        }
    };
    clear_progress();
    let findings = advice::advise(&analysis, profile);
    let gates = check_gates(&analysis, args.min_efficiency, max_wasted);
    let text = match format {
        Format::Json => {
            serde_json::to_string_pretty(&report::to_json(&analysis, &findings, &gates))
                .unwrap_or_default()
        }
        _ => report::to_text(&analysis, &findings, &gates),
    };
    println!("{text}");
    Ok(if gates.iter().all(|g| g.passed) { 0 } else { 1 })
}

/// Progress on stderr, one line rewritten in place, when stderr is a terminal (never in
/// pipes or CI logs).
fn terminal_progress() -> Control {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return Control::new();
    }
    Control::new().with_progress(std::sync::Arc::new(|p: &super::control::Progress| {
        eprint!("\r\x1b[K{}", p.line());
    }))
}

fn clear_progress() {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}

/// Runs `docktor compare`: analyses each image (local overlay2 walk when possible) and prints
/// the guide's table (markdown) or JSON. Returns the exit code.
pub async fn run_compare(
    args: &CompareArgs,
    docker: &bollard::Docker,
    local: bool,
    _profile: &Profile,
) -> Result<i32, LayersError> {
    let format = format_of(&args.format, &[Format::Markdown, Format::Json])?;
    let opts = AnalyzeOptions {
        via: Via::Auto,
        local_daemon: local,
        control: terminal_progress(),
    };
    let mut summaries = Vec::with_capacity(args.images.len());
    for image in &args.images {
        let a = analyze(docker, image, &opts).await;
        clear_progress();
        let a = a?;
        summaries.push(ImageSummary::from_analysis(&a));
    }
    let c = compare(&summaries);
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&c.to_json()).unwrap_or_default()
        ),
        _ => print!("{}", c.to_markdown()),
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_checked() {
        assert_eq!(
            format_of("json", &[Format::Text, Format::Json]).ok(),
            Some(Format::Json)
        );
        assert_eq!(
            format_of("TEXT", &[Format::Text, Format::Json]).ok(),
            Some(Format::Text)
        );
        assert!(format_of("markdown", &[Format::Text, Format::Json]).is_err());
        assert!(format_of("yaml", &[Format::Markdown, Format::Json]).is_err());
        assert_eq!(
            format_of("md", &[Format::Markdown, Format::Json]).ok(),
            Some(Format::Markdown)
        );
    }
}
