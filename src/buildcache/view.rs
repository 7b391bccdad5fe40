//! The Build cache tab's model: records grouped by kind (cache mounts, layers, contexts,
//! …) and sorted, with totals as `docker system df` computes them.

use serde::Serialize;

use super::entry::{Entry, EntryKind};
use crate::model::disk::BuildCacheRecord;

/// How entries are sorted inside a group (the tab's `o` cycles them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SortBy {
    #[default]
    Size,
    LastUsed,
    Uses,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Size => SortBy::LastUsed,
            SortBy::LastUsed => SortBy::Uses,
            SortBy::Uses => SortBy::Size,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::Size => "size",
            SortBy::LastUsed => "last used",
            SortBy::Uses => "uses",
        }
    }
}

/// One kind of record with its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub kind: EntryKind,
    pub title: &'static str,
    pub count: usize,
    pub size_bytes: u64,
    pub reclaimable_bytes: u64,
    pub entries: Vec<Entry>,
}

/// The build cache, grouped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CacheView {
    pub count: usize,
    /// What `docker system df` shows as the build cache's size (shared records once).
    pub total_bytes: u64,
    pub reclaimable_bytes: u64,
    pub groups: Vec<Group>,
}

/// `(size, reclaimable)` as the docker CLI computes them from the records: the sizes of
/// records no other record shares, minus those in use.
pub fn totals(records: &[BuildCacheRecord]) -> (u64, u64) {
    let size: u64 = records
        .iter()
        .filter(|r| !r.shared)
        .map(|r| r.size.max(0) as u64)
        .sum();
    let in_use: u64 = records
        .iter()
        .filter(|r| r.in_use && !r.shared)
        .map(|r| r.size.max(0) as u64)
        .sum();
    (size, size.saturating_sub(in_use))
}

impl CacheView {
    /// Groups `records` (every kind shown, empty ones left out) sorted by `sort`.
    pub fn new(records: &[BuildCacheRecord], sort: SortBy) -> CacheView {
        let (total_bytes, reclaimable_bytes) = totals(records);
        let entries: Vec<Entry> = records.iter().map(Entry::from_record).collect();
        CacheView::of_entries(&entries, total_bytes, reclaimable_bytes, sort)
    }

    /// The entries of `facts`, grouped and sorted, with its totals.
    pub fn from_facts(facts: &super::CacheFacts, sort: SortBy) -> CacheView {
        CacheView::of_entries(
            &facts.entries,
            facts.total_bytes,
            facts.reclaimable_bytes,
            sort,
        )
    }

    fn of_entries(
        entries: &[Entry],
        total_bytes: u64,
        reclaimable_bytes: u64,
        sort: SortBy,
    ) -> CacheView {
        let groups = EntryKind::ALL
            .iter()
            .filter_map(|k| {
                let mut es: Vec<Entry> = entries.iter().filter(|e| e.kind == *k).cloned().collect();
                if es.is_empty() {
                    return None;
                }
                sort_entries(&mut es, sort);
                Some(Group {
                    kind: *k,
                    title: k.title(),
                    count: es.len(),
                    size_bytes: es.iter().filter(|e| !e.shared).map(|e| e.size_bytes).sum(),
                    reclaimable_bytes: es
                        .iter()
                        .filter(|e| e.reclaimable)
                        .map(|e| e.size_bytes)
                        .sum(),
                    entries: es,
                })
            })
            .collect();
        CacheView {
            count: entries.len(),
            total_bytes,
            reclaimable_bytes,
            groups,
        }
    }

    /// Every entry, group by group.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.groups.iter().flat_map(|g| g.entries.iter())
    }
}

fn sort_entries(es: &mut [Entry], sort: SortBy) {
    es.sort_by(|a, b| {
        let primary = match sort {
            SortBy::Size => b.size_bytes.cmp(&a.size_bytes),
            SortBy::LastUsed => b.last_used_at.cmp(&a.last_used_at),
            SortBy::Uses => b.usage_count.cmp(&a.usage_count),
        };
        primary
            .then_with(|| b.size_bytes.cmp(&a.size_bytes))
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A record of `kind` (never used), for tests here and in the Build cache tab's.
    pub(crate) fn rec(
        id: &str,
        kind: &str,
        desc: &str,
        size: i64,
        shared: bool,
        in_use: bool,
    ) -> BuildCacheRecord {
        BuildCacheRecord {
            id: id.into(),
            parents: vec![],
            kind: kind.into(),
            description: desc.into(),
            in_use,
            shared,
            size,
            created_at: None,
            last_used_at: None,
            usage_count: 1,
        }
    }

    /// The records a 20.10 engine listed after the guide's kind of build (sizes as seen).
    fn guide_build() -> Vec<BuildCacheRecord> {
        vec![
            rec(
                "a",
                "source.local",
                "local source for dockerfile",
                262,
                false,
                false,
            ),
            rec(
                "b",
                "source.local",
                "local source for context",
                0,
                false,
                false,
            ),
            rec(
                "c",
                "regular",
                "mount / from exec /bin/sh -c uv sync",
                5,
                true,
                false,
            ),
            rec(
                "d",
                "exec.cachemount",
                "cached mount /root/.cache/uv from exec /bin/sh -c uv sync",
                307_203,
                false,
                false,
            ),
            rec("e", "regular", "fileop target", 262, true, false),
            rec(
                "f",
                "regular",
                "mount / from exec /bin/busybox --install -s /bin",
                0,
                true,
                false,
            ),
            rec(
                "g",
                "source.local",
                "local source for context",
                1_982_518,
                false,
                false,
            ),
            rec("h", "regular", "fileop target", 1_982_256, true, false),
        ]
    }

    #[test]
    fn totals_match_docker_system_df() {
        // `docker system df` printed "Build Cache 8 0 2.29MB 2.29MB" for these records.
        let v = CacheView::new(&guide_build(), SortBy::Size);
        assert_eq!(v.count, 8);
        assert_eq!(super::super::units::docker_size(v.total_bytes), "2.29MB");
        assert_eq!(v.reclaimable_bytes, v.total_bytes);
        let mut records = guide_build();
        records[3].in_use = true;
        assert_eq!(totals(&records), (2_289_983, 2_289_983 - 307_203));
    }

    #[test]
    fn grouped_by_kind_and_sorted() {
        let v = CacheView::new(&guide_build(), SortBy::Size);
        let kinds: Vec<EntryKind> = v.groups.iter().map(|g| g.kind).collect();
        assert_eq!(
            kinds,
            [EntryKind::CacheMount, EntryKind::Layer, EntryKind::Context]
        );
        assert_eq!(v.groups[0].entries[0].label, "cache mount /root/.cache/uv");
        let layers: Vec<u64> = v.groups[1].entries.iter().map(|e| e.size_bytes).collect();
        assert_eq!(layers, [1_982_256, 262, 5, 0]);
        let mut r = guide_build();
        r[1].usage_count = 9;
        let v = CacheView::new(&r, SortBy::Uses);
        assert_eq!(v.groups[2].entries[0].id, "b");
        assert_eq!(SortBy::Uses.next(), SortBy::Size);
    }
}
