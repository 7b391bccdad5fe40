//! What a user can do with one entry, from its mode, owner and group and the user's groups,
//! as the kernel decides it: the owner class alone applies to the owner, the group class to
//! a member, the other class to the rest; root with CAP_DAC_OVERRIDE reads and writes
//! everything and executes what has any `x` bit. Read-only mounts take `write` away.

use serde::Serialize;

use super::entry::Kind;
use super::user::Identity;

/// Read, write and execute (enter, for a directory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Access {
    pub read: bool,
    pub write: bool,
    /// Execute a file; enter (search) a directory.
    pub exec: bool,
}

impl Access {
    pub const NONE: Access = Access {
        read: false,
        write: false,
        exec: false,
    };

    /// `rwx`, `r-x`, `---`; a directory's `x` reads `e` (enter).
    pub fn letters(self, kind: Kind) -> String {
        let x = if kind == Kind::Dir { 'e' } else { 'x' };
        [
            if self.read { 'r' } else { '-' },
            if self.write { 'w' } else { '-' },
            if self.exec { x } else { '-' },
        ]
        .iter()
        .collect()
    }

    /// Both: what is allowed by this entry and by the way to it.
    pub fn and(self, other: Access) -> Access {
        Access {
            read: self.read && other.read,
            write: self.write && other.write,
            exec: self.exec && other.exec,
        }
    }
}

/// The rights `who` has on an entry owned by `uid:gid` with permission bits `perm`.
pub fn access(who: &Identity, kind: Kind, uid: u32, gid: u32, perm: u32) -> Access {
    if who.dac_override {
        let any_x = perm & 0o111 != 0;
        return Access {
            read: true,
            write: true,
            exec: kind == Kind::Dir || any_x,
        };
    }
    let class = if who.uid == uid {
        (perm >> 6) & 7
    } else if who.in_group(gid) {
        (perm >> 3) & 7
    } else {
        perm & 7
    };
    Access {
        read: class & 4 != 0,
        write: class & 2 != 0,
        exec: class & 1 != 0,
    }
}

/// What a directory lets a user do inside it: list (`r`), create and delete (`w` + `x`),
/// reach what is below (`x`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DirRights {
    pub list: bool,
    pub create: bool,
    pub enter: bool,
}

impl From<Access> for DirRights {
    fn from(a: Access) -> Self {
        DirRights {
            list: a.read && a.exec,
            create: a.write && a.exec,
            enter: a.exec,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(uid: u32, gid: u32, groups: &[u32]) -> Identity {
        Identity {
            uid,
            gid,
            groups: groups.to_vec(),
            dac_override: false,
        }
    }

    #[test]
    fn owner_group_and_other_classes() {
        let app = user(1001, 1001, &[2000]);
        let f = |uid, gid, perm| access(&app, Kind::File, uid, gid, perm).letters(Kind::File);
        assert_eq!(f(1001, 0, 0o640), "rw-");
        assert_eq!(f(0, 1001, 0o640), "r--");
        assert_eq!(f(0, 2000, 0o660), "rw-", "a supplementary group counts");
        assert_eq!(f(0, 0, 0o640), "---");
        assert_eq!(f(0, 0, 0o755), "r-x");
        // The owner class alone applies to the owner, even when others get more.
        assert_eq!(f(1001, 0, 0o077), "---");
    }

    #[test]
    fn root_reads_and_writes_everything_but_executes_only_with_an_x() {
        let root = Identity {
            uid: 0,
            gid: 0,
            groups: vec![],
            dac_override: true,
        };
        assert_eq!(
            access(&root, Kind::File, 5, 5, 0o000).letters(Kind::File),
            "rw-"
        );
        assert_eq!(
            access(&root, Kind::File, 5, 5, 0o001).letters(Kind::File),
            "rwx"
        );
        assert_eq!(
            access(&root, Kind::Dir, 5, 5, 0o000).letters(Kind::Dir),
            "rwe"
        );
        // Without CAP_DAC_OVERRIDE root is an ordinary owner/other.
        let weak = user(0, 0, &[]);
        assert_eq!(
            access(&weak, Kind::File, 5, 5, 0o600).letters(Kind::File),
            "---"
        );
    }

    #[test]
    fn directory_rights_need_x() {
        let app = user(1001, 1001, &[]);
        let d: DirRights = access(&app, Kind::Dir, 1001, 1001, 0o600).into();
        assert!(!d.create && !d.list && !d.enter);
        let d: DirRights = access(&app, Kind::Dir, 0, 0, 0o757).into();
        assert!(d.create && d.list && d.enter);
        assert_eq!(
            Access::NONE.and(Access {
                read: true,
                write: true,
                exec: true
            }),
            Access::NONE
        );
    }
}
