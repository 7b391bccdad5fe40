//! `docktor prune` output: the preview (what, by kind, the largest items, what stays
//! shared, the size to expect), then what the daemon removed and the totals after; JSON
//! with `plan` and `pruned` (null before a prune, or when none ran).

use serde_json::{Value, json};

use super::cache::{df_table, totals_json};
use crate::buildcache::pruning::{Plan, Pruned};

/// Items listed in the text preview before "… and N more".
pub const LISTED: usize = 20;

/// The JSON document; `pruned` is `None` for a dry run, a refusal or nothing to prune.
pub fn json(plan: &Plan, pruned: Option<&Pruned>, dry_run: bool) -> Value {
    json!({
        "what": plan.what,
        "description": plan.description,
        "dry_run": dry_run,
        "plan": {
            "items": plan.items,
            "by_kind": plan.by_kind,
            "bytes": plan.bytes,
            "shared_bytes": plan.shared_bytes,
        },
        "before": {
            "images": totals_json(&plan.before.images),
            "containers": totals_json(&plan.before.containers),
            "volumes": totals_json(&plan.before.volumes),
            "build_cache": totals_json(&plan.before.build_cache),
        },
        "pruned": pruned.map(|p| json!({
            "deleted": p.report.deleted,
            "space_reclaimed": p.report.space_reclaimed,
        })),
        "after": pruned.and_then(|p| p.after.as_ref().ok()).map(|a| json!({
            "images": totals_json(&a.images),
            "containers": totals_json(&a.containers),
            "volumes": totals_json(&a.volumes),
            "build_cache": totals_json(&a.build_cache),
        })),
    })
}

/// The preview for people.
pub fn preview(plan: &Plan) -> String {
    if plan.is_empty() {
        return format!("Nothing to prune: no {}.\n", plan.description);
    }
    let mut s = String::from("Would remove ");
    for line in plan.lines(LISTED) {
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// What the prune did, for people: the line, then `docker system df`'s table after.
pub fn done(p: &Pruned) -> String {
    let mut s = format!("Pruned: {}\n", p.line());
    if let Ok(after) = &p.after {
        s.push('\n');
        s.push_str(&df_table(after));
    }
    s
}
