//! `docktor ps [--all] [--format table|json]`: the container list, with start times.

use futures_util::StreamExt;

use super::{EXIT_OK, connect, emit};
use crate::cli::{Cli, Format, PsArgs};
use crate::model::RunFacts;
use crate::report;

/// Inspects (for start times) running at once.
const PARALLEL_INSPECTS: usize = 8;

pub async fn run(cli: &Cli, args: &PsArgs) -> Result<u8, String> {
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let mut list = engine
        .containers(args.all)
        .await
        .map_err(|e| e.to_string())?;
    // Start times, exit codes and restarts come from inspect, a few at a time. A container
    // gone meanwhile keeps what the list said.
    let facts: Vec<Option<RunFacts>> = futures_util::stream::iter(list.iter().map(|c| {
        let e = engine.clone();
        let id = c.id.clone();
        async move { e.inspect_runs(&id).await.ok() }
    }))
    .buffered(PARALLEL_INSPECTS)
    .collect()
    .await;
    for (c, f) in list.iter_mut().zip(facts) {
        if let Some(f) = f {
            c.learn(&f);
        }
    }
    let out = match args.format {
        Format::Json => report::ps::json(&list) + "\n",
        Format::Table => report::ps::table(&list, crate::clock::now()),
    };
    emit(&out)?;
    Ok(EXIT_OK)
}
