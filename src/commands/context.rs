//! `docktor context [DIR] [-f FILE] [--builder buildkit|classic] [--format text|json]
//! [--list] [--fail-on info|warn|error] [--tui]`: what `docker build` would send from DIR,
//! checked by the `context.*` rules. Needs no engine (`--tui` opens the TUI on the check).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::{EXIT_FAILED, EXIT_OK, emit};
use crate::cli::{Cli, ContextArgs, TextFormat};
use crate::context::{self, Options};
use crate::diagnose::{self, Fact, Facts};
use crate::profile::Profile;
use crate::report::context as render;

pub async fn run(cli: &Cli, args: &ContextArgs, profile: &Profile) -> Result<u8, String> {
    let opts = Options {
        builder: args.builder,
        dockerfile: args.file.clone(),
        keep_list: args.list,
    };
    if args.tui {
        if !args.dir.is_dir() {
            return Err(format!(
                "{} is not a directory: give the build context (the directory of `docker build DIR`)",
                args.dir.display()
            ));
        }
        let start = crate::tui::Start::Context(args.dir.clone(), opts);
        return crate::tui::run(cli, profile, start).await;
    }
    let report = context::check(&args.dir, &opts, &AtomicBool::new(false), &|_| {})
        .map_err(|e| e.to_string())?;
    let report = Arc::new(report);
    let facts = Facts::of_context(report.clone());
    let outcomes = diagnose::evaluate(&facts, profile, |r| {
        diagnose::needs_only(r, &[Fact::Context])
    });
    let findings = diagnose::findings(&outcomes);
    let out = match args.format {
        TextFormat::Json => render::json(&report, &outcomes, &findings).to_string() + "\n",
        TextFormat::Text => render::text(&report, &findings),
    };
    emit(&out)?;
    let failed = findings
        .iter()
        .any(|f| f.severity >= args.fail_on.severity());
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}
