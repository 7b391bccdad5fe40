//! Flags of the build cache commands: `docktor cache` and `docktor prune`.

use std::time::Duration;

use clap::ValueEnum;

use super::TextFormat;
use crate::buildcache::SortBy;
use crate::buildcache::prune::{PruneRequest, PruneWhat};
use crate::buildcache::units::{parse_storage, parse_until};

/// `docktor cache`: the build cache and `docker system df`'s totals.
#[derive(Debug, Clone, clap::Args)]
pub struct CacheArgs {
    /// Output: text for people, or JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
    /// How entries are sorted inside each type.
    #[arg(long, value_enum, default_value_t = CacheSort::Size, ignore_case = true)]
    pub sort: CacheSort,
    /// Open the TUI on the Build cache screen (prune from there) instead of printing.
    #[arg(long, conflicts_with = "format")]
    pub tui: bool,
}

/// `docktor cache --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CacheSort {
    Size,
    LastUsed,
    Uses,
}

impl CacheSort {
    pub fn sort_by(self) -> SortBy {
        match self {
            CacheSort::Size => SortBy::Size,
            CacheSort::LastUsed => SortBy::LastUsed,
            CacheSort::Uses => SortBy::Uses,
        }
    }
}

/// What `docktor prune` removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PruneTarget {
    /// Build cache (`docker builder prune`).
    Builder,
    /// Dangling images (`--all`: every image no container uses).
    Images,
    /// Stopped containers.
    Containers,
}

/// `docktor prune builder|images|containers`.
#[derive(Debug, Clone, clap::Args)]
pub struct PruneArgs {
    #[arg(value_enum, ignore_case = true)]
    pub what: PruneTarget,
    /// builder: also shared and internal records; images: every unused image, not only
    /// dangling ones.
    #[arg(long)]
    pub all: bool,
    /// Only what was last used (images, containers: created) longer ago than this: 24h, 7d,
    /// 90m, 1h30m.
    #[arg(long, value_name = "AGE", value_parser = parse_until)]
    pub until: Option<Duration>,
    /// builder: keep this much cache (least recently used goes first): 1.5GB, 500MiB.
    #[arg(long, value_name = "SIZE", value_parser = parse_storage)]
    pub keep_storage: Option<u64>,
    /// builder: prune the layers, keep the cache mounts (the uv cache) and build contexts
    /// (`type=regular`), so the next build still has its dependencies.
    #[arg(long)]
    pub keep_cache_mounts: bool,
    /// builder: a BuildKit record filter, as `docker builder prune --filter` (type=regular,
    /// id=…, description=…, inuse=false, shared=true, private=true); repeatable.
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_filter)]
    pub filter: Vec<(String, String)>,
    /// Show what would be removed and stop.
    #[arg(long)]
    pub dry_run: bool,
    /// Prune without asking (needed when stdin is not a terminal).
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Output: text for people, or JSON.
    #[arg(long, value_enum, default_value_t = TextFormat::Text, ignore_case = true)]
    pub format: TextFormat,
}

impl PruneArgs {
    /// The request the flags make, checked (options that do not apply are refused).
    pub fn request(&self) -> Result<PruneRequest, String> {
        let what = match self.what {
            PruneTarget::Builder => PruneWhat::Builder,
            PruneTarget::Images => PruneWhat::Images,
            PruneTarget::Containers => PruneWhat::Containers,
        };
        let r = PruneRequest {
            all: self.all,
            until: self.until,
            keep_storage: self.keep_storage,
            keep_cache_mounts: self.keep_cache_mounts,
            filters: self.filter.clone(),
            ..PruneRequest::new(what)
        };
        r.validate()?;
        Ok(r)
    }
}

fn parse_filter(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!(
            "'{s}' is not KEY=VALUE; e.g. type=regular, id=abc, inuse=false"
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn prune(
        args: &[&str],
    ) -> Result<Result<crate::buildcache::prune::PruneRequest, String>, clap::Error> {
        let cli = Cli::try_parse_from(["docktor", "prune"].iter().chain(args.iter()))?;
        match cli.command {
            Some(Command::Prune(p)) => Ok(p.request()),
            _ => panic!("prune parses to Prune"),
        }
    }

    #[test]
    fn prune_flags_parse_and_refuse_what_does_not_apply() {
        let r = prune(&[
            "builder",
            "--keep-cache-mounts",
            "--until",
            "24h",
            "--keep-storage",
            "1.5GB",
        ])
        .ok()
        .and_then(|r| r.ok());
        let r = r.unwrap_or_else(|| panic!("builder flags"));
        assert_eq!(r.until.map(|d| d.as_secs()), Some(86_400));
        assert_eq!(r.keep_storage, Some(1_500_000_000));
        assert!(r.build().all);
        let e = prune(&["builder", "--until", "soon"])
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("24h, 7d")));
        assert!(prune(&["builder", "--keep-storage", "lots"]).is_err());
        assert!(prune(&["volumes"]).is_err());
        assert!(prune(&["builder", "--filter", "nokey"]).is_err());
        let r = prune(&["images", "--keep-cache-mounts"]).ok();
        assert!(r.is_some_and(|r| r.unwrap_err().contains("prune builder")));
        let r = prune(&["containers", "--all"]).ok();
        assert!(r.is_some_and(|r| r.is_err()));
        let r = prune(&["BUILDER", "--filter", "type=regular", "--filter", "id=ab"]).ok();
        assert_eq!(r.and_then(|r| r.ok()).map(|r| r.filters.len()), Some(2));
    }

    #[test]
    fn cache_tui_and_format_do_not_mix() {
        assert!(Cli::try_parse_from(["docktor", "cache", "--tui", "--format", "json"]).is_err());
        assert!(Cli::try_parse_from(["docktor", "cache", "--sort", "last-used"]).is_ok());
    }
}
