//! Command-line interface: global flags (which engine, read-only, profile) and subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// docktor — troubleshoot Docker containers: health, logs, layers, files, env.
///
/// Without a subcommand it opens the terminal UI. The engine is chosen like the docker CLI
/// does: --host, then DOCKER_HOST, then --context / DOCKER_CONTEXT, then the current
/// context of the docker config, then the default socket (or Podman's when only it exists).
#[derive(Debug, Parser)]
#[command(name = "docktor", version, about, long_about)]
pub struct Cli {
    /// Engine to talk to: unix:///path, tcp://host:port, ssh://user@host.
    #[arg(short = 'H', long, global = true, value_name = "URI")]
    pub host: Option<String>,
    /// Docker context to use (as in `docker context ls`).
    #[arg(short = 'c', long, global = true, value_name = "NAME")]
    pub context: Option<String>,
    /// Talk to Podman's Docker-compatible socket.
    #[arg(long, global = true)]
    pub podman: bool,
    /// Refuse every action that changes something (start, stop, restart, shell, prune).
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Profile file (what "right" means for your app); default: ./docktor.toml if present.
    #[arg(long, global = true, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List containers (running ones; --all for every one).
    Ps(PsArgs),
    /// An image's layers: sizes, instructions, efficiency, wasted bytes, advice; CI gates
    /// --min-efficiency and --max-wasted (exit 1 when one fails).
    Layers(crate::layers::command::LayersArgs),
    /// Compare images (e.g. the guide's four stages): size, layers, improvement vs the first.
    Compare(crate::layers::command::CompareArgs),
    /// Build the guide's four image stages offline (Original, Multi-stage, Official uv,
    /// Optimized) and compare their sizes.
    Demo(crate::demo::DemoArgs),
}

#[derive(Debug, clap::Args)]
pub struct PsArgs {
    /// Show stopped containers too.
    #[arg(short, long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}
