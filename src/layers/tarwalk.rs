//! Reads one layer tar as a stream (headers only, file bytes skipped, never buffered) into
//! [`LayerContents`]. Gzip and zstd layers are recognised by their magic bytes.

use super::LayersError;
use super::control::{Control, Meter};
use super::entries::{EntryKind, LayerContents, RawEntry};
use super::paths::PathArena;
use std::io::{self, Read};

/// How a layer blob is compressed, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn sniff(head: &[u8]) -> Self {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// Does this look like the start of a tar stream (ustar/GNU magic at offset 257)?
pub fn looks_like_tar(head: &[u8]) -> bool {
    head.len() >= 262 && &head[257..262] == b"ustar"
}

/// Reads a (possibly compressed) layer stream; `head` holds bytes already read from `rest`.
/// Returns the contents and, when `hash` is set, the sha256 of the uncompressed tar
/// (`sha256:<hex>`, what image configs call a diff_id).
pub(crate) fn read_layer_blob<R: Read>(
    head: &[u8],
    rest: R,
    hash: bool,
    arena: &mut PathArena,
    ctl: &Control,
    meter: &mut Meter,
) -> Result<(LayerContents, Option<String>), String> {
    let raw = io::Cursor::new(head).chain(rest);
    match Compression::sniff(head) {
        Compression::None => read_tar(raw, hash, arena, ctl, meter),
        Compression::Gzip => read_tar(
            flate2::read::MultiGzDecoder::new(raw),
            hash,
            arena,
            ctl,
            meter,
        ),
        Compression::Zstd => {
            let dec = zstd::stream::read::Decoder::new(raw).map_err(|e| e.to_string())?;
            read_tar(dec, hash, arena, ctl, meter)
        }
    }
}

/// Reads an uncompressed layer tar.
pub(crate) fn read_tar<R: Read>(
    r: R,
    hash: bool,
    arena: &mut PathArena,
    ctl: &Control,
    meter: &mut Meter,
) -> Result<(LayerContents, Option<String>), String> {
    let hasher = Hashing {
        inner: r,
        sha: hash.then(sha2::Sha256::default),
    };
    let mut archive = tar::Archive::new(hasher);
    let mut out = LayerContents::default();
    let entries = archive.entries().map_err(|e| e.to_string())?;
    for entry in entries {
        if ctl.is_cancelled() {
            return Err(CANCELLED.into());
        }
        let entry = entry.map_err(|e| describe(&e))?;
        let h = entry.header();
        let kind = match h.entry_type() {
            tar::EntryType::Regular | tar::EntryType::Continuous => EntryKind::File,
            tar::EntryType::Directory => EntryKind::Dir,
            tar::EntryType::Symlink => EntryKind::Symlink,
            tar::EntryType::Link => EntryKind::Hardlink,
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader => continue,
            tar::EntryType::GNULongName | tar::EntryType::GNULongLink => continue,
            _ => EntryKind::Other,
        };
        let path = entry.path_bytes();
        let link = entry.link_name_bytes();
        let raw = RawEntry {
            path: &path,
            kind,
            size: entry.size(),
            uid: h
                .uid()
                .ok()
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0),
            gid: h
                .gid()
                .ok()
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0),
            mode: h.mode().unwrap_or(0),
            link: link.as_deref(),
        };
        out.push_tar(arena, raw);
        meter.entry(ctl);
    }
    // Hash the end-of-archive padding too: the digest covers the whole stream.
    let mut rest = archive.into_inner();
    io::copy(&mut rest, &mut io::sink()).map_err(|e| describe(&e))?;
    let digest = rest.sha.map(|s| {
        use sha2::Digest;
        format!("sha256:{:x}", s.finalize())
    });
    Ok((out, digest))
}

/// Marker text of a cancelled read (turned into [`LayersError::Cancelled`] by callers).
pub const CANCELLED: &str = "cancelled";

/// Maps a read error text to an error, the cancel marker to `Cancelled`.
pub fn layer_error(member: &str, detail: String) -> LayersError {
    if detail == CANCELLED {
        LayersError::Cancelled {
            image: String::new(),
        }
    } else {
        LayersError::CorruptLayer {
            image: String::new(),
            member: member.to_string(),
            detail,
        }
    }
}

fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => format!("unexpected end of data: {e}"),
        _ => e.to_string(),
    }
}

struct Hashing<R> {
    inner: R,
    sha: Option<sha2::Sha256>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(s) = &mut self.sha {
            use sha2::Digest;
            s.update(&buf[..n]);
        }
        Ok(n)
    }
}
