//! docktor's entry point: error hooks first, then the CLI, then the TUI or a headless command.

use std::process::ExitCode;

use clap::Parser;

use docktor::cli::Cli;
use docktor::commands::{self, EXIT_CANNOT_RUN};

fn main() -> ExitCode {
    // Installed before any terminal setup, so a panic or error always restores the terminal.
    if let Err(e) = color_eyre::install() {
        eprintln!("docktor: could not install error hooks: {e}");
    }
    let cli = Cli::parse();
    if let Err(msg) = docktor::cli::check_contexts(&cli) {
        commands::note(&format!("docktor: {msg}"));
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            commands::note(&format!("docktor: cannot start the async runtime: {e}"));
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let profile = match docktor::profile::load(cli.profile.as_deref(), &cwd) {
        Ok((p, _)) => p,
        Err(e) => {
            commands::note(&format!("docktor: {e}"));
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let result = rt.block_on(async {
        match &cli.command {
            None => docktor::tui::run(&cli, &profile, Default::default()).await,
            Some(command) => commands::run(&cli, command, &profile).await,
        }
    });
    // Background tasks (event streams, log followers) must not keep the process alive.
    rt.shutdown_background();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            commands::note(&format!("docktor: {msg}"));
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}
