//! One directory of the union an overlay2 container sees: the same directory in each layer
//! that has it (top first), merged the way overlayfs merges them — the top-most layer that
//! has a name decides; a whiteout (a 0/0 character device) hides the name below; an opaque
//! directory (`trusted.overlay.opaque=y`) hides everything below it. A mount's source is a
//! plain directory (one "layer", no whiteouts).
//!
//! Lookups are relative to open directories (`openat`, `fstatat`, `getdents`): one path
//! component each, not a walk of `/var/lib/docker/overlay2/<id>/diff/…` per entry.

use std::collections::BTreeMap;
use std::os::fd::OwnedFd;
use std::path::Path;
use std::sync::Arc;

use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, Stat, fgetxattr, openat, statat};
use rustix::io::Errno;

/// The metadata of an entry, as `lstat` gives it.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    pub kind: FileType,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u64,
    pub rdev: u64,
    pub dev: u64,
    pub ino: u64,
    pub nlink: u64,
}

impl From<Stat> for Meta {
    #[allow(clippy::unnecessary_cast)]
    fn from(s: Stat) -> Meta {
        Meta {
            kind: FileType::from_raw_mode(s.st_mode as _),
            mode: s.st_mode as u32,
            uid: s.st_uid as u32,
            gid: s.st_gid as u32,
            size: s.st_size.max(0) as u64,
            rdev: s.st_rdev as u64,
            dev: s.st_dev as u64,
            ino: s.st_ino as u64,
            nlink: s.st_nlink as u64,
        }
    }
}

/// A directory of the union.
#[derive(Debug, Clone)]
pub struct View {
    /// The directory in each layer that has it, top first.
    pub dirs: Vec<Arc<OwnedFd>>,
    /// Whether whiteouts and opaque markers apply (false for a mount's source).
    pub overlay: bool,
}

/// A name found in a view: its metadata (from the top-most layer), the directory it is in
/// and its name there (to read a link or a small file), and for a directory the view below.
#[derive(Debug)]
pub struct Item {
    pub md: Meta,
    pub parent: Arc<OwnedFd>,
    pub name: Vec<u8>,
    pub dir: Option<View>,
}

fn is_whiteout(md: &Meta) -> bool {
    md.kind == FileType::CharacterDevice && md.rdev == 0
}

/// Does this open directory carry overlayfs' opaque marker?
pub fn is_opaque(dir: &OwnedFd) -> bool {
    let mut buf = [0u8; 4];
    ["trusted.overlay.opaque", "user.overlay.opaque"]
        .iter()
        .any(|k| matches!(fgetxattr(dir, *k, &mut buf[..]), Ok(n) if buf.get(..n) == Some(b"y".as_slice())))
}

fn lstat_at(dir: &OwnedFd, name: &[u8]) -> Result<Option<Meta>, Errno> {
    match statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(s) => Ok(Some(s.into())),
        Err(Errno::NOENT) | Err(Errno::NOTDIR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens a directory below `dir` for lookups.
pub fn open_dir_at(dir: &OwnedFd, name: &[u8]) -> Result<OwnedFd, Errno> {
    openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
        Mode::empty(),
    )
}

/// Opens a directory on the host (a layer, a mount's source).
pub fn open_dir(path: &Path) -> Result<OwnedFd, String> {
    rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| format!("{}: {e}", path.display()))
}

fn err(name: &[u8], e: Errno) -> String {
    format!("{}: {e}", String::from_utf8_lossy(name))
}

impl View {
    /// The view of a plain directory (a mount's source).
    pub fn plain(dir: OwnedFd) -> View {
        View {
            dirs: vec![Arc::new(dir)],
            overlay: false,
        }
    }

    /// The item `name` names here, found from layer `from` down; `None` when absent or
    /// whited out.
    pub fn lookup_from(&self, name: &[u8], from: usize) -> Result<Option<Item>, String> {
        for (i, d) in self.dirs.iter().enumerate().skip(from) {
            let Some(md) = lstat_at(d, name).map_err(|e| err(name, e))? else {
                continue;
            };
            if self.overlay && is_whiteout(&md) {
                return Ok(None);
            }
            let item = |dir| Item {
                md,
                parent: d.clone(),
                name: name.to_vec(),
                dir,
            };
            if md.kind != FileType::Directory {
                return Ok(Some(item(None)));
            }
            let top = open_dir_at(d, name).map_err(|e| err(name, e))?;
            let opaque = self.overlay && is_opaque(&top);
            let mut dirs = vec![Arc::new(top)];
            if self.overlay && !opaque {
                for lower in &self.dirs[i + 1..] {
                    match lstat_at(lower, name).map_err(|e| err(name, e))? {
                        None => continue,
                        Some(m) if m.kind == FileType::Directory => {
                            let fd = open_dir_at(lower, name).map_err(|e| err(name, e))?;
                            let opaque = is_opaque(&fd);
                            dirs.push(Arc::new(fd));
                            if opaque {
                                break;
                            }
                        }
                        Some(_) => break,
                    }
                }
            }
            return Ok(Some(item(Some(View {
                dirs,
                overlay: self.overlay,
            }))));
        }
        Ok(None)
    }

    pub fn lookup(&self, name: &[u8]) -> Result<Option<Item>, String> {
        self.lookup_from(name, 0)
    }

    /// The visible names in byte order, each with the index of the top-most layer that has
    /// it (whited-out names left out).
    pub fn list(&self) -> Result<BTreeMap<Vec<u8>, usize>, String> {
        let mut seen: BTreeMap<Vec<u8>, (usize, bool)> = BTreeMap::new();
        for (i, d) in self.dirs.iter().enumerate() {
            let entries = Dir::read_from(d).map_err(|e| format!("reading a folder: {e}"))?;
            for ent in entries {
                let ent = ent.map_err(|e| format!("reading a folder: {e}"))?;
                let name = ent.file_name().to_bytes();
                if name == b"." || name == b".." || seen.contains_key(name) {
                    continue;
                }
                let whiteout = self.overlay
                    && matches!(
                        ent.file_type(),
                        FileType::CharacterDevice | FileType::Unknown
                    )
                    && lstat_at(d, name)
                        .ok()
                        .flatten()
                        .is_some_and(|m| is_whiteout(&m));
                seen.insert(name.to_vec(), (i, whiteout));
            }
        }
        Ok(seen
            .into_iter()
            .filter(|(_, (_, w))| !w)
            .map(|(n, (i, _))| (n, i))
            .collect())
    }
}

impl Item {
    /// The item a host path names (a mount's source), following symlinks as a mount does.
    pub fn at_host(path: &Path) -> Result<Option<Item>, String> {
        use std::os::unix::ffi::OsStrExt;
        let parent = path.parent().unwrap_or(Path::new("/"));
        let name = path.file_name().map_or(b".".as_slice(), |n| n.as_bytes());
        let pfd = match rustix::fs::open(
            parent,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        ) {
            Ok(fd) => fd,
            Err(Errno::NOENT) => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", parent.display())),
        };
        let md: Meta = match statat(&pfd, name, AtFlags::empty()) {
            Ok(s) => s.into(),
            Err(Errno::NOENT) => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let dir = if md.kind == FileType::Directory {
            Some(View::plain(open_dir(path)?))
        } else {
            None
        };
        Ok(Some(Item {
            md,
            parent: Arc::new(pfd),
            name: name.to_vec(),
            dir,
        }))
    }

    /// A symlink's target.
    pub fn read_link(&self) -> Result<Vec<u8>, String> {
        rustix::fs::readlinkat(&*self.parent, self.name.as_slice(), Vec::new())
            .map(|t| t.into_bytes())
            .map_err(|e| err(&self.name, e))
    }

    /// Up to `max` bytes of a regular file.
    pub fn read(&self, max: u64) -> Result<Vec<u8>, String> {
        use std::io::Read;
        let fd = openat(
            &*self.parent,
            self.name.as_slice(),
            OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
            Mode::empty(),
        )
        .map_err(|e| err(&self.name, e))?;
        let mut buf = Vec::new();
        std::fs::File::from(fd)
            .take(max)
            .read_to_end(&mut buf)
            .map_err(|e| err(&self.name, Errno::from_io_error(&e).unwrap_or(Errno::IO)))?;
        Ok(buf)
    }
}
