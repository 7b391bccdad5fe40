//! Command-line interface: global flags (which engine, read-only, profile), the subcommands
//! and every flag of theirs, declared with clap (formats and `--via` as value enums, so a bad
//! value gets clap's error and exit 2). The commands themselves live in `commands/`.

mod build;
mod runtime;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use build::{CacheArgs, CacheSort, PruneArgs, PruneTarget};
pub use runtime::{CheckArgs, CheckFormat, EnvArgs, FilesArgs, FilesVia, HealthArgs, RecordArgs};

use crate::engine::host::HostOptions;
use crate::layers::Via;

/// docktor — troubleshoot Docker containers: health, logs, layers, files, env.
///
/// Without a subcommand it opens the terminal UI. The engine is chosen like the docker CLI
/// does: --host, --context or --podman (a --context flag beats DOCKER_HOST), then
/// DOCKER_HOST, then DOCKER_CONTEXT, then the current context of the docker config, then the
/// default socket (or Podman's when only it exists).
#[derive(Debug, Parser)]
#[command(name = "docktor", version, about, long_about)]
pub struct Cli {
    /// Engine to talk to: unix:///path, tcp://host:port, ssh://user@host.
    #[arg(short = 'H', long, global = true, value_name = "URI")]
    pub host: Option<String>,
    /// Docker context to use (as in `docker context ls`). `docktor record` takes it several
    /// times, to follow several engines.
    #[arg(short = 'c', long = "context", global = true, value_name = "NAME")]
    pub contexts: Vec<String>,
    /// Talk to Podman's Docker-compatible socket.
    #[arg(long, global = true)]
    pub podman: bool,
    /// Refuse every action that changes something (start, stop, restart, a shell).
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Profile file (what "right" means for your app); default: ./docktor.toml if present.
    #[arg(long, global = true, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The engine the flags ask for (`--host`, `--context`, `--podman`).
    pub fn host_options(&self) -> HostOptions {
        host_options(self)
    }
}

/// [`Cli::host_options`] as a function.
pub fn host_options(cli: &Cli) -> HostOptions {
    HostOptions {
        host: cli.host.clone(),
        context: cli.contexts.last().cloned(),
        podman: cli.podman,
    }
}

/// Only `docktor record` follows several engines: every other command (and the TUI) takes
/// one `--context`.
pub fn check_contexts(cli: &Cli) -> Result<(), String> {
    let several = cli.contexts.len() > 1;
    if several && !matches!(cli.command, Some(Command::Record(_))) {
        return Err(format!(
            "--context was given {} times; only `docktor record` follows several engines. Give one --context",
            cli.contexts.len()
        ));
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List containers (running ones; --all for every one).
    Ps(PsArgs),
    /// An image's layers: sizes, instructions, efficiency, wasted bytes, advice; CI gates
    /// --min-efficiency and --max-wasted (exit 1 when one fails).
    Layers(LayersArgs),
    /// Compare images (e.g. the guide's four stages): size, layers, improvement vs the first.
    Compare(CompareArgs),
    /// Build the guide's four image stages offline (Original, Multi-stage, Official uv,
    /// Optimized) and compare their sizes.
    Demo(DemoArgs),
    /// Check a build context: what `docker build DIR` would send with its .dockerignore
    /// (Docker's own matching), its size and largest paths, unreadable and sensitive files.
    Context(ContextArgs),
    /// Every check of the guide on a container or an image (or, without one, the build
    /// context in the current directory), grouped by the guide's sections: exit 1 when a
    /// finding is at or above --fail-on, 2 when the check cannot run.
    Check(CheckArgs),
    /// A container's health check: status and failing streak, the check in effect, every
    /// probe known (the daemon's last 5 and what `docktor record` stored), and why it
    /// fails. Exit 1 when unhealthy.
    Health(HealthArgs),
    /// Record every health probe of every container into the history store, for as long as
    /// it runs (the daemon keeps only the last 5). `--context` may be repeated.
    Record(RecordArgs),
    /// A container's environment against the app's spec (.env.example, --spec, --schema):
    /// missing, mistyped and insecure settings, secrets baked into the image, and whether
    /// the database answers from where the app runs. Secret values masked unless --reveal.
    Env(EnvArgs),
    /// Files inside a container or an image (no exec): owners by name, modes, sizes, what the
    /// runtime user can read, write and enter, and the files rules (exit 1 on a finding).
    Files(FilesArgs),
    /// The build cache (records grouped by type: cache mounts such as the uv cache, layers,
    /// contexts) with `docker system df`'s totals for images, containers, volumes.
    Cache(CacheArgs),
    /// Prune build cache, dangling images or stopped containers: a preview first, then a
    /// question (or --yes); --keep-cache-mounts prunes layers and keeps the uv cache.
    Prune(PruneArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct PsArgs {
    /// Show stopped containers too.
    #[arg(short, long)]
    pub all: bool,
    /// Output: a table for people, or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table, ignore_case = true)]
    pub format: Format,
}

/// `docktor ps --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// `docktor layers IMAGE`: layer list, efficiency, waste, advice.
#[derive(Debug, Clone, clap::Args)]
pub struct LayersArgs {
    /// Image name, tag or ID (with --archive: which image of the archive; may be left out
    /// when it holds one).
    #[arg(required_unless_present = "archive")]
    pub image: Option<String>,
    /// Read a saved image (`docker save` output or an OCI layout tar) instead of the daemon.
    #[arg(long, value_name = "FILE")]
    pub archive: Option<PathBuf>,
    /// The layer list only (inspect + history: sizes, instructions, base layers), no file
    /// analysis: fast on any image.
    #[arg(long, conflicts_with_all = ["archive", "via", "min_efficiency", "max_wasted"])]
    pub quick: bool,
    /// How to read layer contents: auto (local overlay2 when possible), export, local.
    #[arg(long, value_enum, default_value_t = Via::Auto, ignore_case = true)]
    pub via: Via,
    /// Output: text for people, or JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
    /// Exit 1 when efficiency is below this ratio (0..1), e.g. 0.9.
    #[arg(long, value_name = "RATIO", value_parser = parse_ratio)]
    pub min_efficiency: Option<f64>,
    /// Exit 1 when wasted bytes exceed this size, e.g. 50MB.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_wasted: Option<u64>,
}

/// `docktor layers --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    Text,
    Json,
}

/// `docktor compare IMG…`: sizes and improvement against the first image.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// Images to compare; the first is the baseline.
    #[arg(required = true, num_args = 1..)]
    pub images: Vec<String>,
    /// Output: the guide's Markdown tables, or JSON.
    #[arg(long, value_enum, default_value_t = TableFormat::Markdown, ignore_case = true)]
    pub format: TableFormat,
}

/// `docktor compare --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    #[value(alias = "md")]
    Markdown,
    Json,
}

/// `docktor demo`: build the guide's four images and compare their sizes.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Do not start the four images as containers (`docktor-demo-<stage>`; by default they
    /// are started, and docktor waits until the optimized one's health check passes).
    #[arg(long)]
    pub no_run: bool,
    /// MB per 100 MB of the guide: the original is 8 × this (10 → 80/60/50/40 MB); 1..=100.
    #[arg(long, default_value = "10", value_name = "MB")]
    pub scale_mb: u64,
    /// Do not show the size comparison afterwards.
    #[arg(long)]
    pub no_compare: bool,
}

/// `docktor context [DIR]`.
#[derive(Debug, Clone, clap::Args)]
pub struct ContextArgs {
    /// The build context (the directory given to `docker build`).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The Dockerfile, relative to DIR (as `docker build -f`).
    #[arg(
        short = 'f',
        long = "file",
        default_value = "Dockerfile",
        value_name = "FILE"
    )]
    pub file: String,
    /// Which builder's client to reproduce: buildkit (the default builder) or classic
    /// (`DOCKER_BUILDKIT=0`).
    #[arg(long, value_enum, default_value_t = crate::context::Builder::Buildkit, ignore_case = true)]
    pub builder: crate::context::Builder,
    /// Output: text for people, or JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
    /// Also list every path that would be sent.
    #[arg(long)]
    pub list: bool,
    /// Open the TUI on the context check (findings, largest and sensitive paths) instead of
    /// printing.
    #[arg(long, conflicts_with_all = ["format", "list"])]
    pub tui: bool,
    /// Exit 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Error, ignore_case = true)]
    pub fail_on: FailOn,
}

/// `--fail-on`: the least severe finding that makes a check command exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Warn,
    Error,
}

impl FailOn {
    pub fn severity(self) -> crate::diagnose::Severity {
        match self {
            FailOn::Info => crate::diagnose::Severity::Info,
            FailOn::Warn => crate::diagnose::Severity::Warn,
            FailOn::Error => crate::diagnose::Severity::Error,
        }
    }
}

fn parse_ratio(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err("use a ratio between 0 and 1, e.g. 0.9".into()),
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    crate::profile::parse_size(s).map_err(|_| "use a size like 50MB, 1.5GiB or 1000000".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("docktor").chain(args.iter().copied()))
    }

    #[test]
    fn formats_and_via_are_value_enums() {
        let Ok(Cli {
            command: Some(Command::Layers(a)),
            ..
        }) = parse(&["layers", "img", "--format", "JSON", "--via", "export"])
        else {
            panic!("layers parses");
        };
        assert_eq!((a.format, a.via), (TextFormat::Json, Via::Export));
        let Ok(Cli {
            command: Some(Command::Compare(c)),
            ..
        }) = parse(&["compare", "a", "--format", "md"])
        else {
            panic!("compare parses");
        };
        assert_eq!(c.format, TableFormat::Markdown);
        for bad in [
            &["layers", "img", "--format", "markdown"][..],
            &["layers", "img", "--via", "ftp"],
            &["compare", "a", "--format", "yaml"],
            &["ps", "--format", "text"],
            &["layers", "img", "--max-wasted", "lots"],
            &["layers", "img", "--min-efficiency", "1.5"],
            &["layers"],
            &["layers", "img", "--quick", "--min-efficiency", "0.5"],
        ] {
            let err = parse(bad).err();
            assert_eq!(err.map(|e| e.exit_code()), Some(2), "{bad:?}");
        }
    }

    #[test]
    fn only_record_takes_several_contexts() {
        let Ok(cli) = parse(&["record", "--context", "a", "-c", "b", "--keep-probes", "50"]) else {
            panic!("record parses");
        };
        assert_eq!(cli.contexts, ["a", "b"]);
        assert!(check_contexts(&cli).is_ok());
        let Some(Command::Record(r)) = &cli.command else {
            panic!("record");
        };
        assert_eq!(
            (r.keep_days, r.keep_probes, r.format),
            (30, 50, TextFormat::Text)
        );
        let Ok(one) = parse(&["--context", "a", "ps"]) else {
            panic!("ps parses");
        };
        assert_eq!(host_options(&one).context.as_deref(), Some("a"));
        let Ok(two) = parse(&["ps", "--context", "a", "--context", "b"]) else {
            panic!("ps parses");
        };
        let err = check_contexts(&two).err().unwrap_or_default();
        assert!(err.contains("only `docktor record`"), "{err}");
        for bad in [
            &["record", "--keep-days", "0"][..],
            &["record", "--keep-probes", "none"],
            &["health"],
            &["health", "web", "--format", "yaml"],
        ] {
            assert_eq!(parse(bad).err().map(|e| e.exit_code()), Some(2), "{bad:?}");
        }
    }

    #[test]
    fn archive_makes_the_image_optional() {
        let Ok(Cli {
            command: Some(Command::Layers(a)),
            ..
        }) = parse(&["layers", "--archive", "img.tar"])
        else {
            panic!("layers --archive parses");
        };
        assert_eq!(a.image, None);
    }
}
