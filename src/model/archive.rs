//! A path inside a container as the archive endpoint's stat describes it, with Go's
//! `os.FileMode` bits turned into Unix `st_mode` (type and permission bits).

use std::time::SystemTime;

use serde::Serialize;

/// The kind of a file, from its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    File,
    Dir,
    Symlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
}

impl FileKind {
    /// The first letter of `ls -l`.
    pub fn letter(self) -> char {
        match self {
            FileKind::File => '-',
            FileKind::Dir => 'd',
            FileKind::Symlink => 'l',
            FileKind::CharDevice => 'c',
            FileKind::BlockDevice => 'b',
            FileKind::Fifo => 'p',
            FileKind::Socket => 's',
        }
    }

    /// The `S_IFMT` bits of a Unix mode.
    pub fn unix_bits(self) -> u32 {
        match self {
            FileKind::File => 0o100000,
            FileKind::Dir => 0o040000,
            FileKind::Symlink => 0o120000,
            FileKind::CharDevice => 0o020000,
            FileKind::BlockDevice => 0o060000,
            FileKind::Fifo => 0o010000,
            FileKind::Socket => 0o140000,
        }
    }
}

/// `X-Docker-Container-Path-Stat` of `HEAD /containers/{id}/archive?path=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStat {
    /// The base name (`/` for the root).
    pub name: String,
    pub size: i64,
    pub kind: FileKind,
    /// Unix `st_mode`: type bits, setuid/setgid/sticky and the permission bits.
    pub mode: u32,
    pub mtime: Option<SystemTime>,
    /// For a symlink, where it points, as the daemon resolves it (an absolute path in the
    /// container, e.g. `/app/hello.txt` for `link -> hello.txt`); empty otherwise.
    pub link_target: String,
}

impl PathStat {
    /// Permission bits with setuid, setgid and sticky (`0o7777`).
    pub fn permissions(&self) -> u32 {
        self.mode & 0o7777
    }

    /// `drwxr-x---` as `ls -l` writes it (with `s`/`S`, `t`/`T`).
    pub fn mode_string(&self) -> String {
        mode_string(self.kind, self.mode)
    }
}

const GO_DIR: u32 = 1 << 31;
const GO_SYMLINK: u32 = 1 << 27;
const GO_DEVICE: u32 = 1 << 26;
const GO_NAMED_PIPE: u32 = 1 << 25;
const GO_SOCKET: u32 = 1 << 24;
const GO_SETUID: u32 = 1 << 23;
const GO_SETGID: u32 = 1 << 22;
const GO_CHAR_DEVICE: u32 = 1 << 21;
const GO_STICKY: u32 = 1 << 20;

/// Go's `os.FileMode` (type in the high bits, permissions in the low 9) → kind and Unix mode.
pub fn from_go_mode(go: u32) -> (FileKind, u32) {
    let kind = if go & GO_DIR != 0 {
        FileKind::Dir
    } else if go & GO_SYMLINK != 0 {
        FileKind::Symlink
    } else if go & GO_DEVICE != 0 && go & GO_CHAR_DEVICE != 0 {
        FileKind::CharDevice
    } else if go & GO_DEVICE != 0 {
        FileKind::BlockDevice
    } else if go & GO_NAMED_PIPE != 0 {
        FileKind::Fifo
    } else if go & GO_SOCKET != 0 {
        FileKind::Socket
    } else if go & GO_CHAR_DEVICE != 0 {
        FileKind::CharDevice
    } else {
        FileKind::File
    };
    let mut mode = kind.unix_bits() | (go & 0o777);
    if go & GO_SETUID != 0 {
        mode |= 0o4000;
    }
    if go & GO_SETGID != 0 {
        mode |= 0o2000;
    }
    if go & GO_STICKY != 0 {
        mode |= 0o1000;
    }
    (kind, mode)
}

/// `ls -l`'s ten characters for a kind and a Unix mode.
pub fn mode_string(kind: FileKind, mode: u32) -> String {
    mode_letters(kind.letter(), mode)
}

/// `ls -l`'s ten characters: the type letter `kind`, then the permission bits of `mode`
/// (with `s`/`S`, `t`/`T`). Shared by every view that writes a mode.
pub fn mode_letters(kind: char, mode: u32) -> String {
    let bit = |m: u32, c: char| if mode & m != 0 { c } else { '-' };
    let special = |x: u32, s: u32, set: char, unset: char| match (mode & x != 0, mode & s != 0) {
        (true, true) => set,
        (false, true) => unset,
        (true, false) => 'x',
        (false, false) => '-',
    };
    [
        kind,
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        special(0o100, 0o4000, 's', 'S'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        special(0o010, 0o2000, 's', 'S'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        special(0o001, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_modes_become_unix_modes() {
        // A symlink 0777 as 20.10 sends it for /bin/sh: 134218239.
        assert_eq!(from_go_mode(134_218_239), (FileKind::Symlink, 0o120777));
        // A directory 0755.
        assert_eq!(from_go_mode(GO_DIR | 0o755), (FileKind::Dir, 0o040755));
        // /tmp: directory, sticky, 0777.
        let (k, m) = from_go_mode(GO_DIR | GO_STICKY | 0o777);
        assert_eq!((k, m), (FileKind::Dir, 0o041777));
        assert_eq!(mode_string(k, m), "drwxrwxrwt");
        // A setuid binary 4755.
        let (k, m) = from_go_mode(GO_SETUID | 0o755);
        assert_eq!(m, 0o104755);
        assert_eq!(mode_string(k, m), "-rwsr-xr-x");
        // setgid without group x.
        let (k, m) = from_go_mode(GO_SETGID | 0o640);
        assert_eq!(mode_string(k, m), "-rw-r-S---");
        // Devices, pipes, sockets.
        assert_eq!(
            from_go_mode(GO_DEVICE | GO_CHAR_DEVICE | 0o666).0,
            FileKind::CharDevice
        );
        assert_eq!(from_go_mode(GO_DEVICE | 0o660).0, FileKind::BlockDevice);
        assert_eq!(from_go_mode(GO_NAMED_PIPE | 0o600).1, 0o010600);
        assert_eq!(from_go_mode(GO_SOCKET | 0o755).0, FileKind::Socket);
        assert_eq!(from_go_mode(0o644), (FileKind::File, 0o100644));
    }

    #[test]
    fn stat_helpers() {
        let s = PathStat {
            name: "app".into(),
            size: 4096,
            kind: FileKind::Dir,
            mode: 0o042750,
            mtime: None,
            link_target: String::new(),
        };
        assert_eq!(s.permissions(), 0o2750);
        assert_eq!(s.mode_string(), "drwxr-s---");
    }
}
