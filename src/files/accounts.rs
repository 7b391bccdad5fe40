//! The container's own `/etc/passwd` and `/etc/group`, read tolerantly: a malformed line is
//! kept when its name and id can be read, and reported either way (file, line number, text,
//! why) — never silently dropped. The first entry of a name or id wins, as in glibc and runc.

use serde::Serialize;

use super::escape::escape;

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

/// The non-comment, non-blank lines with their numbers, split on `:`; a line that is not
/// UTF-8 is reported and read with replacement characters.
fn lines(
    bytes: &[u8],
    file: &'static str,
    problems: &mut Vec<LineProblem>,
) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = String::from_utf8_lossy(raw);
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        if std::str::from_utf8(raw).is_err() {
            problems.push(problem(file, i + 1, raw, "not UTF-8 text", true));
        }
        out.push((i + 1, text.split(':').map(str::to_string).collect()));
    }
    out
}

fn problem(file: &'static str, line: usize, raw: &[u8], why: &str, kept: bool) -> LineProblem {
    LineProblem {
        file,
        line,
        text: escape(raw).into_owned(),
        why: why.to_string(),
        kept,
    }
}

fn id(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

fn user(line: usize, f: &[String], problems: &mut Vec<LineProblem>) -> Option<User> {
    let text = f.join(":");
    let mut report = |why: String, kept: bool| {
        problems.push(problem(PASSWD, line, text.as_bytes(), &why, kept));
    };
    if f.first()
        .is_some_and(|n| n.starts_with('+') || n.starts_with('-'))
    {
        report("NIS compat entry: not an account here".into(), false);
        return None;
    }
    let name = f.first().map(|s| s.trim()).unwrap_or_default();
    if name.is_empty() {
        report("no user name".into(), false);
        return None;
    }
    let (Some(uid), gid) = (f.get(2).and_then(|s| id(s)), f.get(3).and_then(|s| id(s))) else {
        report(
            format!(
                "the uid field is {}",
                f.get(2)
                    .map_or("missing".into(), |s| format!("'{s}', not a number"))
            ),
            false,
        );
        return None;
    };
    if f.len() != 7 {
        report(
            format!(
                "{} fields instead of 7 (name:x:uid:gid:gecos:home:shell)",
                f.len()
            ),
            true,
        );
    }
    if gid.is_none() {
        report("the gid field is not a number: gid 0 assumed".into(), true);
    }
    Some(User {
        name: name.to_string(),
        uid,
        gid: gid.unwrap_or(0),
        home: f.get(5).cloned().unwrap_or_default(),
        shell: f.get(6).cloned().unwrap_or_default(),
        line,
    })
}

fn group_line(line: usize, f: &[String], problems: &mut Vec<LineProblem>) -> Option<Group> {
    let text = f.join(":");
    let mut report = |why: String, kept: bool| {
        problems.push(problem(GROUP, line, text.as_bytes(), &why, kept));
    };
    if f.first()
        .is_some_and(|n| n.starts_with('+') || n.starts_with('-'))
    {
        report("NIS compat entry: not a group here".into(), false);
        return None;
    }
    let name = f.first().map(|s| s.trim()).unwrap_or_default();
    if name.is_empty() {
        report("no group name".into(), false);
        return None;
    }
    let Some(gid) = f.get(2).and_then(|s| id(s)) else {
        report(
            format!(
                "the gid field is {}",
                f.get(2)
                    .map_or("missing".into(), |s| format!("'{s}', not a number"))
            ),
            false,
        );
        return None;
    };
    if f.len() != 4 {
        report(
            format!("{} fields instead of 4 (name:x:gid:members)", f.len()),
            true,
        );
    }
    let members = f
        .get(3)
        .map(|m| {
            m.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Some(Group {
        name: name.to_string(),
        gid,
        members,
        line,
    })
}

/// Reports a second entry with a name already seen (the first one wins; a shared id, like
/// `toor` with uid 0, is allowed).
fn duplicates<T>(
    items: &[T],
    key: impl Fn(&T) -> String,
    file: &'static str,
    problems: &mut Vec<LineProblem>,
) where
    T: HasLine,
{
    let mut names = std::collections::HashMap::new();
    for it in items {
        let name = key(it);
        if let Some(first) = names.get(&name) {
            problems.push(LineProblem {
                file,
                line: it.line(),
                text: name.clone(),
                why: format!("'{name}' is already defined on line {first}: that one is used"),
                kept: true,
            });
        } else {
            names.insert(name, it.line());
        }
    }
}

trait HasLine {
    fn line(&self) -> usize;
}

impl HasLine for User {
    fn line(&self) -> usize {
        self.line
    }
}

impl HasLine for Group {
    fn line(&self) -> usize {
        self.line
    }
}
