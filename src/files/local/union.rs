//! One directory of the union an overlay2 container sees: the same directory in each layer
//! that has it (top first), merged the way overlayfs merges them — the top-most layer that
//! has a name decides; a whiteout (a 0/0 character device) hides the name below; an opaque
//! directory (`trusted.overlay.opaque=y`) hides everything below it. A mount's source is a
//! plain directory (one "layer", no whiteouts).

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs::{self, Metadata};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

/// A directory of the union.
#[derive(Debug, Clone)]
pub struct View {
    /// The directory in each layer that has it, top first.
    pub dirs: Vec<PathBuf>,
    /// Whether whiteouts and opaque markers apply (false for a mount's source).
    pub overlay: bool,
}

/// A name found in a view: its metadata (from the top-most layer) and, for a directory, the
/// view below it; otherwise the host path of the file.
#[derive(Debug)]
pub struct Item {
    pub md: Metadata,
    pub host: PathBuf,
    pub dir: Option<View>,
}

fn is_whiteout(md: &Metadata) -> bool {
    md.file_type().is_char_device() && md.rdev() == 0
}

pub fn is_opaque(dir: &Path) -> bool {
    ["trusted.overlay.opaque", "user.overlay.opaque"]
        .iter()
        .any(|k| matches!(xattr::get(dir, k), Ok(Some(v)) if v.as_slice() == b"y"))
}

fn lstat(p: &Path) -> io::Result<Option<Metadata>> {
    match fs::symlink_metadata(p) {
        Ok(md) => Ok(Some(md)),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn err(p: &Path, e: io::Error) -> String {
    format!("{}: {e}", p.display())
}

impl View {
    /// The view of a plain directory (a mount's source).
    pub fn plain(dir: PathBuf) -> View {
        View {
            dirs: vec![dir],
            overlay: false,
        }
    }

    /// The item `name` names here, found from layer `from` down; `None` when absent or
    /// whited out.
    pub fn lookup_from(&self, name: &[u8], from: usize) -> Result<Option<Item>, String> {
        let name = OsStr::from_bytes(name);
        for (i, d) in self.dirs.iter().enumerate().skip(from) {
            let p = d.join(name);
            let Some(md) = lstat(&p).map_err(|e| err(&p, e))? else {
                continue;
            };
            if self.overlay && is_whiteout(&md) {
                return Ok(None);
            }
            if !md.is_dir() {
                return Ok(Some(Item {
                    md,
                    host: p,
                    dir: None,
                }));
            }
            let mut dirs = vec![p.clone()];
            if self.overlay && !is_opaque(&p) {
                for lower in &self.dirs[i + 1..] {
                    let q = lower.join(name);
                    match lstat(&q).map_err(|e| err(&q, e))? {
                        None => continue,
                        Some(m) if m.is_dir() => {
                            let opaque = is_opaque(&q);
                            dirs.push(q);
                            if opaque {
                                break;
                            }
                        }
                        Some(_) => break,
                    }
                }
            }
            return Ok(Some(Item {
                md,
                host: p,
                dir: Some(View {
                    dirs,
                    overlay: self.overlay,
                }),
            }));
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
            let rd = fs::read_dir(d).map_err(|e| err(d, e))?;
            for ent in rd {
                let ent = ent.map_err(|e| err(d, e))?;
                let name = ent.file_name().as_bytes().to_vec();
                if seen.contains_key(&name) {
                    continue;
                }
                let whiteout = self.overlay
                    && ent.file_type().is_ok_and(|t| t.is_char_device())
                    && fs::symlink_metadata(ent.path()).is_ok_and(|m| is_whiteout(&m));
                seen.insert(name, (i, whiteout));
            }
        }
        Ok(seen
            .into_iter()
            .filter(|(_, (_, w))| !w)
            .map(|(n, (i, _))| (n, i))
            .collect())
    }
}
