//! Reads a tar stream of a container path (what the archive endpoint and `docker cp` send)
//! entry by entry, never holding file bytes except for the few small files rules read
//! (`keep_content`). PAX headers (long names, large ids), GNU long names, hard links,
//! devices and non-UTF-8 names all come through; entry paths are made relative to the
//! walked root, whose name the first entry carries.

use std::io::{self, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::entry::{Entry, Kind, normalize};
use super::error::FilesError;

/// Progress of a walk: entries so far and bytes of the stream read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    pub entries: u64,
    pub bytes: u64,
}

/// Cancellation flag and progress counters shared with the one who waits for the walk.
#[derive(Debug, Clone, Default)]
pub struct Control {
    cancel: Arc<AtomicBool>,
    entries: Arc<AtomicU64>,
    bytes: Arc<AtomicU64>,
}

impl Control {
    pub fn new() -> Control {
        Control::default()
    }

    /// Uses an existing flag (a job's cancel flag, set on `Esc`).
    pub fn with_cancel(flag: Arc<AtomicBool>) -> Control {
        Control {
            cancel: flag,
            ..Control::default()
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub fn progress(&self) -> Progress {
        Progress {
            entries: self.entries.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn entry(&self) {
        self.entries.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
    }
}

/// Largest file whose bytes are kept for a rule, and the most kept in one walk.
pub const KEEP_MAX: u64 = 64 * 1024;
pub const KEEP_TOTAL: u64 = 4 * 1024 * 1024;

/// Is this a small file a rule reads (`.pth`, `pyvenv.cfg`, editable finders, keys)?
pub fn keep_content(name: &[u8], size: u64) -> bool {
    if size > KEEP_MAX {
        return false;
    }
    let ends = |s: &[u8]| name.ends_with(s);
    name == b"pyvenv.cfg"
        || ends(b".pth")
        || ends(b".egg-link")
        || (name.starts_with(b"__editable__") && ends(b"_finder.py"))
        || ends(b".pem")
        || ends(b".key")
}

/// Reads the tar stream `r`, calling `sink` with each entry (paths relative to the root).
/// Returns the number of entries. A read error keeps what was sunk so far.
pub fn read_tar<R: Read>(
    r: R,
    ctl: &Control,
    sink: &mut dyn FnMut(Entry),
) -> Result<u64, FilesError> {
    let counted = Counting { inner: r, ctl };
    let reader = Forward {
        inner: BufReader::with_capacity(256 * 1024, counted),
        pos: 0,
    };
    let mut archive = tar::Archive::new(reader);
    let mut root: Option<Vec<u8>> = None;
    let mut kept = 0u64;
    let mut n = 0u64;
    // "Seeking" past file bytes consumes them from the buffer; the plain reader would zero
    // a 32 KiB scratch buffer for every entry it skips (3 GB of memset for 100,000 files).
    let entries = archive
        .entries_with_seek()
        .map_err(|e| stream_error(&e, n))?;
    for entry in entries {
        if ctl.is_cancelled() {
            return Err(FilesError::Cancelled { entries: n });
        }
        let mut entry = entry.map_err(|e| stream_error(&e, n))?;
        let h = entry.header();
        let kind = match h.entry_type() {
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                Kind::File
            }
            tar::EntryType::Directory => Kind::Dir,
            tar::EntryType::Symlink => Kind::Symlink,
            tar::EntryType::Link => Kind::Hardlink,
            tar::EntryType::Char => Kind::CharDevice,
            tar::EntryType::Block => Kind::BlockDevice,
            tar::EntryType::Fifo => Kind::Fifo,
            tar::EntryType::XGlobalHeader
            | tar::EntryType::XHeader
            | tar::EntryType::GNULongName
            | tar::EntryType::GNULongLink => continue,
            _ => Kind::Other,
        };
        let raw_path = entry.path_bytes().into_owned();
        let full = normalize(&raw_path);
        let prefix = root.get_or_insert_with(|| full.clone());
        let path = relative(prefix, &full);
        let (mut uid, mut gid) = (
            h.uid().ok().and_then(|v| u32::try_from(v).ok()),
            h.gid().ok().and_then(|v| u32::try_from(v).ok()),
        );
        if let Ok(Some(pax)) = entry.pax_extensions() {
            for ext in pax.flatten() {
                let value = ext.value().ok().and_then(|v| v.trim().parse::<u32>().ok());
                match ext.key_bytes() {
                    b"uid" => uid = value.or(uid),
                    b"gid" => gid = value.or(gid),
                    _ => {}
                }
            }
        }
        let h = entry.header();
        let device = match kind {
            Kind::CharDevice | Kind::BlockDevice => Some((
                h.device_major().ok().flatten().unwrap_or(0),
                h.device_minor().ok().flatten().unwrap_or(0),
            )),
            _ => None,
        };
        let link = match kind {
            Kind::Symlink => entry.link_name_bytes().map(|l| l.into_owned()),
            Kind::Hardlink => entry
                .link_name_bytes()
                .map(|l| relative(prefix, &normalize(&l))),
            _ => None,
        };
        let size = if kind == Kind::File { entry.size() } else { 0 };
        let perm = h.mode().unwrap_or(0) & 0o7777;
        let name = path.rsplit(|b| *b == b'/').next().unwrap_or_default();
        let content = if kind == Kind::File
            && keep_content(name, size)
            && kept.saturating_add(size) <= KEEP_TOTAL
        {
            let mut buf = Vec::with_capacity(size as usize);
            entry
                .read_to_end(&mut buf)
                .map_err(|e| stream_error(&e, n))?;
            kept += size;
            Some(buf)
        } else {
            None
        };
        sink(Entry {
            path,
            kind,
            perm,
            uid: uid.unwrap_or(0),
            gid: gid.unwrap_or(0),
            size,
            link,
            device,
            content,
        });
        n += 1;
        ctl.entry();
    }
    // The loop also ends at end of data on a header boundary: a stream cut there (a
    // container removed mid-walk) would pass for a whole one. Every tar writer ends with
    // two zero blocks; the reader stops after the first, so the second must still be there.
    let mut rest = archive.into_inner();
    let mut probe = [0u8; 1];
    match rest.read(&mut probe) {
        Ok(0) => Err(FilesError::Stream {
            entries: n,
            detail: "the stream ended without the end-of-archive marker".into(),
        }),
        Ok(_) => Ok(n),
        Err(e) => Err(stream_error(&e, n)),
    }
}

/// `full` below `root` (the first entry's path); a path outside it is kept as it is.
fn relative(root: &[u8], full: &[u8]) -> Vec<u8> {
    if full == root {
        return Vec::new();
    }
    if root.is_empty() {
        return full.to_vec();
    }
    match full.strip_prefix(root).and_then(|r| r.strip_prefix(b"/")) {
        Some(rest) => rest.to_vec(),
        None => full.to_vec(),
    }
}

/// The text of the error a cancelled read returns (not `Interrupted`: readers retry those).
const CANCELLED: &str = "the walk was cancelled";

fn stream_error(e: &io::Error, entries: u64) -> FilesError {
    if e.to_string().contains(CANCELLED) {
        return FilesError::Cancelled { entries };
    }
    FilesError::Stream {
        entries,
        detail: match e.kind() {
            io::ErrorKind::UnexpectedEof => format!("the stream ended early: {e}"),
            _ => e.to_string(),
        },
    }
}

/// A stream that can only move forward: `Seek` skips bytes, consuming them from the buffer.
struct Forward<R> {
    inner: BufReader<R>,
    /// Bytes consumed so far (the position the tar reader keeps).
    pos: u64,
}

impl<R: Read> Read for Forward<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read> io::Seek for Forward<R> {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        use io::BufRead;
        let mut ahead = match to {
            io::SeekFrom::Current(n) if n >= 0 => n as u64,
            io::SeekFrom::Start(p) if p >= self.pos => p - self.pos,
            _ => return Err(io::Error::other("the tar stream cannot seek backwards")),
        };
        while ahead > 0 {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "unexpected end of data inside a file",
                ));
            }
            let k = buf.len().min(usize::try_from(ahead).unwrap_or(usize::MAX));
            self.inner.consume(k);
            self.pos += k as u64;
            ahead -= k as u64;
        }
        Ok(self.pos)
    }
}

struct Counting<'a, R> {
    inner: R,
    ctl: &'a Control,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ctl.is_cancelled() {
            return Err(io::Error::other(CANCELLED));
        }
        let n = self.inner.read(buf)?;
        self.ctl.bytes(n as u64);
        Ok(n)
    }
}

/// The bytes of the one file a tar stream of a single path holds (`/etc/passwd`), at most
/// `max` of them; `None` when the first entry is not a regular file.
pub fn read_file<R: Read>(r: R, max: u64) -> Result<Option<Vec<u8>>, FilesError> {
    let mut archive = tar::Archive::new(r);
    let mut entries = archive.entries().map_err(|e| stream_error(&e, 0))?;
    let Some(entry) = entries.next() else {
        return Ok(None);
    };
    let entry = entry.map_err(|e| stream_error(&e, 0))?;
    if !matches!(
        entry.header().entry_type(),
        tar::EntryType::Regular | tar::EntryType::Continuous
    ) {
        return Ok(None);
    }
    let mut buf = Vec::new();
    entry
        .take(max)
        .read_to_end(&mut buf)
        .map_err(|e| stream_error(&e, 0))?;
    Ok(Some(buf))
}

/// The first entry of a tar stream (the path itself: its kind, mode and owner), without
/// reading further; the caller drops the rest of the stream.
pub fn first_entry<R: Read>(r: R) -> Result<Option<Entry>, FilesError> {
    let mut out = None;
    let ctl = Control::new();
    let mut sink = |e: Entry| {
        if out.is_none() {
            out = Some(e);
            ctl.cancel();
        }
    };
    match read_tar(r, &ctl.clone(), &mut sink) {
        Ok(_) | Err(FilesError::Cancelled { .. }) => Ok(out),
        Err(e) if out.is_some() => {
            let _ = e;
            Ok(out)
        }
        Err(e) => Err(e),
    }
}
