//! Headless commands (`docktor ps`, `layers`, `compare`, `demo`, `context`, `check`, `cache`, `prune`), one file each: the same
//! engine and rules as the TUI, output for scripts. Shared here: connecting, exit codes,
//! writing output (a closed pipe is a quiet end, as for every Unix tool) and progress.
//!
//! Exit codes: 0 ok, 1 a check or gate failed, 2 docktor could not run (bad input, no daemon).

pub mod cache;
pub mod check;
pub mod compare;
pub mod context;
pub mod demo;
pub mod env;
pub mod files;
pub mod health;
pub mod layers;
pub mod prune;
pub mod ps;
pub mod record;

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{Cli, Command};
use crate::engine::host::{self, ProcessEnv};
use crate::engine::{Engine, EngineError};
use crate::layers::control::{Control, Progress};
use crate::profile::Profile;

/// Exit code when all went well.
pub const EXIT_OK: u8 = 0;
/// Exit code when a check or gate failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code when docktor could not do what was asked.
pub const EXIT_CANNOT_RUN: u8 = 2;
/// Exit code when stdout's reader went away (as SIGPIPE would end a process).
pub const EXIT_CLOSED_PIPE: i32 = 141;

/// Runs the headless `command`; `Err` is the message for stderr (exit 2).
pub async fn run(cli: &Cli, command: &Command, profile: &Profile) -> Result<u8, String> {
    match command {
        Command::Ps(args) => ps::run(cli, args).await,
        Command::Layers(args) => layers::run(cli, args, profile).await,
        Command::Compare(args) => compare::run(cli, args, profile).await,
        Command::Demo(args) => demo::run(cli, args, profile).await,
        Command::Files(args) => files::run(cli, args, profile).await,
        Command::Check(args) => check::run(cli, args, profile).await,
        Command::Health(args) => health::run(cli, args, profile).await,
        Command::Record(args) => record::run(cli, args).await,
        Command::Env(args) => env::run(cli, args, profile).await,
        Command::Context(args) => context::run(cli, args, profile).await,
        Command::Cache(args) => cache::run(cli, args, profile).await,
        Command::Prune(args) => prune::run(cli, args).await,
    }
}

/// Resolves the host the way the docker CLI does and connects to it.
pub async fn connect(cli: &Cli) -> Result<Engine, EngineError> {
    let target = host::resolve(&cli.host_options(), &ProcessEnv, &|p: &Path| p.exists())
        .map_err(|e| EngineError::Host(e.to_string()))?;
    if target.source == host::Source::PodmanAuto {
        // A different engine than asked for by default: say so, on stderr (stdout is data).
        note(&format!(
            "docktor: no Docker socket at {}; using Podman at {}",
            host::DEFAULT_SOCKET,
            target.uri
        ));
    }
    Engine::connect(&target).await
}

/// Writes `text` to stdout. A reader that went away (`docktor ps | head -1`) ends the
/// output quietly: not an error, no panic. Any other write failure is one.
pub fn emit(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // The reader is gone (`docktor ps | head -1`): end at once and quietly, with the
        // status a Unix tool killed by SIGPIPE has (128 + 13), as `yes | head -1` does.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(EXIT_CLOSED_PIPE)
        }
        Err(e) => Err(format!("cannot write the output: {e}")),
    }
}

/// `text` and a newline, through [`emit`].
pub fn emit_line(text: &str) -> Result<(), String> {
    emit(&format!("{text}\n"))
}

/// One line for people on stderr (progress, notices); lost quietly if stderr is closed.
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Progress on stderr, one line rewritten in place, when stderr is a terminal (never in
/// pipes or CI logs).
pub fn terminal_progress() -> Control {
    if !std::io::stderr().is_terminal() {
        return Control::new();
    }
    Control::new().with_progress(std::sync::Arc::new(|p: &Progress| {
        let _ = write!(std::io::stderr().lock(), "\r\x1b[K{}", p.line());
    }))
}

/// Clears the progress line [`terminal_progress`] draws.
pub fn clear_progress() {
    if std::io::stderr().is_terminal() {
        let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
    }
}
