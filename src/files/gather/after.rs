//! After the walk: the few paths outside the tree that rules ask about, and whether the
//! runtime user can enter the folders above the root; and `collect`, every step in one go
//! for the headless command (the small reads beside the walk, not after it).

use super::{OUTSIDE_MAX, Prepared, Source, ViaChoice, WalkMeta, prepare, walk};
use crate::files::entry::{Entry, Kind};
use crate::files::error::FilesError;
use crate::files::expect::Expectation;
use crate::files::facts::{Outside, Runtime, Walked};
use crate::files::tree::Tree;
use crate::files::walk::{Control, first_entry};
use crate::files::wanted::Wanted;

/// Reads the paths outside the tree (at most [`OUTSIDE_MAX`]): `full` ones entirely (kind,
/// mode, owner: the expectations'), `exists` ones only as far as they exist (kind and
/// mode, the owner left 0: the Python rules'). A path that cannot be read is left out
/// (unknown); one that does not exist maps to `None`.
pub fn outside(
    src: &dyn Source,
    prepared: &Prepared,
    full: &[String],
    exists: &[String],
) -> Outside {
    let mut out = Outside::new();
    let local = prepared.local();
    let mounts = &prepared.runtime.mounts;
    for p in full.iter().take(OUTSIDE_MAX) {
        let read = match local {
            Some(layers) => crate::files::local::first_entry(layers, mounts, p),
            None => src.archive(p).and_then(first_entry),
        };
        keep(&mut out, p, read);
    }
    let exists: Vec<&String> = exists
        .iter()
        .filter(|p| !out.contains_key(*p))
        .take(OUTSIDE_MAX)
        .collect();
    for p in exists {
        let read = match local {
            Some(layers) => crate::files::local::first_entry(layers, mounts, p),
            None => src
                .stat(p)
                .map(|s| s.map(|(kind, perm)| Entry::new(b"", kind, perm, 0, 0, 0))),
        };
        keep(&mut out, p, read);
    }
    out
}

fn keep(out: &mut Outside, p: &str, read: Result<Option<Entry>, FilesError>) {
    match read {
        Ok(e) => {
            out.insert(p.to_string(), e);
        }
        Err(FilesError::NoSuchPath { .. }) => {
            out.insert(p.to_string(), None);
        }
        Err(_) => {}
    }
}

/// The folders above `path` (`/` for `/app`), for the reach check.
pub fn ancestors(path: &str) -> Vec<String> {
    let comps: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    (0..comps.len())
        .map(|i| format!("/{}", comps[..i].join("/")))
        .collect()
}

/// Can the runtime user enter every folder above `path`? Through the archive endpoint only
/// the modes are asked for (a `HEAD` each), the owner taken as root, as it nearly always
/// is; unknown folders count as enterable.
pub fn reach(src: &dyn Source, prepared: &Prepared, path: &str) -> bool {
    let dirs = ancestors(path);
    let seen = outside(src, prepared, &[], &dirs);
    let who = &prepared.runtime.user.id;
    dirs.iter().all(|d| match seen.get(d) {
        Some(Some(e)) if e.kind == Kind::Dir || e.kind == Kind::Symlink => {
            crate::files::access::access(who, Kind::Dir, e.uid, e.gid, e.perm).exec
        }
        Some(Some(_)) => false,
        _ => true,
    })
}

/// The walked part from a tree and how the walk went: mounts marked, the outside paths and
/// the reach of the folders above (read by the caller, or here when `None`).
pub fn finish(
    src: &dyn Source,
    prepared: &Prepared,
    mut tree: Tree,
    meta: WalkMeta,
    wanted: &Wanted,
    early: Option<(Outside, bool)>,
) -> Walked {
    let not_in_tree = crate::files::mounts::mark(&mut tree, &prepared.runtime.mounts);
    let root = tree.root().to_string();
    let mut w = Walked::new(tree, meta.via);
    w.incomplete = meta.incomplete;
    w.missing_mounts = meta.missing_mounts;
    w.missing_mounts.extend(not_in_tree);
    let (mut seen, reach_root) = early.unwrap_or_else(|| {
        (
            outside(src, prepared, &wanted.full_paths(), &[]),
            reach(src, prepared, &root),
        )
    });
    seen.extend(outside(src, prepared, &[], &wanted.exist_paths()));
    w.outside = seen;
    w.reach_root = reach_root;
    w
}

/// Everything in one go (the headless command): the runtime, then the tree of `path` with
/// its mounts marked, the paths outside it the rules ask about, and the reach of the
/// folders above it (those two beside the walk). `each` sees every entry (for progress).
pub fn collect(
    src: &dyn Source,
    path: &str,
    via: ViaChoice,
    expectations: &[Expectation],
    ctl: &Control,
    each: &mut dyn FnMut(&Entry),
) -> Result<(Runtime, Walked), FilesError> {
    let prepared = prepare(src, via)?;
    let mut tree = Tree::new(path);
    let mut wanted = Wanted::new(path, expectations);
    let full = wanted.full_paths();
    let (meta, early) = std::thread::scope(|s| {
        let early = s.spawn(|| {
            (
                outside(src, &prepared, &full, &[]),
                reach(src, &prepared, path),
            )
        });
        let meta = walk(src, &prepared, path, ctl, &mut |e| {
            each(&e);
            wanted.see(&e);
            tree.insert(e);
        });
        (meta, early.join().ok())
    });
    let walked = finish(src, &prepared, tree, meta?, &wanted, early);
    Ok((prepared.runtime, walked))
}
