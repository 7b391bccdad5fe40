//! What the files rules look for, as plain data (the rules in `diagnose` word the findings):
//! rights of the runtime user (`perms`), ownership and modes (`owners`), files a
//! `.dockerignore` should have kept out (`excluded`), the guide's Python specifics
//! (`python`). Everything is computed over one tree and the runtime facts.

pub mod excluded;
pub mod owners;
pub mod perms;
pub mod python;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use super::access::Access;
use super::facts::{Computed, Runtime, Walked};
use super::mounts::MountKind;
use super::tree::{NodeId, ROOT, Tree};

/// One tree, its runtime, and the runtime user's rights on every entry (computed once per
/// walk and runtime, shared by every rule).
pub struct Audit<'a> {
    pub tree: &'a Tree,
    pub runtime: &'a Runtime,
    pub walked: &'a Walked,
    computed: Arc<Computed>,
}

impl<'a> Audit<'a> {
    pub fn new(walked: &'a Walked, runtime: &'a Runtime) -> Audit<'a> {
        Audit {
            tree: &walked.tree,
            runtime,
            walked,
            computed: walked.rights_for(runtime),
        }
    }

    /// The runtime user's rights on every node, by id.
    pub fn rights(&self) -> &[Access] {
        &self.computed.rights
    }

    /// Entries on a mount (volume, bind, tmpfs): not files of the image.
    pub fn on_mount(&self) -> &[bool] {
        &self.computed.on_mount
    }

    /// The container path of an absolute or app-dir-relative `path`.
    pub fn absolute(&self, path: &str) -> String {
        if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{}", self.tree.root().trim_end_matches('/'), path)
        }
    }

    /// The tmpfs mounted at a node, if any.
    pub fn is_tmpfs(&self, id: NodeId) -> bool {
        self.tree
            .node(id)
            .mount
            .and_then(|m| self.runtime.mounts.get(m as usize))
            .is_some_and(|m| m.kind == MountKind::Tmpfs)
    }
}

/// A place a rule reports: a node, and how many entries below it share the problem (all of
/// them, when the whole subtree does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub id: NodeId,
    /// Entries below `id` included in the spot (0 for a single entry).
    pub below: u32,
}

/// The top-most places where `bad` holds: a directory whose whole subtree is bad is one
/// spot (with everything below it); otherwise every bad entry is its own spot. Subtrees
/// where `skip` holds are left out.
pub fn spots(
    tree: &Tree,
    bad: impl Fn(NodeId) -> bool,
    skip: impl Fn(NodeId) -> bool,
) -> Vec<Spot> {
    spots_in(tree, ROOT, bad, skip)
}

/// [`spots`] within the subtree of `top` only.
pub fn spots_in(
    tree: &Tree,
    top: NodeId,
    bad: impl Fn(NodeId) -> bool,
    skip: impl Fn(NodeId) -> bool,
) -> Vec<Spot> {
    let n = tree.len();
    let mut skipped = vec![false; n];
    for id in tree.ids() {
        let parent = tree.node(id).parent as usize;
        let outside = id != top && (id == ROOT || skipped[parent]);
        skipped[id as usize] = outside || skip(id);
    }
    // Children have larger ids than their parents: a reverse pass sees children first.
    let mut whole = vec![false; n];
    for id in tree.ids().rev() {
        let i = id as usize;
        whole[i] = !skipped[i]
            && bad(id)
            && tree
                .node(id)
                .children
                .iter()
                .all(|&c| whole[c as usize] || skipped[c as usize]);
    }
    let mut out = Vec::new();
    let mut covered = vec![false; n];
    for id in tree.ids() {
        let i = id as usize;
        let parent = tree.node(id).parent as usize;
        if id != top && id != ROOT && covered[parent] {
            covered[i] = true;
            continue;
        }
        if skipped[i] || !bad(id) {
            continue;
        }
        covered[i] = whole[i];
        out.push(Spot {
            id,
            below: if whole[i] { tree.node(id).count } else { 0 },
        });
    }
    out
}

/// Is the node a `.venv` directory or inside one?
pub fn in_venv(tree: &Tree, id: NodeId) -> bool {
    let mut cur = id;
    loop {
        let n = tree.node(cur);
        if &*n.name == b".venv" {
            return true;
        }
        if cur == ROOT {
            return false;
        }
        cur = n.parent;
    }
}
