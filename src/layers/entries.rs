//! Per-layer file entries, as read from a layer tar or an overlay2 `diff` directory, with the
//! overlay whiteout conventions (`.wh.NAME`, `.wh..wh..opq`) turned into explicit entries.

use super::paths::{NodeId, PathArena, PathProblem};
use serde::Serialize;

/// What a layer entry is. `Whiteout` and `Opaque` are not files: they delete from lower layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    File,
    Dir,
    Symlink,
    /// A hard link to another path of the same layer (its bytes are counted at that path).
    Hardlink,
    /// Devices, fifos, sockets.
    Other,
    /// `.wh.NAME` in a tar, a 0/0 character device in overlay2: NAME is deleted.
    Whiteout,
    /// `.wh..wh..opq` in a tar, `trusted.overlay.opaque=y` in overlay2: the directory's
    /// lower-layer contents are hidden.
    Opaque,
}

impl EntryKind {
    /// Whether the entry is a path of the image (not a deletion marker).
    pub fn is_present(self) -> bool {
        !matches!(self, EntryKind::Whiteout | EntryKind::Opaque)
    }
}

/// One entry of one layer. `size` is the content size as a layer tar stores it: the file's
/// bytes for regular files, 0 for everything else (directories, links, whiteouts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub node: NodeId,
    pub kind: EntryKind,
    pub size: u64,
    pub uid: u32,
    pub gid: u32,
    /// Permission bits (and setuid/setgid/sticky), without the file type.
    pub mode: u32,
    /// Symlink or hard-link target, raw bytes.
    pub link: Option<Box<[u8]>>,
}

/// An entry that could not be taken as it was, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryProblem {
    pub path: String,
    pub problem: String,
}

/// All entries of one layer plus the problems met while reading it.
#[derive(Debug, Clone, Default)]
pub struct LayerContents {
    pub entries: Vec<Entry>,
    pub problems: Vec<EntryProblem>,
}

/// An entry before its path is placed in the arena.
#[derive(Debug, Clone, Copy)]
pub struct RawEntry<'a> {
    pub path: &'a [u8],
    pub kind: EntryKind,
    pub size: u64,
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
    pub link: Option<&'a [u8]>,
}

const WHITEOUT: &[u8] = b".wh.";
const OPAQUE: &[u8] = b".wh..wh..opq";
/// Keep the problem list bounded on hostile input.
const MAX_PROBLEMS: usize = 1000;

impl LayerContents {
    /// Adds a tar-style entry: `.wh.` names become whiteouts of their target, `.wh..wh..opq`
    /// marks its directory opaque, `..` paths are refused (recorded as problems, never applied).
    pub fn push_tar(&mut self, arena: &mut PathArena, raw: RawEntry<'_>) {
        let trimmed = trim_slashes(raw.path);
        let (dir, base) = match trimmed.iter().rposition(|&b| b == b'/') {
            Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
            None => (&b""[..], trimmed),
        };
        if base == OPAQUE {
            return self.place(arena, dir, raw, EntryKind::Opaque, true);
        }
        if let Some(target) = base.strip_prefix(WHITEOUT) {
            if target.is_empty() || target == b"." || target == b".." {
                return self.problem(raw.path, "malformed whiteout name: ignored");
            }
            let mut full = dir.to_vec();
            full.push(b'/');
            full.extend_from_slice(target);
            return self.place(arena, &full, raw, EntryKind::Whiteout, false);
        }
        self.place(arena, raw.path, raw, raw.kind, false)
    }

    /// Adds an entry whose kind is already known (the overlay2 walk).
    pub fn push_kind(&mut self, arena: &mut PathArena, raw: RawEntry<'_>) {
        self.place(
            arena,
            raw.path,
            raw,
            raw.kind,
            raw.kind == EntryKind::Opaque,
        )
    }

    fn place(
        &mut self,
        arena: &mut PathArena,
        path: &[u8],
        raw: RawEntry<'_>,
        kind: EntryKind,
        root_ok: bool,
    ) {
        let node = match arena.insert(path) {
            Ok(n) => n,
            Err(PathProblem::Empty) if root_ok => super::paths::ROOT,
            Err(PathProblem::Empty) => return, // the layer root itself: nothing to record
            Err(PathProblem::Traversal) => {
                return self.problem(raw.path, "path leaves the image root (`..`): skipped");
            }
        };
        let (size, link) = match kind {
            EntryKind::File => (raw.size, None),
            EntryKind::Symlink | EntryKind::Hardlink => (0, raw.link.map(Box::from)),
            _ => (0, None),
        };
        if kind == EntryKind::Hardlink && link.as_deref().is_some_and(has_traversal) {
            self.problem(raw.path, "hard link target leaves the image root");
        }
        if std::str::from_utf8(raw.path).is_err() {
            self.problem(
                raw.path,
                "name is not UTF-8: kept, its odd bytes shown as \\xNN",
            );
        }
        self.entries.push(Entry {
            node,
            kind,
            size,
            uid: raw.uid,
            gid: raw.gid,
            mode: raw.mode & 0o7777,
            link,
        });
    }

    /// Records a problem about an entry (bounded: hostile archives cannot grow it without end).
    pub fn problem(&mut self, path: &[u8], problem: &str) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(EntryProblem {
                path: super::paths::escape_bytes(path).chars().take(512).collect(),
                problem: problem.to_string(),
            });
        }
    }

    /// Entries that are paths of the image (deletion markers excluded).
    pub fn file_count(&self) -> usize {
        self.entries.iter().filter(|e| e.kind.is_present()).count()
    }

    /// Bytes of regular files in this layer.
    pub fn content_bytes(&self) -> u64 {
        self.entries
            .iter()
            .fold(0u64, |a, e| a.saturating_add(e.size))
    }

    /// The size Docker reports for the layer: regular-file bytes plus symlink target lengths
    /// (what `docker history` shows for a layer).
    pub fn docker_size(&self) -> u64 {
        self.entries.iter().fold(0u64, |a, e| match e.kind {
            EntryKind::Symlink => a.saturating_add(e.link.as_ref().map_or(0, |l| l.len() as u64)),
            _ => a.saturating_add(e.size),
        })
    }
}

fn trim_slashes(p: &[u8]) -> &[u8] {
    let mut p = p;
    while let [rest @ .., b'/'] = p {
        p = rest;
    }
    p
}

fn has_traversal(p: &[u8]) -> bool {
    p.split(|&b| b == b'/').any(|c| c == b"..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(path: &[u8], kind: EntryKind, size: u64) -> RawEntry<'_> {
        RawEntry {
            path,
            kind,
            size,
            uid: 0,
            gid: 0,
            mode: 0o644,
            link: None,
        }
    }

    #[test]
    fn whiteouts_and_opaque_markers_become_explicit_entries() {
        let mut a = PathArena::new();
        let mut l = LayerContents::default();
        l.push_tar(&mut a, raw(b"opt/.wh.blob", EntryKind::File, 0));
        l.push_tar(&mut a, raw(b"./app/.wh..wh..opq", EntryKind::File, 0));
        l.push_tar(&mut a, raw(b".wh..wh..opq", EntryKind::File, 0));
        l.push_tar(&mut a, raw(b"../../etc/shadow", EntryKind::File, 5));
        l.push_tar(&mut a, raw(b"./", EntryKind::Dir, 0));
        let got: Vec<_> = l.entries.iter().map(|e| (a.path(e.node), e.kind)).collect();
        assert_eq!(
            got,
            [
                ("/opt/blob".to_string(), EntryKind::Whiteout),
                ("/app".to_string(), EntryKind::Opaque),
                ("/".to_string(), EntryKind::Opaque),
            ]
        );
        assert_eq!(l.problems.len(), 1);
        assert!(l.problems[0].problem.contains(".."));
        assert_eq!(l.file_count(), 0);
    }

    #[test]
    fn sizes_count_only_regular_file_bytes() {
        let mut a = PathArena::new();
        let mut l = LayerContents::default();
        l.push_tar(&mut a, raw(b"bin/", EntryKind::Dir, 4096));
        l.push_tar(&mut a, raw(b"bin/busybox", EntryKind::File, 100));
        let mut s = raw(b"bin/sh", EntryKind::Symlink, 0);
        s.link = Some(b"/bin/busybox");
        l.push_tar(&mut a, s);
        assert_eq!(l.content_bytes(), 100);
        assert_eq!(l.docker_size(), 112);
        assert_eq!(l.file_count(), 3);
    }
}
