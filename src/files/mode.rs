//! Mode strings: `drwxr-x---` as `ls -l` writes them, and the reverse — reading an expected
//! mode written either like `ls` (`-rwsr-xr-x`) or like Go's `os.FileMode` (`urwxr-xr-x`,
//! what container-structure-test compares), so users can bring their existing expectations.

use super::entry::Kind;

/// `ls -l`'s ten characters for a kind and permission bits (with `s`/`S`, `t`/`T`).
pub fn mode_string(kind: Kind, perm: u32) -> String {
    crate::model::archive::mode_letters(kind.letter(), perm)
}

/// An expected mode: the kind when the string names one (`-` means a regular file) and the
/// permission bits with setuid, setgid and sticky.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpectedMode {
    pub kind: Option<Kind>,
    pub perm: u32,
}

impl ExpectedMode {
    /// Does an entry of `kind` with `perm` have this mode? A hard link counts as a file.
    pub fn matches(&self, kind: Kind, perm: u32) -> bool {
        let kind = if kind == Kind::Hardlink {
            Kind::File
        } else {
            kind
        };
        self.kind.is_none_or(|k| k == kind) && self.perm == perm & 0o7777
    }
}

/// Reads `-rw-r--r--` (ls) or `urwxr-xr-x` / `Lrwxrwxrwx` / `dtrwxrwxrwx` (Go's
/// `FileMode.String()`); the error says what was expected.
pub fn parse_mode(s: &str) -> Result<ExpectedMode, String> {
    parse_ls(s)
        .or_else(|| parse_go(s))
        .ok_or_else(|| format!("'{s}' is not a mode like \"-rw-r--r--\" or \"drwxr-x---\""))
}

fn rwx(chars: &[char], allow_special: bool) -> Option<u32> {
    if chars.len() != 9 {
        return None;
    }
    let mut perm = 0u32;
    for (i, c) in chars.iter().enumerate() {
        let shift = 8 - i as u32;
        let want = ['r', 'w', 'x'][i % 3];
        let special = [0o4000, 0o2000, 0o1000][i / 3];
        let marks = if i / 3 == 2 { ('t', 'T') } else { ('s', 'S') };
        match *c {
            '-' => {}
            c if c == want => perm |= 1 << shift,
            c if allow_special && i % 3 == 2 && c == marks.0 => perm |= (1 << shift) | special,
            c if allow_special && i % 3 == 2 && c == marks.1 => perm |= special,
            _ => return None,
        }
    }
    Some(perm)
}

fn parse_ls(s: &str) -> Option<ExpectedMode> {
    let chars: Vec<char> = s.chars().collect();
    let (first, rest) = chars.split_first()?;
    let kind = match first {
        '-' => Kind::File,
        'd' => Kind::Dir,
        'l' => Kind::Symlink,
        'c' => Kind::CharDevice,
        'b' => Kind::BlockDevice,
        'p' => Kind::Fifo,
        's' => Kind::Socket,
        _ => return None,
    };
    Some(ExpectedMode {
        kind: Some(kind),
        perm: rwx(rest, true)?,
    })
}

fn parse_go(s: &str) -> Option<ExpectedMode> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 10 {
        return None;
    }
    let (prefix, bits) = chars.split_at(chars.len() - 9);
    let mut perm = rwx(bits, false)?;
    let mut kind = Kind::File;
    let mut device = false;
    for c in prefix {
        match c {
            '-' if prefix.len() == 1 => {}
            'd' => kind = Kind::Dir,
            'L' => kind = Kind::Symlink,
            'D' => device = true,
            'c' => kind = Kind::CharDevice,
            'p' => kind = Kind::Fifo,
            'S' => kind = Kind::Socket,
            'u' => perm |= 0o4000,
            'g' => perm |= 0o2000,
            't' => perm |= 0o1000,
            'a' | 'l' | 'T' | '?' => {}
            _ => return None,
        }
    }
    if device && kind != Kind::CharDevice {
        kind = Kind::BlockDevice;
    }
    Some(ExpectedMode {
        kind: Some(kind),
        perm,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_strings_read_like_ls() {
        assert_eq!(mode_string(Kind::Dir, 0o750), "drwxr-x---");
        assert_eq!(mode_string(Kind::File, 0o4755), "-rwsr-xr-x");
        assert_eq!(mode_string(Kind::File, 0o2644), "-rw-r-Sr--");
        assert_eq!(mode_string(Kind::Dir, 0o1777), "drwxrwxrwt");
        assert_eq!(mode_string(Kind::Dir, 0o1776), "drwxrwxrwT");
        assert_eq!(mode_string(Kind::Symlink, 0o777), "lrwxrwxrwx");
        assert_eq!(mode_string(Kind::CharDevice, 0o666), "crw-rw-rw-");
    }

    #[test]
    fn ls_and_go_forms_both_parse() {
        let ls = parse_mode("-rwsr-xr-x").unwrap();
        let go = parse_mode("urwxr-xr-x").unwrap();
        assert_eq!(ls, go);
        assert_eq!(ls.perm, 0o4755);
        assert!(ls.matches(Kind::File, 0o4755));
        assert!(ls.matches(Kind::Hardlink, 0o4755));
        assert!(!ls.matches(Kind::Dir, 0o4755));
        assert_eq!(parse_mode("drwxr-x---").unwrap().perm, 0o750);
        let sticky = parse_mode("dtrwxrwxrwx").unwrap();
        assert_eq!(sticky, parse_mode("drwxrwxrwt").unwrap());
        assert_eq!(parse_mode("Lrwxrwxrwx").unwrap().kind, Some(Kind::Symlink));
        assert_eq!(
            parse_mode("Dcrw-rw-rw-").unwrap().kind,
            Some(Kind::CharDevice)
        );
        assert_eq!(
            parse_mode("Drw-rw----").unwrap().kind,
            Some(Kind::BlockDevice)
        );
    }

    #[test]
    fn bad_modes_say_what_is_expected() {
        for bad in [
            "",
            "rwxr-xr-x",
            "-rwxr-xr-",
            "-rwqr-xr-x",
            "xrwxr-xr-x",
            "-rwxr-xr-x-",
        ] {
            let e = parse_mode(bad).unwrap_err();
            assert!(e.contains("-rw-r--r--"), "{bad}: {e}");
        }
    }

    #[test]
    fn every_mode_string_parses_back() {
        for perm in [0o644, 0o755, 0o4755, 0o2750, 0o1777, 0o7000, 0o0] {
            for kind in [Kind::File, Kind::Dir, Kind::Fifo] {
                let s = mode_string(kind, perm);
                let m = parse_mode(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
                assert!(m.matches(kind, perm), "{s}");
            }
        }
    }
}
