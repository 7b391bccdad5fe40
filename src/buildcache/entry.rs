//! What a build cache record is, for people: the uv cache mount of the guide's
//! `RUN --mount=type=cache,target=/root/.cache/uv` shows as "cache mount /root/.cache/uv",
//! apart from layer records (`regular`) and build contexts (`source.local`).

use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::model::disk::BuildCacheRecord;

/// The kinds of record, in the order the Build cache tab shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// `exec.cachemount`: a `RUN --mount=type=cache` directory (uv's, pip's, apt's…).
    CacheMount,
    /// `regular`: a layer a build step made.
    Layer,
    /// `source.local`: a build context or Dockerfile sent by a client.
    Context,
    /// `source.git.checkout`: a git repository used as a context.
    GitCheckout,
    /// `internal`, `frontend` and anything newer: BuildKit's own.
    Internal,
}

impl EntryKind {
    pub fn of(kind: &str) -> EntryKind {
        match kind {
            "exec.cachemount" => EntryKind::CacheMount,
            "regular" => EntryKind::Layer,
            "source.local" => EntryKind::Context,
            "source.git.checkout" => EntryKind::GitCheckout,
            _ => EntryKind::Internal,
        }
    }

    /// A group's title.
    pub fn title(self) -> &'static str {
        match self {
            EntryKind::CacheMount => "Cache mounts",
            EntryKind::Layer => "Layers",
            EntryKind::Context => "Build contexts",
            EntryKind::GitCheckout => "Git checkouts",
            EntryKind::Internal => "BuildKit internal",
        }
    }

    pub const ALL: [EntryKind; 5] = [
        EntryKind::CacheMount,
        EntryKind::Layer,
        EntryKind::Context,
        EntryKind::GitCheckout,
        EntryKind::Internal,
    ];
}

/// A record as docktor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: String,
    /// The daemon's type (`exec.cachemount`, …).
    #[serde(rename = "type")]
    pub kind_name: String,
    pub kind: EntryKind,
    /// What it is: `cache mount /root/.cache/uv`, `layer: RUN uv sync --locked`, `context`.
    pub label: String,
    pub description: String,
    pub size_bytes: u64,
    /// Unix seconds.
    pub created_at: Option<u64>,
    pub last_used_at: Option<u64>,
    pub usage_count: i64,
    pub in_use: bool,
    pub shared: bool,
    /// A prune could free it now (not in use, not shared).
    pub reclaimable: bool,
}

fn unix(t: Option<SystemTime>) -> Option<u64> {
    t.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
}

impl Entry {
    pub fn from_record(r: &BuildCacheRecord) -> Entry {
        let kind = EntryKind::of(&r.kind);
        Entry {
            id: r.id.clone(),
            kind_name: r.kind.clone(),
            kind,
            label: label(kind, &r.description),
            description: r.description.clone(),
            size_bytes: r.size.max(0) as u64,
            created_at: unix(r.created_at),
            last_used_at: unix(r.last_used_at.or(r.created_at)),
            usage_count: r.usage_count,
            in_use: r.in_use,
            shared: r.shared,
            reclaimable: !r.in_use && !r.shared,
        }
    }

    /// The cache mount's target directory (`/root/.cache/uv`), for cache mounts.
    pub fn mount_target(&self) -> Option<&str> {
        mount_target(&self.description)
    }

    /// How long ago it was last used, at `now` (unix seconds).
    pub fn idle(&self, now: u64) -> Option<Duration> {
        self.last_used_at
            .map(|t| Duration::from_secs(now.saturating_sub(t)))
    }
}

/// `cached mount /root/.cache/uv from exec /bin/sh -c uv sync` → `/root/.cache/uv`.
pub fn mount_target(description: &str) -> Option<&str> {
    let rest = description.strip_prefix("cached mount ")?;
    Some(rest.split(" from ").next().unwrap_or(rest).trim())
}

/// The step a layer record came from, without BuildKit's wording around it.
fn step(description: &str) -> String {
    let d = description
        .strip_prefix("mount / from exec ")
        .unwrap_or(description);
    let d = d.strip_prefix("/bin/sh -c ").unwrap_or(d);
    d.trim().to_string()
}

fn label(kind: EntryKind, description: &str) -> String {
    match kind {
        EntryKind::CacheMount => match mount_target(description) {
            Some(t) => format!("cache mount {t}"),
            None => format!("cache mount ({description})"),
        },
        EntryKind::Layer => match description {
            "" => "layer".into(),
            "fileop target" => "layer: COPY/ADD".into(),
            d if d.starts_with("mount / from exec ") => format!("layer: RUN {}", step(d)),
            d => format!("layer: {d}"),
        },
        EntryKind::Context => match description.strip_prefix("local source for ") {
            Some(what) => what.to_string(),
            None => description.to_string(),
        },
        _ => description.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(kind: &str, description: &str) -> BuildCacheRecord {
        BuildCacheRecord {
            id: "abc".into(),
            parents: vec![],
            kind: kind.into(),
            description: description.into(),
            in_use: false,
            shared: false,
            size: 307_203,
            created_at: None,
            last_used_at: None,
            usage_count: 1,
        }
    }

    #[test]
    fn labels_say_what_a_record_is() {
        // Descriptions as Docker 20.10's BuildKit wrote them for the guide's cache mount.
        let uv = "cached mount /root/.cache/uv from exec /bin/sh -c uv sync --locked";
        let e = Entry::from_record(&rec("exec.cachemount", uv));
        assert_eq!(
            (e.kind, e.label.as_str()),
            (EntryKind::CacheMount, "cache mount /root/.cache/uv")
        );
        assert_eq!(e.mount_target(), Some("/root/.cache/uv"));
        let l = Entry::from_record(&rec(
            "regular",
            "mount / from exec /bin/sh -c uv sync --locked",
        ));
        assert_eq!(
            (l.kind, l.label.as_str()),
            (EntryKind::Layer, "layer: RUN uv sync --locked")
        );
        assert_eq!(
            Entry::from_record(&rec("regular", "fileop target")).label,
            "layer: COPY/ADD"
        );
        let c = Entry::from_record(&rec("source.local", "local source for context"));
        assert_eq!((c.kind, c.label.as_str()), (EntryKind::Context, "context"));
        assert_eq!(
            Entry::from_record(&rec("frontend", "x")).kind,
            EntryKind::Internal
        );
        assert!(c.reclaimable);
    }
}
