//! Reads one layer tar as a stream (headers only, file bytes skipped, never buffered) into
//! [`LayerContents`]. Compression (gzip, zstd, xz) is told by magic bytes, never by name.

use super::LayersError;
use super::control::{Control, Meter};
use super::entries::{EntryKind, LayerContents, RawEntry};
use super::paths::PathArena;
use std::io::{self, Read};

/// How a stream is compressed, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    Xz,
    /// Recognised, not read: said so in the error.
    Bzip2,
}

impl Compression {
    pub fn sniff(head: &[u8]) -> Self {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
            Compression::Xz
        } else if head.len() >= 4 && head.starts_with(b"BZh") && head[3].is_ascii_digit() {
            Compression::Bzip2
        } else {
            Compression::None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "uncompressed",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Xz => "xz",
            Compression::Bzip2 => "bzip2",
        }
    }
}

/// The decompressed stream of `r` (whose first bytes told `kind`).
pub(crate) fn decompress<'a, R: Read + 'a>(
    kind: Compression,
    r: R,
) -> Result<Box<dyn Read + 'a>, String> {
    Ok(match kind {
        Compression::None => Box::new(r),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(r)),
        Compression::Zstd => {
            Box::new(zstd::stream::read::Decoder::new(r).map_err(|e| e.to_string())?)
        }
        Compression::Xz => Box::new(liblzma::read::XzDecoder::new_multi_decoder(r)),
        Compression::Bzip2 => {
            return Err(
                "it is compressed with bzip2, which docktor does not read: decompress it first \
                 with `bunzip2 -k FILE`"
                    .into(),
            );
        }
    })
}

/// Reads up to `n` bytes (fewer only at the end of the stream).
pub(crate) fn read_head<R: Read>(r: &mut R, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    r.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Does this look like the start of a tar stream: ustar/GNU magic at offset 257, or a first
/// header whose checksum is right (old v7 tars have no magic)?
pub fn looks_like_tar(head: &[u8]) -> bool {
    if head.get(257..262) == Some(&b"ustar"[..]) {
        return true;
    }
    let Some(block) = head.get(..512) else {
        return false;
    };
    let stored = std::str::from_utf8(&block[148..156])
        .ok()
        .map(|t| t.trim_matches(|c: char| c == '\0' || c == ' '))
        .and_then(|t| u32::from_str_radix(t, 8).ok());
    let sum: u32 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                32
            } else {
                u32::from(b)
            }
        })
        .sum();
    stored == Some(sum) && block.iter().any(|&b| b != 0)
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
    let kind = Compression::sniff(head);
    let r = decompress(kind, raw)?;
    read_tar(r, hash, arena, ctl, meter).map_err(|e| match kind {
        Compression::None => e,
        k if e != CANCELLED => format!("{} layer: {e}", k.name()),
        _ => e,
    })
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
    // The last entry read, to say where a damaged layer broke.
    let mut last: Option<Vec<u8>> = None;
    let fail = |e: &io::Error, last: &Option<Vec<u8>>| {
        if ctl.is_cancelled() {
            return CANCELLED.to_string();
        }
        match last {
            Some(p) => format!(
                "{} (after entry `{}`)",
                describe(e),
                super::paths::escape_bytes(p)
            ),
            None => format!("{} (at its first entry)", describe(e)),
        }
    };
    for entry in entries {
        if ctl.is_cancelled() {
            return Err(CANCELLED.into());
        }
        let entry = entry.map_err(|e| fail(&e, &last))?;
        let h = entry.header();
        let kind = match h.entry_type() {
            // A GNU sparse file: the tar reader gives its real (expanded) size.
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                EntryKind::File
            }
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
        match &mut last {
            Some(v) => {
                v.clear();
                v.extend_from_slice(&path);
            }
            None => last = Some(path.to_vec()),
        }
        meter.entry(ctl);
    }
    // Hash the end-of-archive padding too: the digest covers the whole stream.
    let mut rest = archive.into_inner();
    io::copy(&mut rest, &mut io::sink()).map_err(|e| fail(&e, &last))?;
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

/// A read error in words, with no raw header bytes: the tar reader quotes the field it could
/// not parse, and those bytes may be anything.
pub(crate) fn describe(e: &io::Error) -> String {
    let text = super::paths::escape_bytes(e.to_string().as_bytes()).into_owned();
    let early = e.kind() == io::ErrorKind::UnexpectedEof
        || text.contains("failed to read entire block")
        || text.contains("unexpected EOF");
    if early {
        return format!("its data ends early ({text})");
    }
    if let Some(rest) = text.strip_prefix("numeric field was not a number: ")
        && let Some((_, what)) = rest.rsplit_once(" when getting ")
    {
        return format!("a tar header is garbled: its {what} is not a number");
    }
    if text.contains("checksum mismatch") {
        return format!("a tar header is garbled: {text}");
    }
    text
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
