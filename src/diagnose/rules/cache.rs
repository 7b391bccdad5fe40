//! Rules over the engine's build cache and disk (`Fact::BuildCache`): the guide's "Cache
//! problems → docker builder prune", whether builds keep a dependency cache mount, and
//! leftovers (dangling images) that a prune frees.

use crate::buildcache::CacheFacts;
use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::layers::units::format_size;

fn facts<'a>(i: &'a Input) -> Option<&'a CacheFacts> {
    i.facts.build_cache.get().map(|f| f.as_ref())
}

pub fn reclaimable(i: &Input) -> Verdict {
    let Some(f) = facts(i) else {
        return Verdict::Pending(Fact::BuildCache);
    };
    let budget = i.profile.cache_budget_bytes;
    if f.reclaimable_bytes <= budget {
        return Verdict::Pass(format!(
            "{} of build cache, {} reclaimable (budget {})",
            format_size(f.total_bytes),
            format_size(f.reclaimable_bytes),
            format_size(budget)
        ));
    }
    let mounts: u64 = f
        .cache_mounts()
        .filter(|e| e.reclaimable)
        .map(|e| e.size_bytes)
        .sum();
    let keep = if mounts > 0 {
        format!(
            " `docktor prune builder --keep-cache-mounts` frees the layers and keeps the {} of cache mounts (the uv cache), so the next build still has its dependencies.",
            format_size(mounts)
        )
    } else {
        String::new()
    };
    Verdict::Fail(vec![i.finding()
        .title(format!("{} of build cache could be freed (budget {})", format_size(f.reclaimable_bytes), format_size(budget)))
        .evidence(format!("{} records, {} in total", f.entries.len(), format_size(f.total_bytes)))
        .fix(format!("Prune it: `docker builder prune` (or `--filter until=24h` to keep recent work).{keep}"))])
}

pub fn uv_cache_mount(i: &Input) -> Verdict {
    let Some(f) = facts(i) else {
        return Verdict::Pending(Fact::BuildCache);
    };
    if !f.has_buildkit_builds() {
        return Verdict::NotApplicable("no BuildKit build has left records on this engine".into());
    }
    let mounts: Vec<String> = f
        .cache_mounts()
        .filter_map(|e| e.mount_target().map(str::to_string))
        .collect();
    if !mounts.is_empty() {
        return Verdict::Pass(format!("cache mounts: {}", mounts.join(", ")));
    }
    Verdict::Fail(vec![i.finding()
        .title("Builds keep no dependency cache between runs (no BuildKit cache mount)")
        .evidence(format!("{} build cache records, none of type exec.cachemount", f.entries.len()))
        .fix("Install dependencies with a cache mount, as the guide does: `RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked --no-install-project --no-dev`.")])
}

pub fn dangling_images(i: &Input) -> Verdict {
    let Some(f) = facts(i) else {
        return Verdict::Pending(Fact::BuildCache);
    };
    if f.dangling_images == 0 {
        return Verdict::Pass("no dangling image".into());
    }
    Verdict::Fail(vec![i.finding()
        .title(format!("{} dangling images take {}", f.dangling_images, format_size(f.dangling_image_bytes)))
        .evidence(format!(
            "untagged images no container uses; {} stopped containers hold {}",
            f.stopped_containers,
            format_size(f.stopped_container_bytes)
        ))
        .fix("`docktor prune images` (or `docker image prune`) removes them; `docktor prune containers` the stopped containers.")])
}
