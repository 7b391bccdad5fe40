//! Stacks layers the way overlayfs does: whiteouts delete a path and everything under it,
//! opaque directories hide their lower contents, and an upper entry replaces a lower one.

use super::entries::{Entry, EntryKind, LayerContents};
use super::paths::{ChildIndex, NodeId, PathArena, ROOT};

/// Where a path of the stacked filesystem comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub layer: u32,
    /// Index in the layer's entries, or `IMPLICIT` for a directory no layer listed.
    pub entry: u32,
}

/// A directory that exists only because something below it does.
pub const IMPLICIT: u32 = u32::MAX;

/// What applying one entry did to the stack, for marks and counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    /// The path existed below and was written again; `content` when kind, size or link
    /// target differ (else only owner, mode or time changed).
    Modified {
        content: bool,
    },
    /// A directory listed again with the same owner and mode (copied up for its children).
    Unchanged,
    Removed,
}

/// The filesystem as seen after some layers: one optional slot per arena node.
#[derive(Debug, Clone)]
pub struct Stack {
    slots: Vec<Option<Slot>>,
}

impl Stack {
    pub fn new(arena: &PathArena) -> Self {
        let mut slots = vec![None; arena.len()];
        slots[ROOT as usize] = Some(Slot {
            layer: 0,
            entry: IMPLICIT,
        });
        Stack { slots }
    }

    pub fn get(&self, node: NodeId) -> Option<Slot> {
        self.slots.get(node as usize).copied().flatten()
    }

    /// The entry a slot points at, `None` for implicit directories.
    pub fn entry<'a>(&self, layers: &'a [LayerContents], node: NodeId) -> Option<&'a Entry> {
        let s = self.get(node)?;
        layers.get(s.layer as usize)?.entries.get(s.entry as usize)
    }

    /// Is the path a directory in the stack (implicit directories included)?
    pub fn is_dir(&self, layers: &[LayerContents], node: NodeId) -> bool {
        match self.get(node) {
            Some(s) if s.entry == IMPLICIT => true,
            Some(_) => self
                .entry(layers, node)
                .is_some_and(|e| e.kind == EntryKind::Dir),
            None => false,
        }
    }

    /// Calls `f` for every present path strictly below `node`, depth first.
    pub fn for_each_below(
        &self,
        children: &ChildIndex,
        node: NodeId,
        f: &mut dyn FnMut(NodeId, Slot),
    ) {
        let mut todo: Vec<NodeId> = children.of(node).to_vec();
        while let Some(n) = todo.pop() {
            if let Some(s) = self.get(n) {
                f(n, s);
                todo.extend_from_slice(children.of(n));
            }
        }
    }

    fn clear_below(
        &mut self,
        children: &ChildIndex,
        node: NodeId,
        f: &mut dyn FnMut(NodeId, Slot),
    ) {
        let mut todo: Vec<NodeId> = children.of(node).to_vec();
        while let Some(n) = todo.pop() {
            if let Some(s) = self.slots[n as usize].take() {
                f(n, s);
                todo.extend_from_slice(children.of(n));
            }
        }
    }

    /// Applies layer `li`: first its deletions (whiteouts, opaque directories), which act on
    /// the lower layers only, then its entries. `f` hears of every change, with the slot a
    /// removed or replaced path had.
    pub fn apply(
        &mut self,
        arena: &PathArena,
        children: &ChildIndex,
        layers: &[LayerContents],
        li: usize,
        f: &mut dyn FnMut(NodeId, Change, Option<Slot>),
    ) {
        let Some(layer) = layers.get(li) else { return };
        for e in &layer.entries {
            match e.kind {
                EntryKind::Whiteout => {
                    if let Some(old) = self.slots[e.node as usize].take() {
                        f(e.node, Change::Removed, Some(old));
                        self.clear_below(children, e.node, &mut |n, s| {
                            f(n, Change::Removed, Some(s))
                        });
                    }
                }
                EntryKind::Opaque => {
                    self.clear_below(children, e.node, &mut |n, s| f(n, Change::Removed, Some(s)))
                }
                _ => {}
            }
        }
        for (i, e) in layer.entries.iter().enumerate() {
            if !e.kind.is_present() {
                continue;
            }
            let old = self.get(e.node);
            let change = match old {
                None => Change::Added,
                Some(s) => {
                    let prev = self.entry(layers, e.node);
                    let content = prev
                        .is_none_or(|p| p.kind != e.kind || p.size != e.size || p.link != e.link);
                    let meta =
                        prev.is_none_or(|p| p.uid != e.uid || p.gid != e.gid || p.mode != e.mode);
                    let was_dir = self.is_dir(layers, e.node);
                    if e.kind != EntryKind::Dir && was_dir {
                        self.clear_below(children, e.node, &mut |n, s| {
                            f(n, Change::Removed, Some(s))
                        });
                    }
                    if e.kind == EntryKind::Dir && was_dir && (s.entry == IMPLICIT || !meta) {
                        Change::Unchanged
                    } else {
                        Change::Modified { content }
                    }
                }
            };
            self.slots[e.node as usize] = Some(Slot {
                layer: li as u32,
                entry: i as u32,
            });
            f(e.node, change, old);
            let mut p = arena.parent(e.node);
            while p != ROOT && self.slots[p as usize].is_none() {
                self.slots[p as usize] = Some(Slot {
                    layer: li as u32,
                    entry: IMPLICIT,
                });
                f(p, Change::Added, None);
                p = arena.parent(p);
            }
        }
    }

    /// Sum of regular-file bytes present at or below `node`.
    pub fn bytes_below(
        &self,
        children: &ChildIndex,
        layers: &[LayerContents],
        node: NodeId,
    ) -> u64 {
        let mut total = self.entry(layers, node).map_or(0, |e| e.size);
        self.for_each_below(children, node, &mut |n, _| {
            total = total.saturating_add(self.entry(layers, n).map_or(0, |e| e.size));
        });
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::entries::RawEntry;

    pub(crate) fn layer(arena: &mut PathArena, items: &[(&str, EntryKind, u64)]) -> LayerContents {
        let mut l = LayerContents::default();
        for (p, k, s) in items {
            l.push_tar(
                arena,
                RawEntry {
                    path: p.as_bytes(),
                    kind: *k,
                    size: *s,
                    uid: 0,
                    gid: 0,
                    mode: 0o644,
                    link: None,
                },
            );
        }
        l
    }

    fn present(stack: &Stack, arena: &PathArena) -> Vec<String> {
        let mut v: Vec<String> = (1..arena.len() as NodeId)
            .filter(|&n| stack.get(n).is_some())
            .map(|n| arena.path(n))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn whiteouts_delete_subtrees_and_opaque_dirs_hide_lower_contents() {
        use EntryKind::*;
        let mut a = PathArena::new();
        let l0 = layer(
            &mut a,
            &[
                ("d/", Dir, 0),
                ("d/x", File, 1),
                ("d/sub/y", File, 2),
                ("e/z", File, 3),
            ],
        );
        let l1 = layer(
            &mut a,
            &[
                ("d/", Dir, 0),
                ("d/.wh..wh..opq", File, 0),
                ("d/new", File, 4),
                (".wh.e", File, 0),
            ],
        );
        let layers = vec![l0, l1];
        let idx = a.children();
        let mut st = Stack::new(&a);
        let mut removed = Vec::new();
        for li in 0..2 {
            st.apply(&a, &idx, &layers, li, &mut |n, c, _| {
                if c == Change::Removed {
                    removed.push(a.path(n));
                }
            });
        }
        assert_eq!(present(&st, &a), ["/d", "/d/new"]);
        removed.sort();
        assert_eq!(removed, ["/d/sub", "/d/sub/y", "/d/x", "/e", "/e/z"]);
        let d = a.find("/d").unwrap_or(ROOT);
        assert_eq!(st.bytes_below(&idx, &layers, d), 4);
    }
}
