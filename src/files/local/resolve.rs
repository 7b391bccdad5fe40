//! Finds a container path in the union of its layers and mounts the way the engine resolves
//! an archive request: every component but the last is followed when it is a symlink
//! (within the container's root, at most 40 times), the last one is not; `..` never climbs
//! above `/`; a mount's destination switches to the mount's source.

use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::sync::Arc;

use rustix::fs::FileType;

use super::union::{Item, Meta, View, open_dir};
use crate::files::entry::{components, normalize};
use crate::files::error::FilesError;
use crate::files::mounts::{Mount, MountKind};

const MAX_LINKS: usize = 40;

pub struct Resolver<'a> {
    /// Every layer's root, opened once, top first.
    layers: Vec<Arc<OwnedFd>>,
    mounts: &'a [Mount],
    /// Normalised destinations of the mounts whose sources are on this disk.
    dests: Vec<(Vec<u8>, usize)>,
}

impl<'a> Resolver<'a> {
    pub fn new(layers: &[PathBuf], mounts: &'a [Mount]) -> Result<Resolver<'a>, String> {
        let layers = layers
            .iter()
            .map(|l| open_dir(l).map(Arc::new))
            .collect::<Result<Vec<_>, String>>()?;
        if layers.is_empty() {
            return Err("no layer directories".into());
        }
        let dests = mounts
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind != MountKind::Tmpfs && m.host_path.is_some())
            .map(|(i, m)| (normalize(m.destination.as_bytes()), i))
            .collect();
        Ok(Resolver {
            layers,
            mounts,
            dests,
        })
    }

    fn root(&self) -> Result<Item, String> {
        let top = self.layers.first().ok_or("no layer directories")?;
        let md: Meta = rustix::fs::fstat(&**top)
            .map_err(|e| format!("the top layer: {e}"))?
            .into();
        Ok(Item {
            md,
            parent: top.clone(),
            name: b".".to_vec(),
            dir: Some(View {
                dirs: self.layers.clone(),
                overlay: true,
            }),
        })
    }

    /// The item of a mount whose destination is exactly `at` and whose source is on this
    /// disk (a tmpfs, or a source elsewhere, shows the layers' directory instead).
    pub fn mounted(&self, at: &[u8]) -> Option<Result<Item, String>> {
        if self.dests.is_empty() {
            return None;
        }
        let at = normalize(at);
        let (_, i) = self.dests.iter().rev().find(|(d, _)| *d == at)?;
        let host = PathBuf::from(self.mounts.get(*i)?.host_path.as_deref()?);
        // A source that is gone (an engine file of a container never started): the engine
        // shows the layers' entry there too.
        Item::at_host(&host).transpose()
    }

    /// Is the container path `dest` at or below `root` (both absolute)?
    pub fn container_under(&self, root: &[u8], dest: &str) -> bool {
        let (r, d) = (normalize(root), normalize(dest.as_bytes()));
        r.is_empty() || d == r || d.starts_with(&[r.as_slice(), b"/"].concat())
    }

    /// The resolved container path (no symlink in it) and the item it names.
    pub fn resolve(&self, path: &[u8]) -> Result<(Vec<u8>, Item), FilesError> {
        let shown = String::from_utf8_lossy(path).into_owned();
        let fail = |detail: String| FilesError::Local {
            path: shown.clone(),
            detail,
        };
        let missing = || FilesError::NoSuchPath {
            target: "the container".into(),
            path: shown.clone(),
        };
        let mut todo: Vec<Vec<u8>> = components(path).rev().map(<[u8]>::to_vec).collect();
        let mut done: Vec<Vec<u8>> = Vec::new();
        let mut item = self.root().map_err(fail)?;
        let mut links = 0;
        while let Some(c) = todo.pop() {
            if c == b"." {
                continue;
            }
            if c == b".." {
                done.pop();
                item = self.walk_to(&done).map_err(fail)?.ok_or_else(missing)?;
                continue;
            }
            let view = item.dir.as_ref().ok_or_else(missing)?;
            let at = join(&done, &c);
            let found = match self.mounted(&at) {
                Some(m) => m.map_err(fail)?,
                None => view.lookup(&c).map_err(fail)?.ok_or_else(missing)?,
            };
            if found.md.kind == FileType::Symlink && !todo.is_empty() {
                links += 1;
                if links > MAX_LINKS {
                    return Err(fail("too many levels of symbolic links".into()));
                }
                let target = found.read_link().map_err(fail)?;
                let t = target.as_slice();
                if t.starts_with(b"/") {
                    done.clear();
                    item = self.root().map_err(fail)?;
                }
                todo.extend(components(t).rev().map(<[u8]>::to_vec));
                continue;
            }
            done.push(c);
            item = found;
        }
        Ok((join(&done, b""), item))
    }

    /// The item at a symlink-free component list, from the root.
    fn walk_to(&self, comps: &[Vec<u8>]) -> Result<Option<Item>, String> {
        let mut item = self.root()?;
        for (i, c) in comps.iter().enumerate() {
            let at = join(&comps[..i], c);
            let next = match self.mounted(&at) {
                Some(m) => Some(m?),
                None => match &item.dir {
                    Some(v) => v.lookup(c)?,
                    None => None,
                },
            };
            match next {
                Some(n) => item = n,
                None => return Ok(None),
            }
        }
        Ok(Some(item))
    }
}

/// `/a/b` + `c` → `/a/b/c` (an empty `last` gives `/a/b`; nothing gives `/`).
fn join(done: &[Vec<u8>], last: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in done
        .iter()
        .map(Vec::as_slice)
        .chain((!last.is_empty()).then_some(last))
    {
        out.push(b'/');
        out.extend_from_slice(c);
    }
    if out.is_empty() {
        out.push(b'/');
    }
    out
}
