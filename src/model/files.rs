//! What the Files view needs of a container beyond its full inspect: tmpfs mounts (they are
//! not in `Mounts`), groups added with `--group-add`, dropped capabilities, and the files the
//! engine bind-mounts of its own (`/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`).

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContainerExtras {
    /// `HostConfig.Tmpfs`: destination → options (`rw,noexec,mode=0755`).
    pub tmpfs: BTreeMap<String, String>,
    /// `HostConfig.GroupAdd`.
    pub group_add: Vec<String>,
    /// `HostConfig.CapDrop`.
    pub cap_drop: Vec<String>,
    /// (destination in the container, path on the engine's host) of the files the engine
    /// mounts itself; empty for a container never started.
    pub engine_files: Vec<(String, String)>,
}
