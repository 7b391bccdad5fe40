//! Streams a whole image archive (`docker save`, the Engine's export, or an OCI layout tar):
//! every layer blob is parsed as it passes, small JSON members are kept, and nothing of a
//! layer's bytes is buffered. Mapping blobs to the image's layers happens afterwards
//! (see `layout`), because blobs may come before `manifest.json`.

use super::LayersError;
use super::control::{Control, Meter, Phase};
use super::entries::LayerContents;
use super::paths::PathArena;
use super::tarwalk::{self, CANCELLED};
use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Members larger than this are never kept as JSON.
const MAX_JSON: u64 = 64 << 20;

/// One layer blob found in the archive.
#[derive(Debug)]
pub struct Blob {
    pub contents: LayerContents,
    /// sha256 of the uncompressed tar, computed only when the member name did not say.
    pub diff_id: Option<String>,
}

/// What a pass over an image archive found, keyed by member path (`abc/layer.tar`,
/// `blobs/sha256/<hex>`).
#[derive(Debug, Default)]
pub struct Scan {
    pub arena: PathArena,
    pub blobs: HashMap<String, Blob>,
    pub json: HashMap<String, Vec<u8>>,
}

/// Reads an image archive from `r`. `total` is the expected byte count, for progress.
pub fn scan<R: Read>(r: R, total: Option<u64>, ctl: &Control) -> Result<Scan, LayersError> {
    let mut meter = Meter::new(Phase::Export, total, None);
    let counted = Counting {
        inner: r,
        n: meter.byte_counter(),
    };
    let mut outer = tar::Archive::new(counted);
    let mut scan = Scan::default();
    let corrupt = |d: String| LayersError::CorruptArchive {
        image: String::new(),
        detail: d,
    };
    let entries = outer.entries().map_err(|e| corrupt(e.to_string()))?;
    for member in entries {
        if ctl.is_cancelled() {
            return Err(tarwalk::layer_error("", CANCELLED.into()));
        }
        let mut member = member.map_err(|e| corrupt(e.to_string()))?;
        if member.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let name = String::from_utf8_lossy(&member.path_bytes()).into_owned();
        let name = name.trim_start_matches("./").to_string();
        let size = member.size();
        let mut head = Vec::with_capacity(512);
        (&mut member)
            .take(512)
            .read_to_end(&mut head)
            .map_err(|e| corrupt(format!("{name}: {e}")))?;
        // An empty layer is a tar of only zero blocks: no magic to see, still a layer.
        let empty_tar = head.len() == 512 && head.iter().all(|&b| b == 0);
        if tarwalk::looks_like_tar(&head)
            || empty_tar
            || tarwalk::Compression::sniff(&head) != tarwalk::Compression::None
        {
            let hash = !name_says_digest(&name);
            let (contents, diff_id) = tarwalk::read_layer_blob(
                &head,
                &mut member,
                hash,
                &mut scan.arena,
                ctl,
                &mut meter,
            )
            .map_err(|d| tarwalk::layer_error(&name, d))?;
            scan.blobs.insert(name, Blob { contents, diff_id });
            meter.layer_done(ctl);
        } else if is_json(&head) && size <= MAX_JSON {
            let mut buf = head;
            member
                .read_to_end(&mut buf)
                .map_err(|e| corrupt(format!("{name}: {e}")))?;
            scan.json.insert(name, buf);
        } else if size == 0 && name.ends_with("layer.tar") {
            // An empty layer written as a zero-byte file.
            scan.blobs.insert(
                name,
                Blob {
                    contents: LayerContents::default(),
                    diff_id: None,
                },
            );
        }
        meter.entry(ctl);
    }
    Ok(scan)
}

/// Is the member named after its digest (so its uncompressed digest need not be computed)?
/// `<id>/layer.tar` members are mapped through `manifest.json` by name too.
fn name_says_digest(name: &str) -> bool {
    name.ends_with("/layer.tar") || name.starts_with("blobs/")
}

fn is_json(head: &[u8]) -> bool {
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{' || b == b'[')
}

struct Counting<R> {
    inner: R,
    n: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
