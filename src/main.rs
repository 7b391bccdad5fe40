//! docktor's entry point: error hooks first, then the CLI, then the TUI or a headless command.

use std::process::ExitCode;

use clap::Parser;

use docktor::cli::{Cli, Command};
use docktor::headless::{self, EXIT_CANNOT_RUN};

/// `docktor ps | head -1`: once the reader of stdout is gone, Rust's `print!` panics with a
/// broken pipe. Exit quietly instead, with the status a Unix tool killed by SIGPIPE has
/// (128 + 13). (Restoring SIGPIPE's default action would need unsafe code.)
fn quiet_on_closed_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.starts_with("failed printing to stdout") && text.contains("Broken pipe") {
            std::process::exit(141);
        }
        previous(info);
    }));
}

fn main() -> ExitCode {
    // Installed before any terminal setup, so a panic or error always restores the terminal.
    if let Err(e) = color_eyre::install() {
        eprintln!("docktor: could not install error hooks: {e}");
    }
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("docktor: cannot start the async runtime: {e}");
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let profile = match docktor::profile::load(cli.profile.as_deref(), &cwd) {
        Ok((p, _)) => p,
        Err(e) => {
            eprintln!("docktor: {e}");
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let result = rt.block_on(async {
        match &cli.command {
            None => docktor::tui::run(&cli, &profile, Default::default())
                .await
                .map_err(|e| e.to_string()),
            Some(Command::Ps(args)) => headless::ps(&cli, args).await.map_err(|e| e.to_string()),
            Some(Command::Demo(args)) => headless::demo(&cli, args, &profile).await,
            Some(Command::Layers(args)) => headless::layers(&cli, args, &profile).await,
            Some(Command::Compare(args)) => headless::compare(&cli, args, &profile).await,
        }
    });
    // Background tasks (event streams, log followers) must not keep the process alive.
    rt.shutdown_background();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("docktor: {msg}");
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}
