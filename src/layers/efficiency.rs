//! Efficiency and waste of an image's layers, and per-layer counters.
//!
//! **Efficiency** is dive's score, computed the same way so both tools agree:
//! for every layer, take each *leaf* of that layer's own tree (an entry with no other entry of
//! the same layer below it; `.wh..wh..opq` markers are not entries here). Its size is the
//! tar size of the entry (regular-file bytes, 0 for directories and links); for a whiteout,
//! the bytes under the deleted path if that path was a directory in the layers below, else 0.
//! Per path, sum these sizes over all layers (cumulative) and keep the smallest one (minimum).
//! Efficiency = Σ minimum / Σ cumulative over all paths (1.0 when the sum is 0). Differs from
//! dive only when a directory hidden by an opaque marker is deleted again later: dive, which
//! ignores opaque markers, still counts the hidden files there.
//!
//! **Wasted bytes** count only copies the final image does not show: the bytes of every
//! regular file in every layer, minus the bytes of the files present in the final filesystem.
//! A file written in 3 layers and still present wastes its 2 older copies; a deleted file (by
//! whiteout or an opaque directory) wastes all its copies. dive's "wasted" instead sums every
//! copy of a path seen more than once, the kept one included.

use super::entries::{EntryKind, LayerContents};
use super::paths::{ChildIndex, NodeId, PathArena, ROOT};
use super::stack::{Change, Stack};
use serde::Serialize;

/// A path whose bytes are partly or wholly wasted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InefficientFile {
    pub path: String,
    /// Layers holding a regular-file copy of the path.
    pub copies: u32,
    /// Bytes of all those copies.
    pub total_bytes: u64,
    /// Bytes of the copies the final image does not show.
    pub wasted_bytes: u64,
}

/// Counters of one layer's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LayerStats {
    /// Entries that are paths (whiteout and opaque markers excluded).
    pub files: u64,
    /// Regular-file bytes of the layer.
    pub content_bytes: u64,
    /// Size as `docker history` reports it (file bytes plus symlink target lengths).
    pub size_bytes: u64,
    pub added: u64,
    pub modified: u64,
    pub removed: u64,
    /// Bytes of this layer's files that the final image no longer shows.
    pub dead_bytes: u64,
}

/// The figures of a whole image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub efficiency: f64,
    pub wasted_bytes: u64,
    /// dive's "wasted" figure, for reference: Σ cumulative size of the paths seen in more
    /// than one layer, the kept copy included.
    pub dive_wasted_bytes: u64,
    pub final_bytes: u64,
    pub final_files: u64,
    pub layers: Vec<LayerStats>,
    /// Sorted by wasted bytes, largest first.
    pub inefficient: Vec<InefficientFile>,
}

#[derive(Clone, Copy, Default)]
struct PathAcc {
    min: u64,
    cum: u64,
    seen: u32,
    copies: u32,
    file_bytes: u64,
}

/// Computes all figures in one pass over the layers.
pub fn compute(arena: &PathArena, children: &ChildIndex, layers: &[LayerContents]) -> Figures {
    compute_with_stack(arena, children, layers).0
}

/// [`compute`], also returning the final filesystem.
pub fn compute_with_stack(
    arena: &PathArena,
    children: &ChildIndex,
    layers: &[LayerContents],
) -> (Figures, Stack) {
    let mut acc = vec![PathAcc::default(); arena.len()];
    let mut stamp = vec![u32::MAX; arena.len()];
    let mut stack = Stack::new(arena);
    let mut stats = vec![LayerStats::default(); layers.len()];
    for (li, layer) in layers.iter().enumerate() {
        let tag = li as u32;
        for e in layer.entries.iter().filter(|e| e.kind != EntryKind::Opaque) {
            let mut p = e.node;
            while p != ROOT {
                p = arena.parent(p);
                if stamp[p as usize] == tag {
                    break;
                }
                stamp[p as usize] = tag;
            }
        }
        for e in layer.entries.iter().filter(|e| e.kind != EntryKind::Opaque) {
            let leaf = e.kind == EntryKind::Whiteout || stamp[e.node as usize] != tag;
            if leaf {
                let size = match e.kind {
                    EntryKind::Whiteout if stack.is_dir(layers, e.node) => {
                        stack.bytes_below(children, layers, e.node)
                    }
                    _ => e.size,
                };
                let a = &mut acc[e.node as usize];
                a.min = if a.seen == 0 { size } else { a.min.min(size) };
                a.cum = a.cum.saturating_add(size);
                a.seen += 1;
            }
            if e.kind == EntryKind::File {
                let a = &mut acc[e.node as usize];
                a.copies += 1;
                a.file_bytes = a.file_bytes.saturating_add(e.size);
            }
        }
        let s = &mut stats[li];
        stack.apply(arena, children, layers, li, &mut |_, c, _| match c {
            Change::Added => s.added += 1,
            Change::Modified { .. } => s.modified += 1,
            Change::Unchanged => {}
            Change::Removed => s.removed += 1,
        });
        s.files = layer.file_count() as u64;
        s.content_bytes = layer.content_bytes();
        s.size_bytes = layer.docker_size();
    }
    let (mut min_sum, mut cum_sum, mut dive_wasted) = (0u64, 0u64, 0u64);
    for a in &acc {
        min_sum = min_sum.saturating_add(a.min);
        cum_sum = cum_sum.saturating_add(a.cum);
        if a.seen >= 2 {
            dive_wasted = dive_wasted.saturating_add(a.cum);
        }
    }
    let mut final_bytes = 0u64;
    let mut final_files = 0u64;
    let mut inefficient = Vec::new();
    let mut total_file_bytes = 0u64;
    for (node, a) in acc.iter().enumerate() {
        total_file_bytes = total_file_bytes.saturating_add(a.file_bytes);
        let kept = stack
            .entry(layers, node as NodeId)
            .filter(|e| e.kind == EntryKind::File)
            .map(|e| e.size);
        if node as NodeId != ROOT && stack.get(node as NodeId).is_some() {
            final_files += 1;
        }
        final_bytes = final_bytes.saturating_add(kept.unwrap_or(0));
        let wasted = a.file_bytes.saturating_sub(kept.unwrap_or(0));
        if wasted > 0 {
            inefficient.push(InefficientFile {
                path: arena.path(node as NodeId),
                copies: a.copies,
                total_bytes: a.file_bytes,
                wasted_bytes: wasted,
            });
        }
    }
    for (li, layer) in layers.iter().enumerate() {
        for (i, e) in layer.entries.iter().enumerate() {
            let shown = stack
                .get(e.node)
                .is_some_and(|s| s.layer as usize == li && s.entry as usize == i);
            if e.kind == EntryKind::File && !shown {
                stats[li].dead_bytes = stats[li].dead_bytes.saturating_add(e.size);
            }
        }
    }
    inefficient.sort_by(|a, b| {
        b.wasted_bytes
            .cmp(&a.wasted_bytes)
            .then_with(|| a.path.cmp(&b.path))
    });
    let figures = Figures {
        efficiency: if cum_sum == 0 {
            1.0
        } else {
            min_sum as f64 / cum_sum as f64
        },
        wasted_bytes: total_file_bytes.saturating_sub(final_bytes),
        dive_wasted_bytes: dive_wasted,
        final_bytes,
        final_files,
        layers: stats,
        inefficient,
    };
    (figures, stack)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::entries::RawEntry;
    use EntryKind::*;

    fn layer(arena: &mut PathArena, items: &[(&str, EntryKind, u64)]) -> LayerContents {
        let mut l = LayerContents::default();
        for (p, k, s) in items {
            let raw = RawEntry {
                path: p.as_bytes(),
                kind: *k,
                size: *s,
                uid: 0,
                gid: 0,
                mode: 0o644,
                link: None,
            };
            l.push_tar(arena, raw);
        }
        l
    }

    /// The shape of the benchmark image, scaled down: a rewritten blob, a deleted blob,
    /// a `chown -R` that copies a tree again, a file added once.
    #[test]
    fn efficiency_matches_dive_and_waste_counts_only_extra_copies() {
        let mut a = PathArena::new();
        let layers = vec![
            layer(&mut a, &[("bin/", Dir, 0), ("bin/sh", File, 10)]),
            layer(
                &mut a,
                &[
                    ("venv/", Dir, 0),
                    ("venv/a", File, 20),
                    ("venv/b", File, 20),
                ],
            ),
            layer(
                &mut a,
                &[
                    ("opt/", Dir, 0),
                    ("opt/blob1", File, 300),
                    ("opt/blob2", File, 100),
                ],
            ),
            layer(
                &mut a,
                &[
                    ("venv/", Dir, 0),
                    ("venv/a", File, 20),
                    ("venv/b", File, 20),
                    ("opt/", Dir, 0),
                    ("opt/.wh.blob2", File, 0),
                    ("opt/blob1", File, 50),
                ],
            ),
            layer(&mut a, &[("app/", Dir, 0), ("app/bundle", File, 80)]),
        ];
        let f = compute(&a, &a.children(), &layers);
        // dive: min = 10+20+20+50+0+80 = 180; cumulative = 10+40+40+350+100+80 = 620
        assert!(
            (f.efficiency - 180.0 / 620.0).abs() < 1e-12,
            "{}",
            f.efficiency
        );
        assert_eq!(f.dive_wasted_bytes, 40 + 40 + 350 + 100);
        // extra copies: venv/a 20, venv/b 20, blob1's 300, blob2's 100
        assert_eq!(f.wasted_bytes, 440);
        assert_eq!(f.final_bytes, 10 + 40 + 50 + 80);
        let top = &f.inefficient[0];
        assert_eq!(
            (
                top.path.as_str(),
                top.copies,
                top.total_bytes,
                top.wasted_bytes
            ),
            ("/opt/blob1", 2, 350, 300)
        );
        assert_eq!(f.layers[3].modified, 3);
        assert_eq!(f.layers[3].removed, 1);
        assert_eq!(f.layers[1].dead_bytes, 40);
        assert_eq!(f.layers[2].dead_bytes, 400);
    }

    #[test]
    fn growing_file_wastes_the_older_copy_not_the_difference() {
        let mut a = PathArena::new();
        let layers = vec![
            layer(&mut a, &[("f", File, 10)]),
            layer(&mut a, &[("f", File, 20)]),
        ];
        let f = compute(&a, &a.children(), &layers);
        assert_eq!(f.wasted_bytes, 10);
        assert_eq!(f.dive_wasted_bytes, 30);
    }

    #[test]
    fn opaque_dir_wastes_hidden_files_and_dir_whiteout_counts_subtree_for_dive() {
        let mut a = PathArena::new();
        let layers = vec![
            layer(
                &mut a,
                &[
                    ("d/", Dir, 0),
                    ("d/x", File, 7),
                    ("e/", Dir, 0),
                    ("e/y", File, 5),
                ],
            ),
            layer(
                &mut a,
                &[
                    ("d/", Dir, 0),
                    ("d/.wh..wh..opq", File, 0),
                    (".wh.e", File, 0),
                ],
            ),
        ];
        let f = compute(&a, &a.children(), &layers);
        assert_eq!(f.wasted_bytes, 12);
        assert_eq!(f.final_bytes, 0);
        // dive: leaves d/x 7, e/y 5 (layer 0); d (empty dir leaf, 0) and e (whiteout of a dir: 5)
        assert!((f.efficiency - 17.0 / 17.0).abs() < 1e-12);
        assert_eq!(f.inefficient.len(), 2);
    }

    #[test]
    fn empty_image_is_fully_efficient() {
        let a = PathArena::new();
        let f = compute(&a, &a.children(), &[]);
        assert_eq!((f.efficiency, f.wasted_bytes), (1.0, 0));
    }
}
