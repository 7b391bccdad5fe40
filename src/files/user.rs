//! The user a container's process runs as, resolved from its `User` setting the way runc
//! does: a name must be in `/etc/passwd` (else the container does not start); a number
//! need not be (it then runs with gid 0 and `HOME=/`); `user:group` takes the group from
//! `/etc/group`; supplementary groups come from `/etc/group` membership (only when no group
//! is given) plus `--group-add`.

use serde::Serialize;

use super::accounts::Accounts;

/// Who the process is, for permission checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub uid: u32,
    pub gid: u32,
    /// Supplementary group ids.
    pub groups: Vec<u32>,
    /// Root with CAP_DAC_OVERRIDE (the default) reads and writes everything.
    pub dac_override: bool,
}

impl Identity {
    pub fn in_group(&self, gid: u32) -> bool {
        self.gid == gid || self.groups.contains(&gid)
    }
}

/// What is wrong with the `User` setting (each is a finding of `files.user-unknown`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UserProblem {
    /// A user name not in `/etc/passwd`: runc refuses to start the container.
    NameNotFound { name: String },
    /// A group name not in `/etc/group`: runc refuses to start the container.
    GroupNotFound { name: String },
    /// A numeric uid with no `/etc/passwd` line: it runs, with gid 0 and `HOME=/`.
    UidNotInPasswd { uid: u32 },
    /// A `--group-add` name not in `/etc/group`.
    GroupAddNotFound { name: String },
}

/// The runtime user: the setting as written, and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuntimeUser {
    /// `Config.User` as written (`""` when not set: root).
    pub spec: String,
    pub name: Option<String>,
    pub home: Option<String>,
    #[serde(flatten)]
    pub id: Identity,
    pub problems: Vec<UserProblem>,
}

impl RuntimeUser {
    /// `app (1001:1001)`, `1001:0`, `root (0:0)`.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => format!("{n} ({}:{})", self.id.uid, self.id.gid),
            None => format!("{}:{}", self.id.uid, self.id.gid),
        }
    }

    /// Will the container refuse to start with this setting?
    pub fn cannot_start(&self) -> bool {
        self.problems.iter().any(|p| {
            matches!(
                p,
                UserProblem::NameNotFound { .. }
                    | UserProblem::GroupNotFound { .. }
                    | UserProblem::GroupAddNotFound { .. }
            )
        })
    }

    pub fn is_root(&self) -> bool {
        self.id.uid == 0
    }
}

/// Resolves `spec` (`Config.User`) and `group_add` (`HostConfig.GroupAdd`) against the
/// container's accounts; `dac_override` is false when `--cap-drop` removed it.
pub fn resolve(
    spec: &str,
    group_add: &[String],
    accounts: &Accounts,
    dac_override: bool,
) -> RuntimeUser {
    let spec_t = spec.trim();
    let (user_part, group_part) = match spec_t.split_once(':') {
        Some((u, g)) => (u.trim(), Some(g.trim()).filter(|g| !g.is_empty())),
        None => (spec_t, None),
    };
    let mut problems = Vec::new();
    let (mut name, mut uid, mut gid, mut home) = (None, 0u32, 0u32, None);
    if user_part.is_empty() {
        // Not set: root, as the engine defaults.
        if let Some(u) = accounts.user_by_uid(0) {
            name = Some(u.name.clone());
            home = Some(u.home.clone());
        }
    } else if let Ok(n) = user_part.parse::<u32>() {
        uid = n;
        match accounts.user_by_uid(n) {
            Some(u) => {
                name = Some(u.name.clone());
                gid = u.gid;
                home = Some(u.home.clone());
            }
            None => problems.push(UserProblem::UidNotInPasswd { uid: n }),
        }
    } else {
        match accounts.user_by_name(user_part) {
            Some(u) => {
                name = Some(u.name.clone());
                uid = u.uid;
                gid = u.gid;
                home = Some(u.home.clone());
            }
            None => problems.push(UserProblem::NameNotFound {
                name: user_part.to_string(),
            }),
        }
    }
    let mut groups = Vec::new();
    match group_part {
        Some(g) => match g.parse::<u32>() {
            Ok(n) => gid = n,
            Err(_) => match accounts.group_by_name(g) {
                Some(grp) => gid = grp.gid,
                None => problems.push(UserProblem::GroupNotFound {
                    name: g.to_string(),
                }),
            },
        },
        None => {
            if let Some(n) = name.as_deref().filter(|_| !user_part.is_empty()) {
                groups = accounts.groups_of(n);
            }
        }
    }
    for g in group_add {
        let g = g.trim();
        let found = match g.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => accounts.group_by_name(g).map(|grp| grp.gid),
        };
        match found {
            Some(n) if !groups.contains(&n) => groups.push(n),
            Some(_) => {}
            None => problems.push(UserProblem::GroupAddNotFound {
                name: g.to_string(),
            }),
        }
    }
    RuntimeUser {
        spec: spec.to_string(),
        name,
        home,
        id: Identity {
            uid,
            gid,
            groups,
            dac_override: uid == 0 && dac_override,
        },
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accounts() -> Accounts {
        Accounts::parse(
            Some(b"root:x:0:0:root:/root:/bin/sh\napp:x:1001:1001:app:/app:/bin/sh\n"),
            Some(b"root:x:0:\napp:x:1001:\nmedia:x:2000:app\nwww:x:33:\n"),
        )
    }

    #[test]
    fn names_numbers_and_groups_resolve_like_runc() {
        let a = accounts();
        let u = resolve("app", &[], &a, true);
        assert_eq!(
            (u.id.uid, u.id.gid, u.id.groups.clone()),
            (1001, 1001, vec![2000])
        );
        assert_eq!(u.label(), "app (1001:1001)");
        assert!(u.problems.is_empty() && !u.is_root());
        // Numeric uid found: name and primary group from passwd, groups too.
        let u = resolve("1001", &[], &a, true);
        assert_eq!(
            (u.name.as_deref(), u.id.gid, u.id.groups.len()),
            (Some("app"), 1001, 1)
        );
        // An explicit group: no supplementary groups.
        let u = resolve("app:www", &[], &a, true);
        assert_eq!((u.id.gid, u.id.groups.clone()), (33, vec![]));
        let u = resolve("app:4000", &["media".into(), "77".into()], &a, true);
        assert_eq!((u.id.gid, u.id.groups.clone()), (4000, vec![2000, 77]));
    }

    #[test]
    fn empty_root_and_zero_are_root() {
        let a = accounts();
        for spec in ["", "root", "0", "0:0"] {
            let u = resolve(spec, &[], &a, true);
            assert!(u.is_root() && u.id.dac_override, "{spec}");
            assert_eq!(u.name.as_deref(), Some("root"), "{spec}");
        }
        assert!(!resolve("", &[], &a, false).id.dac_override);
    }

    #[test]
    fn unknown_users_and_groups_are_problems() {
        let a = accounts();
        let u = resolve("ghost", &[], &a, true);
        assert_eq!(
            u.problems,
            vec![UserProblem::NameNotFound {
                name: "ghost".into()
            }]
        );
        assert!(u.cannot_start());
        let u = resolve("4242", &[], &a, true);
        assert_eq!((u.id.uid, u.id.gid), (4242, 0));
        assert_eq!(u.problems, vec![UserProblem::UidNotInPasswd { uid: 4242 }]);
        assert!(!u.cannot_start());
        let u = resolve("app:nogroup", &["nope".into()], &a, true);
        assert_eq!(u.problems.len(), 2);
        assert!(u.cannot_start());
    }

    #[test]
    fn without_passwd_only_numbers_work() {
        let a = Accounts::parse(None, None);
        assert!(resolve("app", &[], &a, true).cannot_start());
        let u = resolve("1001:1001", &[], &a, true);
        assert_eq!((u.id.uid, u.id.gid), (1001, 1001));
        assert_eq!(u.label(), "1001:1001");
    }
}
