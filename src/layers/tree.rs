//! The file tree a UI shows for one layer: either what that layer changes, or the whole
//! filesystem as of that layer, each path marked added / modified / removed / unchanged,
//! with sizes (directories: bytes below), owner and mode. Rows are in pre-order so a view
//! can collapse a directory by skipping `descendants` rows and filter by path.

use super::ImageAnalysis;
use super::entries::{Entry, EntryKind};
use super::paths::{NodeId, ROOT};
use super::stack::{Change, IMPLICIT, Slot, Stack};
use std::collections::{HashMap, HashSet};

/// How a path relates to the layer being looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Unchanged,
    Added,
    Modified,
    Removed,
}

/// Which paths the tree holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only the paths layer `k` adds, changes or removes (and their parent directories).
    Layer(usize),
    /// The whole filesystem after layers `0..=k`, with layer `k`'s marks.
    Upto(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    /// Largest first.
    Size,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TreeRow {
    pub node: NodeId,
    pub name: String,
    /// 0 for the children of `/`.
    pub depth: u16,
    pub kind: EntryKind,
    /// File bytes; for directories, the bytes of the files below shown in this tree.
    pub size: u64,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
    pub link: Option<String>,
    pub mark: Mark,
    /// Rows below this one (skip them to collapse it).
    pub descendants: u32,
}

/// A layer's tree, rows in pre-order.
#[derive(Debug, Clone, Default)]
pub struct FileTree {
    pub rows: Vec<TreeRow>,
}

impl FileTree {
    pub fn build(a: &ImageAnalysis, scope: Scope, sort: SortBy) -> Self {
        let k = match scope {
            Scope::Layer(k) | Scope::Upto(k) => k,
        };
        if k >= a.contents.len() {
            return FileTree::default();
        }
        let mut stack = Stack::new(&a.arena);
        for li in 0..k {
            stack.apply(&a.arena, &a.children, &a.contents, li, &mut |_, _, _| {});
        }
        let mut marks: HashMap<NodeId, (Mark, Option<Slot>)> = HashMap::new();
        stack.apply(&a.arena, &a.children, &a.contents, k, &mut |n, c, old| {
            let m = match c {
                Change::Added => Mark::Added,
                Change::Modified { .. } => Mark::Modified,
                Change::Unchanged => Mark::Unchanged,
                Change::Removed => Mark::Removed,
            };
            marks.entry(n).or_insert((m, old));
        });
        let mut keep: HashSet<NodeId> = match scope {
            Scope::Upto(_) => (1..a.arena.len() as NodeId)
                .filter(|&n| stack.get(n).is_some())
                .collect(),
            Scope::Layer(_) => marks
                .iter()
                .filter(|(_, (m, _))| *m != Mark::Unchanged)
                .map(|(n, _)| *n)
                .collect(),
        };
        keep.extend(
            marks
                .iter()
                .filter(|(_, (m, _))| *m == Mark::Removed)
                .map(|(n, _)| *n),
        );
        let targets: Vec<NodeId> = keep.iter().copied().collect();
        for n in targets {
            let mut p = a.arena.parent(n);
            while p != ROOT && keep.insert(p) {
                p = a.arena.parent(p);
            }
        }
        let entry_of = |n: NodeId| -> Option<&Entry> {
            let slot = match marks.get(&n) {
                Some((Mark::Removed, old)) => *old,
                _ => stack.get(n),
            }?;
            (slot.entry != IMPLICIT).then(|| {
                a.contents
                    .get(slot.layer as usize)?
                    .entries
                    .get(slot.entry as usize)
            })?
        };
        // sizes bottom-up: files their bytes, directories the bytes of kept present files below
        let mut size: HashMap<NodeId, u64> = HashMap::with_capacity(keep.len());
        for &n in &keep {
            let Some(e) = entry_of(n).filter(|e| e.kind == EntryKind::File) else {
                continue;
            };
            *size.entry(n).or_default() += e.size;
            if marks.get(&n).is_some_and(|(m, _)| *m == Mark::Removed) {
                continue;
            }
            let mut p = a.arena.parent(n);
            while p != ROOT {
                let s = size.entry(p).or_default();
                *s = s.saturating_add(e.size);
                p = a.arena.parent(p);
            }
        }
        let mut rows = Vec::with_capacity(keep.len());
        let mut todo: Vec<(NodeId, u16)> = Vec::new();
        let push_children = |todo: &mut Vec<(NodeId, u16)>, n: NodeId, depth: u16| {
            let mut kids: Vec<NodeId> = a
                .children
                .of(n)
                .iter()
                .copied()
                .filter(|c| keep.contains(c))
                .collect();
            if sort == SortBy::Size {
                kids.sort_by_key(|c| std::cmp::Reverse(size.get(c).copied().unwrap_or(0)));
            }
            todo.extend(kids.into_iter().rev().map(|c| (c, depth)));
        };
        push_children(&mut todo, ROOT, 0);
        let mut open: Vec<usize> = Vec::new();
        while let Some((n, depth)) = todo.pop() {
            while open.len() > depth as usize {
                open.pop();
            }
            let e = entry_of(n);
            let mark = marks.get(&n).map_or(Mark::Unchanged, |(m, _)| *m);
            rows.push(TreeRow {
                node: n,
                name: a.arena.name(n).into_owned(),
                depth,
                kind: e.map_or(EntryKind::Dir, |e| e.kind),
                size: size.get(&n).copied().unwrap_or(0),
                uid: e.map_or(0, |e| e.uid),
                gid: e.map_or(0, |e| e.gid),
                mode: e.map_or(0o755, |e| e.mode),
                link: e
                    .and_then(|e| e.link.as_ref())
                    .map(|l| String::from_utf8_lossy(l).into_owned()),
                mark,
                descendants: 0,
            });
            for &o in &open {
                rows[o].descendants += 1;
            }
            open.push(rows.len() - 1);
            push_children(&mut todo, n, depth + 1);
        }
        FileTree { rows }
    }

    /// Rows to show: collapsed directories hide their rows; a filter keeps rows whose path
    /// contains it (case-insensitive) and their parent directories.
    pub fn visible(
        &self,
        a: &ImageAnalysis,
        collapsed: &HashSet<NodeId>,
        filter: Option<&str>,
    ) -> Vec<usize> {
        let needle = filter.filter(|f| !f.is_empty()).map(str::to_lowercase);
        let matches: Option<HashSet<NodeId>> = needle.map(|f| {
            let mut set = HashSet::new();
            for r in self
                .rows
                .iter()
                .filter(|r| a.arena.path(r.node).to_lowercase().contains(&f))
            {
                let mut n = r.node;
                while n != ROOT && set.insert(n) {
                    n = a.arena.parent(n);
                }
            }
            set
        });
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.rows.len() {
            let r = &self.rows[i];
            if matches.as_ref().is_some_and(|m| !m.contains(&r.node)) {
                i += 1 + r.descendants as usize;
                continue;
            }
            out.push(i);
            i += 1 + if collapsed.contains(&r.node) {
                r.descendants as usize
            } else {
                0
            };
        }
        out
    }
}

/// The `n` largest regular files a layer adds or changes: (path, bytes).
pub fn largest_files(a: &ImageAnalysis, layer: usize, n: usize) -> Vec<(String, u64)> {
    let Some(l) = a.contents.get(layer) else {
        return Vec::new();
    };
    let mut files: Vec<&Entry> = l
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::File)
        .collect();
    files.sort_by_key(|e| std::cmp::Reverse(e.size));
    files
        .into_iter()
        .take(n)
        .map(|e| (a.arena.path(e.node), e.size))
        .collect()
}
