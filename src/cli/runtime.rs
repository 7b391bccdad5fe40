//! The flags of the commands that look at a running container or its image: `files`,
//! `health`, `record`, `env`, `check`.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{FailOn, TextFormat, parse_ratio, parse_size};

/// `docktor files CONTAINER|IMAGE`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilesArgs {
    /// A container (name or ID), or an image (read through a container created from it and
    /// never started, removed afterwards).
    pub target: String,
    /// The path to read (default: the profile's app_dir, /app).
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
    /// How to read: auto (the local overlay2 layers when the engine is on this machine and
    /// they are readable, else the archive endpoint), archive, local.
    #[arg(long, value_enum, default_value_t = FilesVia::Auto, ignore_case = true)]
    pub via: FilesVia,
    /// Output: text for people, or JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
    /// Also print every entry (path, type, uid, gid, user, group, mode, size, access).
    #[arg(long)]
    pub list: bool,
    /// Exit 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Error, ignore_case = true)]
    pub fail_on: FailOn,
    /// TARGET is an image, even when a container has that name.
    #[arg(long)]
    pub image: bool,
}

/// `docktor files --via`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FilesVia {
    Auto,
    Archive,
    Local,
}

/// `docktor health CONTAINER`.
#[derive(Debug, Clone, clap::Args)]
pub struct HealthArgs {
    /// Container name or ID.
    pub container: String,
    /// Output: text for people, or JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
    /// The history store to read (default: $XDG_STATE_HOME/docktor/health.sqlite3).
    #[arg(long, value_name = "FILE")]
    pub store: Option<PathBuf>,
    /// Show secret values in the probes' outputs and the check as they are (masked by
    /// default; the output says which).
    #[arg(long)]
    pub reveal: bool,
}

/// `docktor record`.
#[derive(Debug, Clone, clap::Args)]
pub struct RecordArgs {
    /// The history store to fill (default: $XDG_STATE_HOME/docktor/health.sqlite3).
    #[arg(long, value_name = "FILE")]
    pub store: Option<PathBuf>,
    /// Keep probes this many days (older ones are dropped every hour).
    #[arg(long, default_value = "30", value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub keep_days: u32,
    /// Keep at most this many probes per container (the newest).
    #[arg(long, default_value = "20000", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub keep_probes: u32,
    /// What record says as it goes: lines for people, or one JSON object per line.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
    /// Also say every probe recorded.
    #[arg(short, long)]
    pub verbose: bool,
}

/// `docktor env CONTAINER`: the environment against the app's spec, the guide's production
/// rules, secrets baked into the image, and the database from where the app runs.
#[derive(Debug, Clone, clap::Args)]
pub struct EnvArgs {
    /// Container name or ID.
    pub container: String,
    /// The expected variables (a dotenv file); default: the profile's [env] spec, else
    /// .env.example / .env here or in BackEnd/.
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
    /// A dotenv-linter schema (JSON) with the variables' types; default: [env] schema.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// Output: text for people, or JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
    /// Show secret values as they are (masked by default; the output says which).
    #[arg(long)]
    pub reveal: bool,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error, ignore_case = true)]
    pub fail_on: FailOn,
}

/// `docktor check [TARGET]`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// A container (name or ID) or an image (name, tag or ID); a directory (`.`, `./dir`,
    /// `/path`) is checked as a build context. Default: the current directory.
    pub target: Option<String>,
    /// Output: text for people, JSON, Markdown for a pull request, SARIF 2.1.0 for
    /// code-scanning dashboards.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text, ignore_case = true)]
    pub format: CheckFormat,
    /// Exit 1 when a finding (not suppressed) is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Error, ignore_case = true)]
    pub fail_on: FailOn,
    /// Rules not to count, one id (or `area.*`) and a reason per line; default:
    /// ./.docktorignore when present.
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,
    /// Gate: efficiency below this ratio (0..1) is an error (overrides the profile's).
    #[arg(long, value_name = "RATIO", value_parser = parse_ratio)]
    pub min_efficiency: Option<f64>,
    /// Gate: wasted bytes above this size are an error (overrides the profile's).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_wasted: Option<u64>,
}

/// `docktor check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    #[value(alias = "md")]
    Markdown,
    Sarif,
}
