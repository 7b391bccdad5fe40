//! The container's own `/etc/passwd` and `/etc/group`, read tolerantly: a malformed line is
//! kept when its name and id can be read, and reported either way (file, line number, text,
//! why) — never silently dropped. The first entry of a name or id wins, as in glibc and runc.

use serde::Serialize;

use super::accounts_parse::{duplicates, group_line, lines, user};

/// One account of `/etc/passwd`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub home: String,
    pub shell: String,
    /// 1-based line number in the file.
    pub line: usize,
}

/// One group of `/etc/group`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
    pub line: usize,
}

/// A line that is not what the file's format says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    /// `/etc/passwd` or `/etc/group`.
    pub file: &'static str,
    pub line: usize,
    /// The line, escaped for display.
    pub text: String,
    pub why: String,
    /// Whether the entry was kept despite the problem.
    pub kept: bool,
}

/// Whether a file was there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "why", rename_all = "snake_case")]
pub enum Presence {
    Found,
    Missing,
    /// Could not be read (the message says why).
    Unreadable(String),
}

/// Users and groups of one container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accounts {
    pub passwd: Presence,
    pub group: Presence,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub problems: Vec<LineProblem>,
}

pub const PASSWD: &str = "/etc/passwd";
pub const GROUP: &str = "/etc/group";

impl Accounts {
    /// Parses both files; `None` for a file that is not there.
    pub fn parse(passwd: Option<&[u8]>, group: Option<&[u8]>) -> Accounts {
        let mut a = Accounts::empty(Presence::Missing, Presence::Missing);
        if let Some(p) = passwd {
            a.passwd = Presence::Found;
            for (line, fields) in lines(p, PASSWD, &mut a.problems) {
                if let Some(u) = user(line, &fields, &mut a.problems) {
                    a.users.push(u);
                }
            }
            duplicates(&a.users, |u| u.name.clone(), PASSWD, &mut a.problems);
        }
        if let Some(g) = group {
            a.group = Presence::Found;
            for (line, fields) in lines(g, GROUP, &mut a.problems) {
                if let Some(g) = group_line(line, &fields, &mut a.problems) {
                    a.groups.push(g);
                }
            }
            duplicates(&a.groups, |g| g.name.clone(), GROUP, &mut a.problems);
        }
        a
    }

    /// No accounts, with the given states (a file missing or unreadable).
    pub fn empty(passwd: Presence, group: Presence) -> Accounts {
        Accounts {
            passwd,
            group,
            users: Vec::new(),
            groups: Vec::new(),
            problems: Vec::new(),
        }
    }

    pub fn user_by_name(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    pub fn user_by_uid(&self, uid: u32) -> Option<&User> {
        self.users.iter().find(|u| u.uid == uid)
    }

    pub fn group_by_name(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    pub fn group_by_gid(&self, gid: u32) -> Option<&Group> {
        self.groups.iter().find(|g| g.gid == gid)
    }

    /// The owner's name, or the number when `/etc/passwd` does not know it.
    pub fn user_name(&self, uid: u32) -> String {
        self.user_by_uid(uid)
            .map_or_else(|| uid.to_string(), |u| u.name.clone())
    }

    /// The group's name, or the number when `/etc/group` does not know it.
    pub fn group_name(&self, gid: u32) -> String {
        self.group_by_gid(gid)
            .map_or_else(|| gid.to_string(), |g| g.name.clone())
    }

    /// Groups listing `user` as a member (its supplementary groups), first line first.
    pub fn groups_of(&self, user: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for g in &self.groups {
            if g.members.iter().any(|m| m == user) && !out.contains(&g.gid) {
                out.push(g.gid);
            }
        }
        out
    }
}
