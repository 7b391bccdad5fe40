//! What the runtime user can do with every entry of a tree, in one pass (parents come
//! before children): the entry's own rights, nothing when a directory on the way cannot be
//! entered, no writing on a read-only mount or root filesystem. A tmpfs mount point gets
//! the tmpfs's own owner and mode (the archive shows the directory under it).

use super::access::{Access, access};
use super::entry::Kind;
use super::mounts::{Mount, mount_above, mount_of};
use super::tree::{NodeId, ROOT, Tree};
use super::user::Identity;

/// What the rights depend on besides the tree.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub who: &'a Identity,
    pub mounts: &'a [Mount],
    pub read_only_rootfs: bool,
    /// Can the user reach the root (every directory above it enterable)? `true` when unknown.
    pub reach_root: bool,
}

/// Owner, group and mode that apply to a node (a tmpfs's own for its mount point).
pub fn owner_mode(tree: &Tree, id: NodeId, mounts: &[Mount]) -> (u32, u32, u32) {
    let n = tree.node(id);
    if let Some(t) = n
        .mount
        .and_then(|m| mounts.get(m as usize))
        .and_then(|m| m.tmpfs)
    {
        return (t.uid, t.gid, t.perm);
    }
    (n.uid, n.gid, n.perm)
}

/// The effective rights of every node, indexed by id. Symlinks get none of their own (they
/// are never followed).
pub fn rights(tree: &Tree, cx: &Context) -> Vec<Access> {
    let above = mount_above(tree.root(), cx.mounts);
    let mut own: Vec<Access> = Vec::with_capacity(tree.len());
    let mut out: Vec<Access> = Vec::with_capacity(tree.len());
    let mut reach: Vec<bool> = Vec::with_capacity(tree.len());
    for id in tree.ids() {
        let n = tree.node(id);
        let (uid, gid, perm) = owner_mode(tree, id, cx.mounts);
        let mut a = match n.kind {
            Kind::Symlink => Access::NONE,
            k => access(cx.who, k, uid, gid, perm),
        };
        let writable_fs = match mount_of(tree, id, above).and_then(|m| cx.mounts.get(m)) {
            Some(m) => m.rw,
            None => !cx.read_only_rootfs,
        };
        if !writable_fs {
            a.write = false;
        }
        let reachable = if id == ROOT {
            cx.reach_root
        } else {
            let p = n.parent as usize;
            reach[p] && own[p].exec
        };
        own.push(a);
        reach.push(reachable);
        out.push(if reachable { a } else { Access::NONE });
    }
    out
}

/// Why an entry cannot be reached: the first directory on the way the user cannot enter.
pub fn blocked_by(tree: &Tree, id: NodeId, rights: &[Access]) -> Option<NodeId> {
    let mut chain = Vec::new();
    let mut cur = id;
    while cur != ROOT {
        cur = tree.node(cur).parent;
        chain.push(cur);
    }
    chain
        .into_iter()
        .rev()
        .find(|&d| !rights.get(d as usize).is_some_and(|a| a.exec))
}

/// The effective rights of one node (what [`rights`] gives for it), walking only its
/// ancestors: for views that show a screenful of rows of a large tree.
pub fn rights_of(tree: &Tree, id: NodeId, cx: &Context) -> Access {
    let mut chain = vec![id];
    let mut cur = id;
    while cur != ROOT {
        cur = tree.node(cur).parent;
        chain.push(cur);
    }
    let above = mount_above(tree.root(), cx.mounts);
    let mut reachable = cx.reach_root;
    let mut last = Access::NONE;
    for (i, &n) in chain.iter().rev().enumerate() {
        let node = tree.node(n);
        let (uid, gid, perm) = owner_mode(tree, n, cx.mounts);
        let mut a = match node.kind {
            Kind::Symlink => Access::NONE,
            k => access(cx.who, k, uid, gid, perm),
        };
        let writable_fs = match mount_of(tree, n, above).and_then(|m| cx.mounts.get(m)) {
            Some(m) => m.rw,
            None => !cx.read_only_rootfs,
        };
        if !writable_fs {
            a.write = false;
        }
        if i + 1 < chain.len() {
            reachable = reachable && a.exec;
        }
        last = a;
    }
    if reachable { last } else { Access::NONE }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::synthetic::{runtime, walked};

    #[test]
    fn one_node_agrees_with_the_whole_pass() {
        let w = walked(
            "/app",
            "d 755 1001:1001 .\nd 700 0:0 closed\nf 644 0:0 closed/x\nd 755 0:0 open\nf 600 1001:1001 open/mine\nl 777 0:0 link -> x\n",
        );
        let r = runtime("app");
        let cx = w.context(&r);
        let all = rights(&w.tree, &cx);
        for id in w.tree.ids() {
            assert_eq!(
                rights_of(&w.tree, id, &cx),
                all[id as usize],
                "{}",
                w.tree.path_of(id)
            );
        }
        let x = w.tree.find(b"/app/closed/x").unwrap();
        assert_eq!(all[x as usize], Access::NONE);
        assert_eq!(blocked_by(&w.tree, x, &all), w.tree.find(b"/app/closed"));
    }
}
