//! The rules' checks, by area. Each is a pure function of the facts and the profile that
//! returns a verdict; the registry (`../registry.rs`) says which facts each one needs.

pub mod cache;
pub mod context;
pub mod env;
pub mod env_db;
pub mod env_image;
pub mod env_prod;
pub mod files;
pub mod files_excluded;
pub mod files_perms;
pub mod files_python;
pub mod files_user;
pub mod health;
pub mod health_causes;
pub mod health_image;
pub mod health_runs;
pub mod layers_build;
pub mod layers_files;
pub mod layers_size;
pub mod registry;
pub mod runtime;
pub mod runtime_entry;
pub mod runtime_state;

use crate::layers::ImageAnalysis;
use crate::layers::entries::EntryKind;
use crate::layers::paths::NodeId;
use crate::layers::units::format_size;

/// How many example paths a finding's evidence lists.
pub(crate) const EXAMPLES: usize = 5;

/// A path of the final image: (path, kind, size, layer it comes from).
pub(crate) struct FinalFile {
    pub path: String,
    pub kind: EntryKind,
    pub size: u64,
    pub layer: usize,
}

/// Every path of the final filesystem (all layers stacked).
pub(crate) fn final_files(a: &ImageAnalysis) -> Vec<FinalFile> {
    (1..a.arena.len() as NodeId)
        .filter_map(|n| {
            let slot = a.final_stack.get(n)?;
            let e = a.final_stack.entry(&a.contents, n);
            Some(FinalFile {
                path: a.arena.path(n),
                kind: e.map_or(EntryKind::Dir, |e| e.kind),
                size: e.map_or(0, |e| e.size),
                layer: slot.layer as usize,
            })
        })
        .collect()
}

/// `a (layer 2), b (layer 3) and 4 more; 1.2 MB in 6 paths`.
pub(crate) fn evidence(found: &[&FinalFile]) -> String {
    let bytes = found.iter().fold(0u64, |s, f| s.saturating_add(f.size));
    let shown: Vec<String> = found
        .iter()
        .take(EXAMPLES)
        .map(|f| format!("{} (layer {})", f.path, f.layer))
        .collect();
    let more = found.len().saturating_sub(EXAMPLES);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "{}{tail}; {} in {} paths",
        shown.join(", "),
        format_size(bytes),
        found.len()
    )
}

/// The paths of `found`, for a finding's `paths`.
pub(crate) fn paths(found: &[&FinalFile]) -> Vec<String> {
    found.iter().map(|f| f.path.clone()).collect()
}

/// An instruction cut to 80 characters for evidence lines.
pub(crate) fn short(cmd: &str) -> String {
    let mut s: String = cmd.chars().take(80).collect();
    if cmd.chars().count() > 80 {
        s.push('…');
    }
    s
}
