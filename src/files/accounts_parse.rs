//! The line-by-line reading of `/etc/passwd` and `/etc/group`: fields split on `:`, every
//! problem reported with its file, line and text, an entry kept when its name and id read.

use super::accounts::{GROUP, Group, LineProblem, PASSWD, User};
use super::escape::escape;

/// The non-comment, non-blank lines with their numbers, split on `:`; a line that is not
/// UTF-8 is reported and read with replacement characters.
pub(super) fn lines(
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

pub(super) fn user(line: usize, f: &[String], problems: &mut Vec<LineProblem>) -> Option<User> {
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

pub(super) fn group_line(
    line: usize,
    f: &[String],
    problems: &mut Vec<LineProblem>,
) -> Option<Group> {
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
pub(super) fn duplicates<T>(
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

pub(super) trait HasLine {
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
