//! Ownership and modes of the image's files: owned by someone other than the app user,
//! writable by everyone. Mounted volumes are not the image's files and are left out; so is
//! `.venv`, which the Python rule checks on its own.

use super::{Audit, Spot, in_venv, spots};
use crate::files::entry::Kind;
use crate::files::tree::NodeId;

/// Spots of entries not owned by `uid` (the profile's app user), without mounts, `.venv`
/// and the `exempt` paths (absolute or relative to the root) and what is below them.
pub fn foreign_owned(a: &Audit, uid: u32, exempt: &[String]) -> Vec<Spot> {
    let exempt: Vec<NodeId> = exempt
        .iter()
        .filter_map(|e| a.tree.find(a.absolute(e).as_bytes()))
        .collect();
    spots(
        a.tree,
        |id| a.tree.node(id).uid != uid,
        |id| skip(a, id) || exempt.contains(&id),
    )
}

/// Mount contents and `.venv`.
pub fn skip(a: &Audit, id: NodeId) -> bool {
    a.on_mount()[id as usize] || in_venv(a.tree, id)
}

/// Spots writable by everyone (not symlinks, whose mode means nothing; not sticky
/// directories like `/tmp`, where only owners can delete). Mount contents are included:
/// a world-writable volume is as open as an image folder.
pub fn world_writable(a: &Audit) -> Vec<Spot> {
    spots(
        a.tree,
        |id| {
            let n = a.tree.node(id);
            n.perm & 0o002 != 0
                && n.kind != Kind::Symlink
                && !(n.kind == Kind::Dir && n.perm & 0o1000 != 0)
                && !a.is_tmpfs(id)
        },
        |_| false,
    )
}

/// `root:root` style owner names of a node, from the container's accounts.
pub fn owner_names(a: &Audit, id: NodeId) -> String {
    let n = a.tree.node(id);
    format!(
        "{}:{}",
        a.runtime.accounts.user_name(n.uid),
        a.runtime.accounts.group_name(n.gid)
    )
}
