//! One entry of a walked tree as a tar header or an `lstat` describes it: the raw name bytes
//! (never decoded, so non-UTF-8 names survive), kind, permission bits, owner ids, size, link
//! target and device numbers.

use serde::Serialize;

/// What kind of file an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    File,
    Dir,
    Symlink,
    /// A second name of a file already in the tree (tar's hard-link entry).
    Hardlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
    /// A tar entry type docktor does not know (kept, shown as `?`).
    Other,
}

impl Kind {
    /// The first letter of `ls -l` (a hard link is a regular file there).
    pub fn letter(self) -> char {
        match self {
            Kind::File | Kind::Hardlink => '-',
            Kind::Dir => 'd',
            Kind::Symlink => 'l',
            Kind::CharDevice => 'c',
            Kind::BlockDevice => 'b',
            Kind::Fifo => 'p',
            Kind::Socket => 's',
            Kind::Other => '?',
        }
    }

    /// The kind in words, for the type column and messages.
    pub fn word(self) -> &'static str {
        match self {
            Kind::File => "file",
            Kind::Dir => "dir",
            Kind::Symlink => "symlink",
            Kind::Hardlink => "hard link",
            Kind::CharDevice => "char device",
            Kind::BlockDevice => "block device",
            Kind::Fifo => "fifo",
            Kind::Socket => "socket",
            Kind::Other => "other",
        }
    }

    /// A regular file or a hard link to one (what can be read, written and executed).
    pub fn is_regular(self) -> bool {
        matches!(self, Kind::File | Kind::Hardlink)
    }
}

/// One entry, with its path relative to the walked root (`""` is the root itself; components
/// joined by `/`, no leading or trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: Vec<u8>,
    pub kind: Kind,
    /// Permission bits with setuid, setgid and sticky (`0o7777`).
    pub perm: u32,
    pub uid: u32,
    pub gid: u32,
    /// Bytes of a regular file; 0 for everything else (as the archive endpoint writes them).
    pub size: u64,
    /// A symlink's target as written, or a hard link's first name (relative to the root).
    pub link: Option<Vec<u8>>,
    /// Major and minor numbers of a device.
    pub device: Option<(u32, u32)>,
    /// The bytes of a small file docktor reads for a rule (`.pth`, `pyvenv.cfg`, keys).
    pub content: Option<Vec<u8>>,
}

impl Entry {
    /// An entry with no link, device or content (tests and synthetic trees).
    pub fn new(path: &[u8], kind: Kind, perm: u32, uid: u32, gid: u32, size: u64) -> Entry {
        Entry {
            path: path.to_vec(),
            kind,
            perm: perm & 0o7777,
            uid,
            gid,
            size,
            link: None,
            device: None,
            content: None,
        }
    }

    pub fn with_link(mut self, target: &[u8]) -> Entry {
        self.link = Some(target.to_vec());
        self
    }
}

/// Splits a raw path into its non-empty components (`a//b/` → `a`, `b`).
pub fn components(path: &[u8]) -> impl DoubleEndedIterator<Item = &[u8]> {
    path.split(|b| *b == b'/').filter(|c| !c.is_empty())
}

/// `a//b/./c/` → `a/b/c` (empty and `.` components dropped; `..` kept as a name, it is never
/// resolved: nothing is extracted).
pub fn normalize(path: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(path.len());
    for c in components(path).filter(|c| *c != b".") {
        if !out.is_empty() {
            out.push(b'/');
        }
        out.extend_from_slice(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize_without_resolving() {
        assert_eq!(normalize(b"/app//x/./y/"), b"app/x/y");
        assert_eq!(normalize(b"./"), b"");
        assert_eq!(normalize(b"a/../b"), b"a/../b");
    }

    #[test]
    fn letters_follow_ls() {
        assert_eq!(Kind::Hardlink.letter(), '-');
        assert_eq!(Kind::CharDevice.letter(), 'c');
        assert!(Kind::Hardlink.is_regular());
        assert!(!Kind::Symlink.is_regular());
    }
}
