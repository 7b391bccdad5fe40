//! The local fast path: when the engine runs on this machine with overlay2 and its layer
//! directories are readable, the tree is read from the container's layers (upper first)
//! with metadata only — one `lstat` per entry, no tar stream — giving the same entries as
//! the archive endpoint: names in byte order, sockets left out, hard links found by inode,
//! volumes and bind mounts read from their sources. A tmpfs shows the directory under it
//! (as the archive does); a mount whose source is not on this disk is said to be missing.

mod resolve;
mod union;

use std::collections::HashMap;
use std::path::PathBuf;

use rustix::fs::FileType;

use super::entry::{Entry, Kind};
use super::error::FilesError;
use super::mounts::{Mount, MountKind};
use super::walk::Control;
pub use resolve::Resolver;
pub use union::{Item, View};

/// The layer directories of a container, top (its own `UpperDir`) first, from its graph
/// driver's name and data; the error says why the local walk cannot be used.
pub fn layers(driver: &str, data: &HashMap<String, String>) -> Result<Vec<PathBuf>, String> {
    if driver != "overlay2" {
        return Err(format!("the storage driver is {driver}, not overlay2"));
    }
    let upper = data
        .get("UpperDir")
        .ok_or("the container's overlay2 data has no UpperDir")?;
    let mut dirs = vec![PathBuf::from(upper)];
    if let Some(lower) = data.get("LowerDir") {
        dirs.extend(
            lower
                .split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        );
    }
    for d in &dirs {
        std::fs::read_dir(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    if !can_read_trusted_xattrs() {
        return Err("reading overlay opaque markers needs CAP_SYS_ADMIN (run as root)".into());
    }
    Ok(dirs)
}

/// `trusted.*` attributes are invisible without CAP_SYS_ADMIN; an opaque directory would
/// then silently look merged.
fn can_read_trusted_xattrs() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|h| u64::from_str_radix(h.trim(), 16).ok())
        })
        .is_some_and(|caps| caps & (1 << 21) != 0)
}

/// What a local walk gives besides its entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalWalk {
    pub entries: u64,
    /// Mounts (by index) under the root whose source is not on this disk.
    pub missing_mounts: Vec<usize>,
    /// Sockets left out (the archive endpoint leaves them out too).
    pub sockets: u64,
}

/// Walks `path` of the container whose layers are `layers`, calling `sink` with each entry
/// (paths relative to `path`, as the archive walk gives them).
pub fn walk(
    layers: &[PathBuf],
    path: &str,
    mounts: &[Mount],
    ctl: &Control,
    sink: &mut dyn FnMut(Entry),
) -> Result<LocalWalk, FilesError> {
    let resolver = Resolver::new(layers, mounts).map_err(|d| local(path.as_bytes(), d))?;
    let (root_path, item) = resolver.resolve(path.as_bytes())?;
    let mut w = Walker {
        resolver: &resolver,
        ctl,
        sink,
        inodes: HashMap::new(),
        kept: 0,
        out: LocalWalk::default(),
    };
    w.emit(&[], &item)?;
    if let Some(view) = &item.dir {
        let mut rel = Vec::new();
        w.dir(view, &root_path, &mut rel)?;
    }
    for (i, m) in mounts.iter().enumerate() {
        let under = resolver.container_under(&root_path, &m.destination);
        if under && m.host_path.is_none() && m.kind != MountKind::Tmpfs {
            w.out.missing_mounts.push(i);
        }
    }
    Ok(w.out)
}

struct Walker<'a> {
    resolver: &'a Resolver<'a>,
    ctl: &'a Control,
    sink: &'a mut dyn FnMut(Entry),
    inodes: HashMap<(u64, u64), Vec<u8>>,
    /// Bytes of small files kept so far (bounded like the archive walk's).
    kept: u64,
    out: LocalWalk,
}

impl Walker<'_> {
    fn dir(&mut self, view: &View, at: &[u8], rel: &mut Vec<u8>) -> Result<(), FilesError> {
        let names = view.list().map_err(|d| local(at, d))?;
        for (name, layer) in names {
            if self.ctl.is_cancelled() {
                return Err(FilesError::Cancelled {
                    entries: self.out.entries,
                });
            }
            let mut child_at = at.to_vec();
            if child_at.last() != Some(&b'/') {
                child_at.push(b'/');
            }
            child_at.extend_from_slice(&name);
            let item = match self.resolver.mounted(&child_at) {
                Some(item) => Some(item.map_err(|d| local(&child_at, d))?),
                None => view
                    .lookup_from(&name, layer)
                    .map_err(|d| local(&child_at, d))?,
            };
            let Some(item) = item else { continue };
            let len = rel.len();
            if !rel.is_empty() {
                rel.push(b'/');
            }
            rel.extend_from_slice(&name);
            let keep = self.emit(rel, &item)?;
            if let (true, Some(sub)) = (keep, &item.dir) {
                self.dir(sub, &child_at, rel)?;
            }
            rel.truncate(len);
        }
        Ok(())
    }

    /// Sends one entry; false when it is left out (a socket).
    fn emit(&mut self, rel: &[u8], item: &Item) -> Result<bool, FilesError> {
        let Some(mut e) = entry_of(rel, item, Some(&mut self.inodes))? else {
            self.out.sockets += 1;
            return Ok(false);
        };
        let name = rel.rsplit(|b| *b == b'/').next().unwrap_or_default();
        if e.kind == Kind::File
            && super::walk::keep_content(name, e.size)
            && self.kept.saturating_add(e.size) <= super::walk::KEEP_TOTAL
        {
            e.content = item.read(super::walk::KEEP_MAX).ok();
            self.kept += e.size;
        }
        (self.sink)(e);
        self.out.entries += 1;
        self.ctl.entry();
        Ok(true)
    }
}

/// The entry an item makes at `rel`: its kind, mode, owner, size, link target or device
/// numbers; `None` for a socket (the archive endpoint leaves them out). With `inodes`, a
/// second name of a file seen before is a hard link to the first.
pub(crate) fn entry_of(
    rel: &[u8],
    item: &Item,
    inodes: Option<&mut HashMap<(u64, u64), Vec<u8>>>,
) -> Result<Option<Entry>, FilesError> {
    let md = &item.md;
    let mut link = None;
    let mut device = None;
    let mut size = 0;
    let kind = match md.kind {
        FileType::Directory => Kind::Dir,
        FileType::Symlink => {
            link = Some(item.read_link().map_err(|d| local(rel, d))?);
            Kind::Symlink
        }
        FileType::RegularFile => {
            let key = (md.dev, md.ino);
            match (md.nlink > 1, inodes) {
                (true, Some(seen)) => match seen.get(&key) {
                    Some(first) => {
                        link = Some(first.clone());
                        Kind::Hardlink
                    }
                    None => {
                        seen.insert(key, rel.to_vec());
                        size = md.size;
                        Kind::File
                    }
                },
                _ => {
                    size = md.size;
                    Kind::File
                }
            }
        }
        FileType::CharacterDevice => {
            device = Some(dev_numbers(md.rdev));
            Kind::CharDevice
        }
        FileType::BlockDevice => {
            device = Some(dev_numbers(md.rdev));
            Kind::BlockDevice
        }
        FileType::Fifo => Kind::Fifo,
        FileType::Socket => return Ok(None),
        _ => Kind::Other,
    };
    let mut e = Entry::new(rel, kind, md.mode, md.uid, md.gid, size);
    e.link = link;
    e.device = device;
    Ok(Some(e))
}

/// One regular file's bytes (at most `max`), `None` when the path is not a regular file.
pub fn read_file(
    layers: &[PathBuf],
    mounts: &[Mount],
    path: &str,
    max: u64,
) -> Result<Option<Vec<u8>>, FilesError> {
    let resolver = Resolver::new(layers, mounts).map_err(|d| local(path.as_bytes(), d))?;
    let (_, item) = resolver.resolve(path.as_bytes())?;
    if item.md.kind != FileType::RegularFile {
        return Ok(None);
    }
    item.read(max)
        .map(Some)
        .map_err(|d| local(path.as_bytes(), d))
}

/// The entry of `path` itself (its kind, mode, owner), as the archive's first header.
pub fn first_entry(
    layers: &[PathBuf],
    mounts: &[Mount],
    path: &str,
) -> Result<Option<Entry>, FilesError> {
    let resolver = Resolver::new(layers, mounts).map_err(|d| local(path.as_bytes(), d))?;
    let (_, item) = resolver.resolve(path.as_bytes())?;
    entry_of(b"", &item, None)
}

/// Linux's `dev_t` encoding → (major, minor).
fn dev_numbers(rdev: u64) -> (u32, u32) {
    let major = ((rdev >> 8) & 0xfff) | ((rdev >> 32) & !0xfff);
    let minor = (rdev & 0xff) | ((rdev >> 12) & !0xff);
    (major as u32, minor as u32)
}

fn local(path: &[u8], detail: String) -> FilesError {
    FilesError::Local {
        path: super::escape::escape(path).into_owned(),
        detail,
    }
}
