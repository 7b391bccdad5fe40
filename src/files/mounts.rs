//! Mounts of a container as the files view needs them: where each is, what it comes from
//! (volume name, host path, tmpfs), whether it is writable; marking their mount points in a
//! tree. The archive endpoint shows volumes and bind mounts with their contents but never a
//! tmpfs (it shows the directory under it), so a tmpfs's own mode is taken from its options.

use serde::Serialize;

use super::tree::{NodeId, Tree};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    Volume,
    Bind,
    Tmpfs,
    Other,
}

/// One mount of the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mount {
    pub kind: MountKind,
    /// Volume name, host path of a bind mount, empty for a tmpfs.
    pub source: String,
    /// Where it is in the container.
    pub destination: String,
    pub rw: bool,
    /// Where its files are on the engine's host (a volume's `Mountpoint`, a bind's source),
    /// for the local walk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_path: Option<String>,
    /// A tmpfs's owner and mode (`--tmpfs /x:uid=1001,mode=0750`; default root 1777).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tmpfs: Option<TmpfsMode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TmpfsMode {
    pub uid: u32,
    pub gid: u32,
    pub perm: u32,
}

impl Mount {
    /// `volume media-data`, `bind /srv/static (read-only)`, `tmpfs`.
    pub fn label(&self) -> String {
        let ro = if self.rw { "" } else { " (read-only)" };
        match self.kind {
            MountKind::Volume => format!("volume {}{ro}", self.source),
            MountKind::Bind => format!("bind {}{ro}", self.source),
            MountKind::Tmpfs => format!("tmpfs{ro}"),
            MountKind::Other => format!("mount {}{ro}", self.source),
        }
    }

    /// A tmpfs from `HostConfig.Tmpfs` (`/app/logs` → `rw,noexec,mode=0750,uid=1001`).
    pub fn tmpfs(destination: &str, options: &str) -> Mount {
        let mut m = TmpfsMode {
            uid: 0,
            gid: 0,
            perm: 0o1777,
        };
        let mut rw = true;
        for opt in options.split(',').map(str::trim) {
            let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
            match k {
                "mode" => m.perm = u32::from_str_radix(v, 8).unwrap_or(m.perm) & 0o7777,
                "uid" => m.uid = v.parse().unwrap_or(m.uid),
                "gid" => m.gid = v.parse().unwrap_or(m.gid),
                "ro" => rw = false,
                _ => {}
            }
        }
        Mount {
            kind: MountKind::Tmpfs,
            source: String::new(),
            destination: destination.to_string(),
            rw,
            host_path: None,
            tmpfs: Some(m),
        }
    }
}

/// Marks every mount point the tree covers; returns the mounts whose point is not in it
/// (e.g. a destination that does not exist yet), by index.
pub fn mark(tree: &mut Tree, mounts: &[Mount]) -> Vec<usize> {
    let mut missing = Vec::new();
    for (i, m) in mounts.iter().enumerate() {
        if !tree.covers(m.destination.as_bytes()) {
            continue;
        }
        match tree.find(m.destination.as_bytes()) {
            Some(id) => tree.node_mut(id).mount = u16::try_from(i).ok(),
            None => missing.push(i),
        }
    }
    missing
}

/// The mount an entry is on: its own or its nearest marked ancestor's, else the mount the
/// whole tree is under (`above`), by index.
pub fn mount_of(tree: &Tree, id: NodeId, above: Option<usize>) -> Option<usize> {
    let mut cur = id;
    loop {
        let n = tree.node(cur);
        if let Some(m) = n.mount {
            return Some(m as usize);
        }
        if cur == super::tree::ROOT {
            return above;
        }
        cur = n.parent;
    }
}

/// The mount whose destination holds the tree's root (the longest such), by index.
pub fn mount_above(root: &str, mounts: &[Mount]) -> Option<usize> {
    let root = root.trim_end_matches('/');
    mounts
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            let d = m.destination.trim_end_matches('/');
            d.is_empty() || root == d || root.starts_with(&format!("{d}/"))
        })
        .max_by_key(|(_, m)| m.destination.len())
        .map(|(i, _)| i)
}
