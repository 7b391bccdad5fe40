//! Paths in a tree: a node's container path (raw or escaped), the node at a path, whether a
//! path is under the tree's root.

use super::entry::{components, normalize};
use super::escape::escape;
use super::tree::{NodeId, ROOT, Tree};

impl Tree {
    /// The raw container path of a node (`/app/media`).
    pub fn raw_path(&self, id: NodeId) -> Vec<u8> {
        let mut parts: Vec<&[u8]> = Vec::new();
        let mut cur = id;
        while cur != ROOT {
            let n = &self.nodes[cur as usize];
            parts.push(&n.name);
            cur = n.parent;
        }
        let mut out = self.root.as_bytes().to_vec();
        for p in parts.iter().rev() {
            if out.last() != Some(&b'/') {
                out.push(b'/');
            }
            out.extend_from_slice(p);
        }
        out
    }

    /// The container path of a node, escaped for display.
    pub fn path_of(&self, id: NodeId) -> String {
        escape(&self.raw_path(id)).into_owned()
    }

    /// The path below the root (`media/x`), raw.
    pub fn rel_path(&self, id: NodeId) -> Vec<u8> {
        let full = self.raw_path(id);
        let skip = if self.root == "/" {
            1
        } else {
            self.root.len() + 1
        };
        full.get(skip..).map(<[u8]>::to_vec).unwrap_or_default()
    }

    /// The node at a container path (absolute), if the tree has it.
    pub fn find(&self, path: &[u8]) -> Option<NodeId> {
        let rel = self.relative(path)?;
        if let Some(&id) = self.dirs.get(rel.as_slice()) {
            return Some(id);
        }
        let mut cur = ROOT;
        for c in components(&rel) {
            cur = *self.nodes[cur as usize]
                .children
                .iter()
                .find(|&&k| &*self.nodes[k as usize].name == c)?;
        }
        Some(cur)
    }

    /// `path` relative to the root (normalised), or `None` when it is not under the root.
    pub fn relative(&self, path: &[u8]) -> Option<Vec<u8>> {
        let norm = normalize(path);
        let root = normalize(self.root.as_bytes());
        if root.is_empty() {
            return Some(norm);
        }
        if norm == root {
            return Some(Vec::new());
        }
        let rest = norm.strip_prefix(root.as_slice())?.strip_prefix(b"/")?;
        Some(rest.to_vec())
    }

    /// Does the tree cover `path` (at or below the root)?
    pub fn covers(&self, path: &[u8]) -> bool {
        self.relative(path).is_some()
    }
}
