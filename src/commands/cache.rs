//! `docktor cache [--format text|json] [--sort size|last-used|uses] [--tui]`: the build
//! cache grouped by type with `docker system df`'s totals, and the `cache.*` rules' findings.

use std::sync::Arc;

use super::{EXIT_OK, connect, emit};
use crate::buildcache::{self, CacheView};
use crate::cli::{CacheArgs, Cli, TextFormat};
use crate::diagnose::{self, Fact, Facts};
use crate::profile::Profile;
use crate::report::cache as render;

pub async fn run(cli: &Cli, args: &CacheArgs, profile: &Profile) -> Result<u8, String> {
    if args.tui {
        return crate::tui::run(cli, profile, crate::tui::Start::BuildCache).await;
    }
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let (df, facts) = buildcache::facts::read(&engine)
        .await
        .map_err(|e| e.to_string())?;
    let view = CacheView::new(&df.build_cache_items, args.sort.sort_by());
    let facts = Arc::new(facts);
    let all = Facts::of_build_cache(&engine.info.uri, facts.clone());
    let outcomes = diagnose::evaluate(&all, profile, |r| {
        diagnose::needs_only(r, &[Fact::BuildCache])
    });
    let findings = diagnose::findings(&outcomes);
    let out = match args.format {
        TextFormat::Json => {
            render::json(&engine.info, &facts, &view, &outcomes, &findings).to_string() + "\n"
        }
        TextFormat::Text => render::text(
            &engine.info,
            &facts,
            &view,
            &findings,
            crate::clock::now().max(0) as u64,
        ),
    };
    emit(&out)?;
    Ok(EXIT_OK)
}
