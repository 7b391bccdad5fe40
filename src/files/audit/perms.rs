//! The runtime user's rights where the app needs them: folders it must write (`media/`,
//! `static/`, `logs/`), files it must read, scripts it must execute.

use super::{Audit, Spot, spots};
use crate::files::entry::Kind;
use crate::files::rights::blocked_by;
use crate::files::tree::NodeId;

/// Why a folder the app must write cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteProblem {
    /// It does not exist and its parent cannot be written either (so the app cannot make it).
    Missing { parent: Option<NodeId> },
    /// It is not a directory.
    NotADirectory { id: NodeId },
    /// The user lacks `w`+`x` on it, or a directory on the way, or the mount is read-only.
    NotWritable {
        id: NodeId,
        blocked_by: Option<NodeId>,
        read_only: bool,
    },
}

/// One must-write folder and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MustWrite {
    /// The container path.
    pub path: String,
    pub problem: WriteProblem,
}

/// Checks each folder in `dirs` (absolute or relative to the root); the ones outside the
/// tree are skipped (not known).
pub fn must_write(a: &Audit, dirs: &[String]) -> (Vec<MustWrite>, usize) {
    let mut out = Vec::new();
    let mut checked = 0;
    for d in dirs {
        let path = a.absolute(d);
        if !a.tree.covers(path.as_bytes()) {
            continue;
        }
        checked += 1;
        let problem = match a.tree.find(path.as_bytes()) {
            None => {
                let parent = parent_in_tree(a, &path);
                let creatable = parent.is_some_and(|p| {
                    let r = a.rights()[p as usize];
                    r.write && r.exec
                });
                (!creatable).then_some(WriteProblem::Missing { parent })
            }
            Some(id) if a.tree.node(id).kind != Kind::Dir => {
                Some(WriteProblem::NotADirectory { id })
            }
            Some(id) => {
                let r = a.rights()[id as usize];
                (!(r.write && r.exec)).then(|| WriteProblem::NotWritable {
                    id,
                    blocked_by: blocked_by(a.tree, id, a.rights()),
                    read_only: read_only(a, id),
                })
            }
        };
        if let Some(problem) = problem {
            out.push(MustWrite { path, problem });
        }
    }
    (out, checked)
}

fn parent_in_tree(a: &Audit, path: &str) -> Option<NodeId> {
    let parent = path.rsplit_once('/').map(|(p, _)| p)?;
    let parent = if parent.is_empty() { "/" } else { parent };
    a.tree.find(parent.as_bytes())
}

/// Is the entry on a read-only mount (or a read-only root filesystem)?
pub fn read_only(a: &Audit, id: NodeId) -> bool {
    let above = crate::files::mounts::mount_above(a.tree.root(), &a.runtime.mounts);
    match crate::files::mounts::mount_of(a.tree, id, above).and_then(|m| a.runtime.mounts.get(m)) {
        Some(m) => !m.rw,
        None => a.runtime.read_only_rootfs,
    }
}

/// Files the user cannot read and folders it cannot list or enter: the top-most ones (a
/// folder that cannot be entered hides everything below it).
pub fn unreadable(a: &Audit) -> Vec<Spot> {
    let bad = |id: NodeId| {
        let n = a.tree.node(id);
        let r = a.rights()[id as usize];
        match n.kind {
            Kind::Dir => !(r.read && r.exec),
            Kind::File | Kind::Hardlink => !r.read,
            _ => false,
        }
    };
    let mut out = Vec::new();
    let mut hidden = vec![false; a.tree.len()];
    for id in a.tree.ids() {
        let n = a.tree.node(id);
        let i = id as usize;
        let parent_hidden = id != crate::files::tree::ROOT && hidden[n.parent as usize];
        if parent_hidden {
            hidden[i] = true;
            continue;
        }
        if bad(id) {
            let blocks = n.kind == Kind::Dir && !a.rights()[i].exec;
            hidden[i] = blocks;
            out.push(Spot {
                id,
                below: if blocks { n.count } else { 0 },
            });
        }
    }
    out
}

/// A script the app runs that the user cannot execute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotExecutable {
    pub path: String,
    pub id: Option<NodeId>,
    /// The container's command names it (so the container fails to start).
    pub is_command: bool,
}

/// The scripts in `scripts` (relative to the root or absolute) plus the command's program
/// when it lies under the root: those that exist and cannot be executed, and a command
/// program that does not exist. Returns them and how many were checked.
pub fn not_executable(a: &Audit, scripts: &[String]) -> (Vec<NotExecutable>, usize) {
    let mut wanted: Vec<(String, bool)> = scripts.iter().map(|s| (a.absolute(s), false)).collect();
    if let Some(prog) = a.runtime.command.first().filter(|p| p.starts_with('/')) {
        match wanted.iter_mut().find(|(p, _)| p == prog) {
            Some(w) => w.1 = true,
            None => wanted.push((prog.clone(), true)),
        }
    }
    let mut out = Vec::new();
    let mut checked = 0;
    for (path, is_command) in wanted {
        if !a.tree.covers(path.as_bytes()) {
            continue;
        }
        let id = a.tree.find(path.as_bytes());
        let ok = match id {
            Some(id) => {
                checked += 1;
                let n = a.tree.node(id);
                n.kind == Kind::Symlink || (n.kind.is_regular() && a.rights()[id as usize].exec)
            }
            None => !is_command,
        };
        if !ok {
            out.push(NotExecutable {
                path,
                id,
                is_command,
            });
        }
    }
    (out, checked)
}

/// Spots of entries with setuid or setgid on an executable regular file.
pub fn setuid(a: &Audit) -> Vec<Spot> {
    spots(
        a.tree,
        |id| {
            let n = a.tree.node(id);
            n.kind.is_regular() && n.perm & 0o6000 != 0 && n.perm & 0o111 != 0
        },
        |_| false,
    )
}
