//! Gathering a target's files from an engine, step by step, over a [`Source`] (the Engine
//! API, or the docker CLI in tests): the runtime part (inspect, `/etc/passwd`,
//! `/etc/group`), the walk (the local overlay2 layers when usable, else the archive
//! stream; entries go to a sink as they come), then the few paths outside the tree the
//! rules ask about, and whether the folders above the root can be entered.
//! Blocking: run it off the async runtime.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

use super::entry::Entry;
use super::error::FilesError;
use super::facts::{Outside, Runtime, RuntimeInput, Via};
use super::walk::{Control, first_entry, read_file, read_tar};

/// The largest `/etc/passwd` or `/etc/group` read.
pub const ACCOUNTS_MAX: u64 = 4 << 20;
/// The most paths outside the tree read one by one.
pub const OUTSIDE_MAX: usize = 32;

/// What an engine tells about the target before any file is read.
#[derive(Debug, Clone)]
pub struct Inspected {
    /// The container's name (a helper's, for an image).
    pub name: String,
    pub input: RuntimeInput,
    /// The graph driver's name and data, for the local walk.
    pub driver: Option<(String, HashMap<String, String>)>,
    /// Why the local walk may not be used whatever the driver says (a remote engine,
    /// user-namespace remapping), if so.
    pub local_refused: Option<String>,
}

/// What the gatherer needs from an engine.
pub trait Source {
    fn inspect(&self) -> Result<Inspected, FilesError>;
    /// A tar stream of `path` (the archive endpoint's GET).
    fn archive(&self, path: &str) -> Result<Box<dyn Read + Send>, FilesError>;
}

/// Which reader to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViaChoice {
    /// The local walk when usable, else the archive.
    #[default]
    Auto,
    Archive,
    Local,
}

/// The runtime part and how the files are read.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub runtime: Runtime,
    /// The layer directories, or why the local walk cannot be used.
    pub layers: Result<Vec<PathBuf>, String>,
    /// What was asked for.
    pub via: ViaChoice,
}

impl Prepared {
    /// The layers, when the files are read from them (not through the archive endpoint).
    pub fn local(&self) -> Option<&[PathBuf]> {
        match (self.via, &self.layers) {
            (ViaChoice::Archive, _) | (_, Err(_)) => None,
            (_, Ok(l)) => Some(l),
        }
    }
}

/// Inspects the target and reads its accounts files (from the layers when the walk will
/// be local: no request at all).
pub fn prepare(src: &dyn Source, via: ViaChoice) -> Result<Prepared, FilesError> {
    let i = src.inspect()?;
    let layers = match (&i.local_refused, &i.driver) {
        (Some(why), _) => Err(why.clone()),
        (None, None) => Err("the engine reported no storage driver".into()),
        (None, Some((name, data))) => super::local::layers(name, data),
    };
    if let (ViaChoice::Local, Err(why)) = (via, &layers) {
        return Err(FilesError::LocalUnavailable(why.clone()));
    }
    let mut p = Prepared {
        runtime: Runtime::build(i.input.clone()),
        layers,
        via,
    };
    let mut input = i.input;
    input.passwd = small_file(src, &p, "/etc/passwd");
    input.group = small_file(src, &p, "/etc/group");
    p.runtime = Runtime::build(input);
    Ok(p)
}

/// A file's bytes (`Ok(None)` when it is not there).
fn small_file(src: &dyn Source, p: &Prepared, path: &str) -> Result<Option<Vec<u8>>, String> {
    let read = match p.local() {
        Some(layers) => super::local::read_file(layers, &p.runtime.mounts, path, ACCOUNTS_MAX),
        None => src.archive(path).and_then(|r| read_file(r, ACCOUNTS_MAX)),
    };
    match read {
        Ok(bytes) => Ok(bytes),
        Err(FilesError::NoSuchPath { .. }) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// How a walk went, besides its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkMeta {
    pub via: Via,
    /// Why the archive was used when the local walk was wanted (`--via auto`).
    pub fallback: Option<String>,
    /// Why the walk stopped early (what was read is kept).
    pub incomplete: Option<String>,
    pub missing_mounts: Vec<usize>,
}

/// Walks `path`, sending every entry to `sink`. An error before any entry (no such path,
/// the target gone) is returned; one after is `incomplete`.
pub fn walk(
    src: &dyn Source,
    prepared: &Prepared,
    path: &str,
    ctl: &Control,
    sink: &mut dyn FnMut(Entry),
) -> Result<WalkMeta, FilesError> {
    let mounts = &prepared.runtime.mounts;
    let local = prepared.local();
    let fallback = match (prepared.via, &prepared.layers) {
        (ViaChoice::Auto, Err(why)) => Some(why.clone()),
        _ => None,
    };
    if let Some(layers) = local {
        let mut seen = 0u64;
        let mut counted = |e: Entry| {
            seen += 1;
            sink(e)
        };
        return match super::local::walk(layers, path, mounts, ctl, &mut counted) {
            Ok(w) => Ok(WalkMeta {
                via: Via::Local,
                fallback: None,
                incomplete: None,
                missing_mounts: w.missing_mounts,
            }),
            Err(e) if seen == 0 => Err(e),
            Err(e) => Ok(incomplete(Via::Local, None, e)),
        };
    }
    let stream = src.archive(path)?;
    match read_tar(stream, ctl, sink) {
        Ok(_) => Ok(WalkMeta {
            via: Via::Archive,
            fallback,
            incomplete: None,
            missing_mounts: Vec::new(),
        }),
        Err(e) if e.entries() == 0 && !matches!(e, FilesError::Cancelled { .. }) => Err(e),
        Err(e) => Ok(incomplete(Via::Archive, fallback, e)),
    }
}

fn incomplete(via: Via, fallback: Option<String>, e: FilesError) -> WalkMeta {
    WalkMeta {
        via,
        fallback,
        incomplete: Some(e.to_string()),
        missing_mounts: Vec::new(),
    }
}

/// Reads the first entry of each path (at most [`OUTSIDE_MAX`]); a path that cannot be read
/// is left out (unknown), one that does not exist maps to `None`.
pub fn outside(src: &dyn Source, prepared: &Prepared, paths: &[String]) -> Outside {
    let mut out = Outside::new();
    for p in paths.iter().take(OUTSIDE_MAX) {
        let read = match prepared.local() {
            Some(layers) => super::local::first_entry(layers, &prepared.runtime.mounts, p),
            None => src.archive(p).and_then(first_entry),
        };
        match read {
            Ok(e) => {
                out.insert(p.clone(), e);
            }
            Err(FilesError::NoSuchPath { .. }) => {
                out.insert(p.clone(), None);
            }
            Err(_) => {}
        }
    }
    out
}

/// The folders above `path` (`/` for `/app`), for the reach check.
pub fn ancestors(path: &str) -> Vec<String> {
    let comps: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    (0..comps.len())
        .map(|i| format!("/{}", comps[..i].join("/")))
        .collect()
}

/// Can the runtime user enter every folder above `path`? Unknown ones count as enterable.
pub fn reach(src: &dyn Source, prepared: &Prepared, path: &str) -> bool {
    let dirs = ancestors(path);
    let seen = outside(src, prepared, &dirs);
    let who = &prepared.runtime.user.id;
    dirs.iter().all(|d| match seen.get(d) {
        Some(Some(e)) => super::access::access(who, e.kind, e.uid, e.gid, e.perm).exec,
        _ => true,
    })
}

/// Everything in one go (the headless command): the runtime, then the tree of `path` with
/// its mounts marked, the paths outside it the rules ask about, and the reach of the
/// folders above it. `each` sees every entry (for progress).
pub fn collect(
    src: &dyn Source,
    path: &str,
    via: ViaChoice,
    expectations: &[super::expect::Expectation],
    ctl: &Control,
    each: &mut dyn FnMut(&Entry),
) -> Result<(Runtime, super::facts::Walked), FilesError> {
    let prepared = prepare(src, via)?;
    let mut tree = super::tree::Tree::new(path);
    let mut wanted = super::wanted::Wanted::new(path, expectations);
    let meta = walk(src, &prepared, path, ctl, &mut |e| {
        each(&e);
        wanted.see(&e);
        tree.insert(e);
    })?;
    let walked = finish(src, &prepared, tree, meta, &wanted);
    Ok((prepared.runtime, walked))
}

/// The walked part from a tree and how the walk went: mounts marked, outside paths read,
/// the reach of the folders above checked.
pub fn finish(
    src: &dyn Source,
    prepared: &Prepared,
    mut tree: super::tree::Tree,
    meta: WalkMeta,
    wanted: &super::wanted::Wanted,
) -> super::facts::Walked {
    let not_in_tree = super::mounts::mark(&mut tree, &prepared.runtime.mounts);
    let root = tree.root().to_string();
    let mut w = super::facts::Walked::new(tree, meta.via);
    w.incomplete = meta.incomplete;
    w.missing_mounts = meta.missing_mounts;
    w.missing_mounts.extend(not_in_tree);
    w.outside = outside(src, prepared, &wanted.paths());
    w.reach_root = reach(src, prepared, &root);
    w
}
