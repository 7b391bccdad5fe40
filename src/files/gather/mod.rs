//! Gathering a target's files from an engine, step by step, over a [`Source`] (the Engine
//! API, or the docker CLI in tests): the runtime part (inspect, `/etc/passwd`,
//! `/etc/group`; here), the walk (`walk`: the local overlay2 layers when usable, else the
//! archive stream; entries go to a sink as they come), then the few paths outside the tree
//! the rules ask about and whether the folders above the root can be entered (`after`).
//! Blocking: run it off the async runtime.

mod after;
mod walk;

pub use after::{ancestors, collect, finish, outside, reach};
pub use walk::{WalkMeta, walk};

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

use super::entry::Kind;
use super::error::FilesError;
use super::facts::{Runtime, RuntimeInput};
use super::walk::{first_entry, read_file};

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

/// What the gatherer needs from an engine. `Sync`: the small reads run side by side.
pub trait Source: Sync {
    /// How errors name what is read: the container's name, or the image.
    fn label(&self) -> String {
        "the container".into()
    }
    fn inspect(&self) -> Result<Inspected, FilesError>;
    /// A tar stream of `path` (the archive endpoint's GET).
    fn archive(&self, path: &str) -> Result<Box<dyn Read + Send>, FilesError>;
    /// The kind and permission bits of `path` (`None`: not there) — the archive endpoint's
    /// `HEAD`, cheaper than a stream; by default the first entry of one.
    fn stat(&self, path: &str) -> Result<Option<(Kind, u32)>, FilesError> {
        match self.archive(path).and_then(first_entry) {
            Ok(e) => Ok(e.map(|e| (e.kind, e.perm))),
            Err(FilesError::NoSuchPath { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
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
    let (passwd, group) = std::thread::scope(|s| {
        let group = s.spawn(|| small_file(src, &p, "/etc/group"));
        let passwd = small_file(src, &p, "/etc/passwd");
        let group = group
            .join()
            .unwrap_or_else(|_| Err("reading /etc/group stopped".into()));
        (passwd, group)
    });
    input.passwd = passwd;
    input.group = group;
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
