//! The line-level parts of the dotenv reader: key checks, `${…}` references, quoted values
//! (also over several lines), and duplicate keys.

use super::{Check, Entry};

pub(super) type Say<'a> = dyn FnMut(usize, Check, String) + 'a;

pub(super) fn push(entries: &mut Vec<Entry>, e: Entry, say: &mut Say) {
    match entries.iter_mut().find(|x| x.key == e.key) {
        Some(first) => {
            say(
                e.line,
                Check::DuplicatedKey,
                format!(
                    "{} is already set on line {}; this later value wins",
                    e.key, first.line
                ),
            );
            first.value = e.value;
        }
        None => entries.push(e),
    }
}

pub(super) fn check_key(key: &str, n: usize, indented: bool, say: &mut Say) {
    match key.chars().next() {
        None => say(
            n,
            Check::LeadingCharacter,
            "the line has no key before '='".into(),
        ),
        Some(c) if !(c.is_ascii_alphabetic() || c == '_' || indented) => say(
            n,
            Check::LeadingCharacter,
            format!("{key} starts with '{c}': keys start with a letter or '_'"),
        ),
        _ => {}
    }
    if key
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || c == '_'))
    {
        say(
            n,
            Check::IncorrectDelimiter,
            format!("{key} has characters other than A-Z, 0-9 and '_'"),
        );
    }
    if key.chars().any(|c| c.is_lowercase()) {
        say(
            n,
            Check::LowercaseKey,
            format!("{key} should be in uppercase"),
        );
    }
}

/// `${NAME}` references must be closed and name something.
pub(super) fn check_substitution(key: &str, value: &str, n: usize, say: &mut Say) {
    let mut rest = value;
    while let Some(p) = rest.find("${") {
        let after = &rest[p + 2..];
        let ok = after.find('}').is_some_and(|e| {
            let name = &after[..e];
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if !ok {
            say(
                n,
                Check::SubstitutionKey,
                format!("the value of {key} has a '${{' without a closing '}}' or a valid name"),
            );
            return;
        }
        rest = after;
    }
}

/// The value of a quoted `rest` starting on line `at` (0-based): its text and the line its
/// closing quote is on (`None`: never closed; the value is then the rest of line `at`).
pub(super) fn quoted(lines: &[String], at: usize, q: char, rest: &str) -> (String, Option<usize>) {
    let mut value = String::new();
    let mut text = &rest[q.len_utf8()..];
    let mut line = at;
    loop {
        let mut escaped = false;
        for c in text.chars() {
            if q == '"' && escaped {
                value.push(match c {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
                escaped = false;
            } else if q == '"' && c == '\\' {
                escaped = true;
            } else if c == q {
                return (value, Some(line));
            } else {
                value.push(c);
            }
        }
        line += 1;
        // A line that starts a new entry ends the search: the quote was never closed.
        match lines.get(line).filter(|l| !starts_entry(l)) {
            Some(next) => {
                value.push('\n');
                text = next;
            }
            None => {
                let first = &rest[q.len_utf8()..];
                return (first.trim_end().to_string(), None);
            }
        }
    }
}

/// `KEY=` at the start of a line (what a value's continuation line hardly ever is): an
/// upper-case name, `-` and `.` allowed (a base64 line ending in `=` has lower case).
pub(super) fn starts_entry(line: &str) -> bool {
    let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
    line.split_once('=').is_some_and(|(k, _)| {
        let k = k.trim_end();
        k.chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
            && k.chars().all(|c| {
                c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.')
            })
    })
}
