//! The local fast path: walks an image's overlay2 `diff` directories with metadata only (no
//! file is opened), giving the same entries as the layer tars the Engine would export:
//! whiteouts are 0/0 character devices, opaque directories carry `trusted.overlay.opaque=y`
//! (`user.overlay.opaque` with `userxattr`), hard links are found by inode, names are walked
//! in byte order as Docker's tar writer does.

use super::control::{Control, Meter, Phase};
use super::entries::{EntryKind, LayerContents, RawEntry};
use super::paths::PathArena;
use super::quick::GraphDriver;
use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

/// Why the local path cannot be used (the caller falls back to the export).
pub type Unavailable = String;

/// The layer directories of an image, bottom first, if the driver is overlay2 and they are
/// readable with the rights needed to see opaque markers.
pub fn layer_dirs(
    driver: Option<&GraphDriver>,
    layers: usize,
) -> Result<Vec<PathBuf>, Unavailable> {
    let g = driver.ok_or("the daemon did not report a storage driver")?;
    if g.name != "overlay2" {
        return Err(format!("the storage driver is {}, not overlay2", g.name));
    }
    let upper = g
        .data
        .get("UpperDir")
        .ok_or("overlay2 data has no UpperDir")?;
    let mut dirs: Vec<PathBuf> = g
        .data
        .get("LowerDir")
        .map(|l| {
            l.split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default();
    dirs.reverse();
    dirs.push(PathBuf::from(upper));
    if dirs.len() != layers {
        return Err(format!(
            "{} layer directories for {layers} layers",
            dirs.len()
        ));
    }
    for d in &dirs {
        let md = fs::metadata(d).map_err(|e| format!("{}: {e}", d.display()))?;
        if !md.is_dir() {
            return Err(format!("{} is not a directory", d.display()));
        }
        fs::read_dir(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    if !can_read_trusted_xattrs() {
        return Err("reading overlay opaque markers needs CAP_SYS_ADMIN (run as root)".into());
    }
    Ok(dirs)
}

/// `trusted.*` extended attributes are invisible without CAP_SYS_ADMIN: without it an opaque
/// directory would silently look normal.
fn can_read_trusted_xattrs() -> bool {
    let Ok(status) = fs::read_to_string("/proc/self/status") else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .is_some_and(|caps| caps & (1 << 21) != 0)
}

/// Walks the directories (bottom layer first) into one [`LayerContents`] each.
pub fn walk(
    dirs: &[PathBuf],
    arena: &mut PathArena,
    ctl: &Control,
) -> Result<Vec<LayerContents>, String> {
    let mut meter = Meter::new(Phase::LocalWalk, None, Some(dirs.len()));
    let mut out = Vec::with_capacity(dirs.len());
    for d in dirs {
        let mut layer = LayerContents::default();
        let mut w = Walker {
            arena,
            layer: &mut layer,
            inodes: HashMap::new(),
            ctl,
            meter: &mut meter,
        };
        if is_opaque(d) {
            w.push(
                b"",
                EntryKind::Opaque,
                &fs::symlink_metadata(d).map_err(|e| e.to_string())?,
                None,
            );
        }
        w.dir(d, &mut Vec::new())?;
        out.push(layer);
        meter.layer_done(ctl);
    }
    Ok(out)
}

struct Walker<'a> {
    arena: &'a mut PathArena,
    layer: &'a mut LayerContents,
    /// (dev, inode) → path of the first link seen, for hard links.
    inodes: HashMap<(u64, u64), Vec<u8>>,
    ctl: &'a Control,
    meter: &'a mut Meter,
}

impl Walker<'_> {
    fn dir(&mut self, dir: &Path, rel: &mut Vec<u8>) -> Result<(), String> {
        use std::os::unix::ffi::OsStrExt;
        let mut names: Vec<std::ffi::OsString> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        for name in names {
            if self.ctl.is_cancelled() {
                return Err(super::tarwalk::CANCELLED.into());
            }
            let full = dir.join(&name);
            let md = fs::symlink_metadata(&full).map_err(|e| format!("{}: {e}", full.display()))?;
            let len = rel.len();
            if !rel.is_empty() {
                rel.push(b'/');
            }
            rel.extend_from_slice(name.as_bytes());
            let ft = md.file_type();
            if ft.is_char_device() && md.rdev() == 0 {
                self.push(rel, EntryKind::Whiteout, &md, None);
            } else if ft.is_dir() {
                self.push(rel, EntryKind::Dir, &md, None);
                if is_opaque(&full) {
                    self.push(rel, EntryKind::Opaque, &md, None);
                }
                self.dir(&full, rel)?;
            } else if ft.is_symlink() {
                let target =
                    fs::read_link(&full).map_err(|e| format!("{}: {e}", full.display()))?;
                self.push(
                    rel,
                    EntryKind::Symlink,
                    &md,
                    Some(target.as_os_str().as_bytes()),
                );
            } else if ft.is_file() && md.nlink() > 1 {
                let key = (md.dev(), md.ino());
                match self.inodes.get(&key).cloned() {
                    Some(first) => self.push(rel, EntryKind::Hardlink, &md, Some(&first)),
                    None => {
                        self.inodes.insert(key, rel.clone());
                        self.push(rel, EntryKind::File, &md, None);
                    }
                }
            } else if ft.is_file() {
                self.push(rel, EntryKind::File, &md, None);
            } else {
                self.push(rel, EntryKind::Other, &md, None);
            }
            rel.truncate(len);
        }
        Ok(())
    }

    fn push(&mut self, rel: &[u8], kind: EntryKind, md: &fs::Metadata, link: Option<&[u8]>) {
        let raw = RawEntry {
            path: rel,
            kind,
            size: md.len(),
            uid: md.uid(),
            gid: md.gid(),
            mode: md.mode(),
            link,
        };
        self.layer.push_kind(self.arena, raw);
        self.meter.entry(self.ctl);
    }
}

fn is_opaque(dir: &Path) -> bool {
    ["trusted.overlay.opaque", "user.overlay.opaque"]
        .iter()
        .any(|k| matches!(xattr::get(dir, k), Ok(Some(v)) if v.as_slice() == b"y"))
}
