//! `docktor prune builder|images|containers [--all] [--until AGE] [--keep-storage SIZE]
//! [--keep-cache-mounts] [--filter K=V] [--dry-run] [--yes] [--format text|json]`: the
//! preview first; then a question on a terminal (default no), `--yes` elsewhere; refused in
//! `--read-only`. Reports what the daemon freed and the totals after, or what it said.

use std::io::{BufRead, IsTerminal, Write};

use super::{EXIT_OK, connect, emit, note};
use crate::buildcache::pruning::{self, Plan};
use crate::cli::{Cli, PruneArgs, TextFormat};
use crate::report::prune as render;

pub async fn run(cli: &Cli, args: &PruneArgs) -> Result<u8, String> {
    let req = args.request()?;
    if cli.read_only && !args.dry_run {
        return Err(
            "read-only mode: `docktor prune` removes the engine's data and is refused; \
             --dry-run shows what it would remove"
                .into(),
        );
    }
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let plan = pruning::plan(&engine, &req)
        .await
        .map_err(|e| e.to_string())?;
    let json = args.format == TextFormat::Json;
    let stop = plan.is_empty() || args.dry_run;
    if !json {
        emit(&render::preview(&plan))?;
    }
    if stop {
        if json {
            emit(&(render::json(&plan, None, args.dry_run).to_string() + "\n"))?;
        }
        return Ok(EXIT_OK);
    }
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            if json {
                emit(&(render::json(&plan, None, false).to_string() + "\n"))?;
            }
            return Err(
                "nothing pruned: stdin is not a terminal, so docktor cannot ask; pass --yes to \
                 prune without asking (or --dry-run to only look)"
                    .into(),
            );
        }
        if !ask(&plan) {
            note("nothing pruned");
            if json {
                emit(&(render::json(&plan, None, false).to_string() + "\n"))?;
            }
            return Ok(EXIT_OK);
        }
    }
    let done = pruning::run(&engine, &req, plan.before.clone())
        .await
        .map_err(|e| format!("the prune failed, nothing more was removed: {e}"))?;
    let out = if json {
        render::json(&plan, Some(&done), false).to_string() + "\n"
    } else {
        render::done(&done)
    };
    emit(&out)?;
    Ok(EXIT_OK)
}

/// `Prune 4 build cache records, 1.983MB? [y/N]` on stderr; yes only for y or yes.
fn ask(plan: &Plan) -> bool {
    let _ = write!(std::io::stderr().lock(), "Prune {}? [y/N] ", plan.summary());
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}
