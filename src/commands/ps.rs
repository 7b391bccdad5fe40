//! `docktor ps [--all] [--format table|json]`: the container list, with start times.

use futures_util::StreamExt;

use super::{EXIT_OK, connect, emit};
use crate::cli::{Cli, Format, PsArgs};
use crate::report;

/// Inspects (for start times) running at once.
const PARALLEL_INSPECTS: usize = 8;

pub async fn run(cli: &Cli, args: &PsArgs) -> Result<u8, String> {
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let mut list = engine
        .containers(args.all)
        .await
        .map_err(|e| e.to_string())?;
    // Start times come from inspect; ask for the running ones, a few at a time.
    let started: Vec<Option<i64>> = futures_util::stream::iter(list.iter().map(|c| {
        let e = engine.clone();
        let (id, up) = (c.id.clone(), c.state.is_up());
        async move {
            if up {
                e.inspect_brief(&id).await.ok().and_then(|(s, _)| s)
            } else {
                None
            }
        }
    }))
    .buffered(PARALLEL_INSPECTS)
    .collect()
    .await;
    for (c, s) in list.iter_mut().zip(started) {
        c.started_at = s;
    }
    let out = match args.format {
        Format::Json => report::ps::json(&list) + "\n",
        Format::Table => report::ps::table(&list, crate::clock::now()),
    };
    emit(&out)?;
    Ok(EXIT_OK)
}
