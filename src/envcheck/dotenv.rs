//! A `.env` file read the way people write them, and checked the way dotenv-linter checks
//! them: every problem with its file and line, and every entry that can be used still used.
//!
//! Values follow python-dotenv (quotes removed, `"…"` may span lines, ` #` starts a comment
//! after an unquoted value); the problems name what `docker run --env-file` would do
//! differently (it keeps quotes, knows no `export`, reads no multi-line value). Problem
//! messages never hold a value: the file may be a real `.env` with real secrets.

use std::path::Path;

use serde::Serialize;

/// What is wrong with a line. The first nine are dotenv-linter's checks (same names, so its
/// users recognise them); the others are what a hand-written file brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Check {
    DuplicatedKey,
    KeyWithoutValue,
    LowercaseKey,
    LeadingCharacter,
    IncorrectDelimiter,
    QuoteCharacter,
    SpaceCharacter,
    SubstitutionKey,
    TrailingWhitespace,
    ExportPrefix,
    CrlfLineEnding,
    ByteOrderMark,
    MultilineValue,
    UnclosedQuote,
    InvalidUtf8,
}

/// One problem of a dotenv file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub check: Check,
    pub message: String,
}

impl std::fmt::Display for Problem {
    /// `BackEnd/.env:3 DuplicatedKey: …`, as dotenv-linter prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{} {:?}: {}",
            self.file, self.line, self.check, self.message
        )
    }
}

/// One `KEY=value` of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub key: String,
    #[serde(skip)]
    pub value: String,
    pub line: usize,
}

/// A parsed dotenv file: its entries (a key set twice keeps the last value, as the
/// loaders do) and its problems, by line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DotenvFile {
    pub file: String,
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

impl DotenvFile {
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_str())
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// Reads and parses `path`; `shown` is how problems name the file.
pub fn read(path: &Path, shown: &str) -> std::io::Result<DotenvFile> {
    Ok(parse(&std::fs::read(path)?, shown))
}

/// Parses the bytes of a dotenv file named `file` (for the problems).
pub fn parse(bytes: &[u8], file: &str) -> DotenvFile {
    let mut out = DotenvFile {
        file: file.to_string(),
        ..Default::default()
    };
    let mut say = |line: usize, check: Check, message: String| {
        out.problems.push(Problem {
            file: file.to_string(),
            line,
            check,
            message,
        })
    };
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()) {
        Some(rest) => {
            say(1, Check::ByteOrderMark, "the file starts with a UTF-8 byte-order mark: docker --env-file makes it part of the first key; save the file without BOM".into());
            rest
        }
        None => bytes,
    };
    let mut lines: Vec<String> = Vec::new();
    let mut crlf = None;
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let raw = match raw.strip_suffix(b"\r") {
            Some(r) => {
                crlf.get_or_insert(i + 1);
                r
            }
            None => raw,
        };
        lines.push(match std::str::from_utf8(raw) {
            Ok(s) => s.to_string(),
            Err(_) => {
                say(i + 1, Check::InvalidUtf8, "the line is not valid UTF-8: the bad bytes read as U+FFFD; save the file as UTF-8".into());
                String::from_utf8_lossy(raw).into_owned()
            }
        });
    }
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop(); // the newline ending the last line
    }
    if let Some(n) = crlf {
        say(n, Check::CrlfLineEnding, "Windows (CRLF) line ends from this line on: some loaders keep the \\r in values; save with LF line ends".into());
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let n = i + 1;
        let line = &lines[i];
        i += 1;
        if line.ends_with([' ', '\t']) {
            say(n, Check::TrailingWhitespace, "trailing whitespace".into());
        }
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if body.len() != line.len() {
            say(
                n,
                Check::LeadingCharacter,
                "the line starts with whitespace".into(),
            );
        }
        let body = match body.strip_prefix("export ") {
            Some(rest) => {
                say(
                    n,
                    Check::ExportPrefix,
                    "'export' prefix: docker --env-file reads 'export KEY' as the key; remove it"
                        .into(),
                );
                rest.trim_start()
            }
            None => body,
        };
        let Some((key_raw, rest)) = body.split_once('=') else {
            let key = body.trim().to_string();
            say(
                n,
                Check::KeyWithoutValue,
                format!("{key} has no '=': write {key}= for an empty value"),
            );
            check_key(&key, n, body.len() != line.len(), &mut say);
            push(
                &mut entries,
                Entry {
                    key,
                    value: String::new(),
                    line: n,
                },
                &mut say,
            );
            continue;
        };
        if key_raw.ends_with([' ', '\t']) || rest.starts_with([' ', '\t']) {
            say(n, Check::SpaceCharacter, "spaces around '='".into());
        }
        let key = key_raw.trim().to_string();
        check_key(&key, n, body.len() != line.len(), &mut say);
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                say(
                    n,
                    Check::QuoteCharacter,
                    format!(
                        "the value of {key} is quoted: docker --env-file keeps the quotes in the value"
                    ),
                );
                let (value, end) = quoted(&lines, i - 1, q, rest);
                match end {
                    Some(last) if last > i - 1 => {
                        say(
                            n,
                            Check::MultilineValue,
                            format!(
                                "the value of {key} spans lines {n}-{}: docker --env-file reads only line {n}",
                                last + 1
                            ),
                        );
                        i = last + 1;
                    }
                    Some(_) => {}
                    None => say(
                        n,
                        Check::UnclosedQuote,
                        format!("the value of {key} opens a {q} quote that is never closed"),
                    ),
                }
                if q == '"' {
                    check_substitution(&key, &value, n, &mut say);
                }
                value
            }
            _ => {
                let value = match rest.find(" #") {
                    Some(c) => rest[..c].trim_end(),
                    None => rest.trim_end(),
                };
                if value.contains(['"', '\'']) {
                    say(
                        n,
                        Check::QuoteCharacter,
                        format!("the value of {key} holds a quote character"),
                    );
                }
                check_substitution(&key, value, n, &mut say);
                value.to_string()
            }
        };
        push(
            &mut entries,
            Entry {
                key,
                value,
                line: n,
            },
            &mut say,
        );
    }
    out.entries = entries;
    out
}

mod lines;
use lines::{check_key, check_substitution, push, quoted};

#[cfg(test)]
#[path = "dotenv/tests.rs"]
mod tests;
