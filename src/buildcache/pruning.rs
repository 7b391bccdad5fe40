//! A prune from start to end, the same for `docktor prune` and the Build cache tab: the plan
//! (what would go, worked out from one `/system/df` as the daemon decides it, with the
//! totals now), the prune itself, and the words for the preview and for what it freed.

use std::time::SystemTime;

use serde::Serialize;

use super::entry::{Entry, EntryKind};
use super::facts::CacheFacts;
use super::prune::{PreviewLine, PruneRequest, PruneWhat, by_kind};
use super::units::docker_size;
use crate::engine::prune_preview;
use crate::engine::{Engine, EngineError};
use crate::model::disk::{DiskUsage, UsageTotals};
use crate::model::prune::{PrunePreview, PruneReport};

/// One thing the prune would remove.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    pub id: String,
    /// The record type (`regular`, `exec.cachemount`, …), `image` or `container`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What it is: `cache mount /root/.cache/uv`, a tag, a container name.
    pub label: String,
    pub size_bytes: u64,
    /// A build cache record an image (or another build) also holds.
    pub shared: bool,
}

/// What a prune would do, and the disk as it is before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub what: PruneWhat,
    /// What will be removed, in words (`unused build cache, unused for more than 1d`).
    pub description: String,
    pub items: Vec<PlanItem>,
    pub by_kind: Vec<PreviewLine>,
    /// What the daemon will report as reclaimed (shared records count there too).
    pub bytes: u64,
    /// Of `bytes`, what images still hold: the disk gets it back only when they go.
    pub shared_bytes: u64,
    /// The disk before the prune.
    pub before: CacheFacts,
}

impl Plan {
    /// The plan for `req` over `df`, at `now`.
    pub fn from_df(req: &PruneRequest, df: &DiskUsage, now: SystemTime) -> Plan {
        let preview: PrunePreview = match req.what {
            PruneWhat::Builder => {
                prune_preview::build_cache(&df.build_cache_items, &req.build(), now)
            }
            PruneWhat::Images => prune_preview::images(&df.image_items, &req.images(), now),
            PruneWhat::Containers => {
                prune_preview::containers(&df.container_items, &req.containers(), now)
            }
        };
        let items: Vec<PlanItem> = preview
            .items
            .iter()
            .map(|c| {
                let record = df.build_cache_items.iter().find(|r| r.id == c.id);
                PlanItem {
                    id: c.id.clone(),
                    kind: c.kind.clone(),
                    label: match record {
                        Some(r) => Entry::from_record(r).label,
                        None if c.name.starts_with("<none>") => {
                            format!("untagged {}", crate::model::short_id(&c.id))
                        }
                        None => c.name.clone(),
                    },
                    size_bytes: c.size,
                    shared: record.is_some_and(|r| r.shared),
                }
            })
            .collect();
        let shared_bytes = items
            .iter()
            .filter(|i| i.shared)
            .map(|i| i.size_bytes)
            .sum();
        Plan {
            what: req.what,
            description: req.describe(),
            by_kind: by_kind(items.iter().map(|i| (i.kind.as_str(), i.size_bytes))),
            items,
            bytes: preview.bytes,
            shared_bytes,
            before: CacheFacts::from_disk_usage(df),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The `docker system df` line the prune acts on, before it.
    pub fn totals_before(&self) -> UsageTotals {
        totals_of(self.what, &self.before)
    }

    /// `4 build cache records, 1.983MB` / `2 images, 12MB`.
    pub fn summary(&self) -> String {
        let n = self.items.len();
        let noun = match (self.what, n) {
            (PruneWhat::Builder, 1) => "build cache record",
            (PruneWhat::Builder, _) => "build cache records",
            (PruneWhat::Images, 1) => "image",
            (PruneWhat::Images, _) => "images",
            (PruneWhat::Containers, 1) => "container",
            (PruneWhat::Containers, _) => "containers",
        };
        format!("{n} {noun}, {}", docker_size(self.bytes))
    }

    /// The preview, one line each: what, then by kind, the largest items (at most
    /// `max_items`, then how many more), what stays shared, and the size to expect after.
    pub fn lines(&self, max_items: usize) -> Vec<String> {
        let mut out = vec![format!("{}: {}", self.description, self.summary())];
        if self.what == PruneWhat::Builder {
            for l in &self.by_kind {
                let title = EntryKind::of(&l.kind).title().to_lowercase();
                out.push(format!(
                    "  {} {title} ({}) {}",
                    l.count,
                    l.kind,
                    docker_size(l.bytes)
                ));
            }
        }
        let mut largest: Vec<&PlanItem> = self.items.iter().collect();
        largest.sort_by(|a, b| b.size_bytes.cmp(&a.size_bytes).then(a.id.cmp(&b.id)));
        for i in largest.iter().take(max_items) {
            let shared = if i.shared { " (shared)" } else { "" };
            out.push(format!(
                "  - {} {}{shared}",
                i.label,
                docker_size(i.size_bytes)
            ));
        }
        if largest.len() > max_items {
            out.push(format!("  … and {} more", largest.len() - max_items));
        }
        if self.shared_bytes > 0 {
            out.push(format!(
                "{} of it is shared with images: the disk gets it back when they go",
                docker_size(self.shared_bytes)
            ));
        }
        let t = self.totals_before();
        let freed = self.bytes.saturating_sub(self.shared_bytes);
        out.push(format!(
            "{} {} → about {}",
            noun_of(self.what),
            docker_size(t.size),
            docker_size(t.size.saturating_sub(freed))
        ));
        out
    }
}

/// What a prune did, and the disk after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pruned {
    pub what: PruneWhat,
    pub report: PruneReport,
    pub before: CacheFacts,
    /// The disk after it; `Err` says why it could not be read again.
    #[serde(serialize_with = "after_or_null")]
    pub after: Result<CacheFacts, String>,
}

fn after_or_null<S: serde::Serializer>(
    after: &Result<CacheFacts, String>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match after {
        Ok(f) => f.serialize(s),
        Err(_) => s.serialize_none(),
    }
}

impl Pruned {
    /// `freed 1.983MB (4 build cache records) · build cache 2.29MB → 307.2kB, reclaimable …`.
    pub fn line(&self) -> String {
        let n = self.report.deleted.len();
        let mut s = format!(
            "freed {} ({n} removed)",
            docker_size(self.report.space_reclaimed)
        );
        let b = totals_of(self.what, &self.before);
        match &self.after {
            Ok(after) => {
                let a = totals_of(self.what, after);
                s.push_str(&format!(
                    " · {} {} → {}, reclaimable {} → {}",
                    noun_of(self.what),
                    docker_size(b.size),
                    docker_size(a.size),
                    docker_size(b.reclaimable),
                    docker_size(a.reclaimable)
                ));
            }
            Err(e) => s.push_str(&format!(" · the new totals could not be read: {e}")),
        }
        s
    }
}

fn totals_of(what: PruneWhat, f: &CacheFacts) -> UsageTotals {
    match what {
        PruneWhat::Builder => f.build_cache,
        PruneWhat::Images => f.images,
        PruneWhat::Containers => f.containers,
    }
}

fn noun_of(what: PruneWhat) -> &'static str {
    match what {
        PruneWhat::Builder => "build cache",
        PruneWhat::Images => "images",
        PruneWhat::Containers => "containers",
    }
}

/// Reads the disk once and plans `req` on it (nothing is deleted).
pub async fn plan(engine: &Engine, req: &PruneRequest) -> Result<Plan, EngineError> {
    let df = engine.disk_usage().await?;
    Ok(Plan::from_df(req, &df, SystemTime::now()))
}

/// Runs the prune `plan` was made for, then reads the disk again.
pub async fn run(
    engine: &Engine,
    req: &PruneRequest,
    before: CacheFacts,
) -> Result<Pruned, EngineError> {
    let report = match req.what {
        PruneWhat::Builder => engine.prune_build_cache(&req.build()).await?,
        PruneWhat::Images => engine.prune_images(&req.images()).await?,
        PruneWhat::Containers => engine.prune_containers(&req.containers()).await?,
    };
    let after = engine
        .disk_usage()
        .await
        .map(|df| CacheFacts::from_disk_usage(&df))
        .map_err(|e| e.to_string());
    Ok(Pruned {
        what: req.what,
        report,
        before,
        after,
    })
}

#[cfg(test)]
#[path = "pruning_tests.rs"]
mod tests;
