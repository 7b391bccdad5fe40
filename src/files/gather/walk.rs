//! The walk of one path: the local overlay2 layers when the prepared target allows it, else
//! the archive stream; every entry goes to the sink as it comes.

use super::{Prepared, Source, ViaChoice};
use crate::files::entry::Entry;
use crate::files::error::FilesError;
use crate::files::facts::Via;
use crate::files::walk::{Control, read_tar};

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
        return match crate::files::local::walk(layers, path, mounts, ctl, &mut counted) {
            Ok(w) => Ok(WalkMeta {
                via: Via::Local,
                fallback: None,
                incomplete: None,
                missing_mounts: w.missing_mounts,
            }),
            // The layers know no name: the path is missing in what the user named.
            Err(FilesError::NoSuchPath { path, .. }) if seen == 0 => Err(FilesError::NoSuchPath {
                target: src.label(),
                path,
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
