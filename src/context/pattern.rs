//! One `.dockerignore` pattern compiled the way moby's patternmatcher compiles it: an exact
//! path, a prefix (`dir/**`), a suffix (`**/name`), or a regular expression — with the same
//! shortcuts, because they change what matches (`**.py` is a suffix match on current
//! Docker). Go's regexp syntax leaks through patternmatcher (`\d` is a digit class); where
//! docktor reproduces such a quirk it says so in a note, where it cannot it marks the
//! pattern unsupported instead of matching differently in silence.

use regex::Regex;

use super::glob;

/// How a compiled pattern matches.
#[derive(Debug, Clone)]
enum Kind {
    Exact,
    /// The pattern without its trailing `**`.
    Prefix(String),
    /// The pattern without its leading `**`.
    Suffix(String),
    Regex(Regex),
}

/// A compiled pattern (without its `!`).
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The cleaned pattern, as Docker keeps it.
    pub text: String,
    /// `!pattern`: an exception that re-includes.
    pub exclusion: bool,
    /// How Docker reads something surprising in this pattern (docktor matches the same).
    pub notes: Vec<String>,
    /// Set when docktor cannot reproduce what Docker does with this pattern.
    pub unsupported: Option<String>,
    kind: Kind,
}

impl Pattern {
    /// Compiles `text` (cleaned, without `!`). `Err` is Docker's own refusal: the build
    /// fails with "syntax error in pattern".
    pub fn compile(text: &str, exclusion: bool) -> Result<Pattern, String> {
        glob::validate(text)?;
        let mut c = Compiler::default();
        let chars: Vec<char> = text.chars().collect();
        c.run(&chars)?;
        let kind = match c.kind {
            Ty::Exact => Kind::Exact,
            Ty::Prefix => Kind::Prefix(strip_chars(text, 0, 2)),
            Ty::Suffix => Kind::Suffix(strip_chars(text, 2, 0)),
            Ty::Regexp => {
                c.re.push('$');
                Kind::Regex(Regex::new(&c.re).map_err(|e| format!("syntax error in pattern: {e}"))?)
            }
        };
        if let Kind::Suffix(s) = &kind
            && !s.is_empty()
            && !s.starts_with('/')
        {
            c.notes.push(format!(
                "`{text}` matches every path ending in `{s}` on current Docker (Docker 20.10's \
                 client matched only names equal to `{s}`)"
            ));
        }
        Ok(Pattern {
            text: text.to_string(),
            exclusion,
            notes: c.notes,
            unsupported: c.unsupported,
            kind,
        })
    }

    /// Whether the pattern matches `path` (relative, `/`-separated).
    pub fn matches(&self, path: &str) -> bool {
        match &self.kind {
            Kind::Exact => path == self.text,
            Kind::Prefix(p) => path.starts_with(p.as_str()),
            Kind::Suffix(s) => {
                path.ends_with(s.as_str()) || s.strip_prefix('/').is_some_and(|rest| path == rest)
            }
            Kind::Regex(re) => re.is_match(path),
        }
    }
}

/// `text` without `head` chars at the start and `tail` at the end (the `**` are ASCII).
fn strip_chars(text: &str, head: usize, tail: usize) -> String {
    let n = text.chars().count();
    text.chars()
        .skip(head)
        .take(n.saturating_sub(head + tail))
        .collect()
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Ty {
    #[default]
    Exact,
    Prefix,
    Suffix,
    Regexp,
}

struct Compiler {
    re: String,
    kind: Ty,
    notes: Vec<String>,
    unsupported: Option<String>,
}

impl Default for Compiler {
    fn default() -> Self {
        Compiler {
            re: "^".into(),
            kind: Ty::Exact,
            notes: Vec::new(),
            unsupported: None,
        }
    }
}

/// Characters patternmatcher escapes before handing the pattern to Go's regexp.
const ESCAPED: &str = ".+()|{}$";

impl Compiler {
    fn unsupported(&mut self, why: String) {
        self.unsupported.get_or_insert(why);
    }

    fn run(&mut self, p: &[char]) -> Result<(), String> {
        let mut i = 0;
        let mut iteration = 0;
        let mut caret = false;
        while i < p.len() {
            let ch = p[i];
            i += 1;
            match ch {
                '*' if p.get(i) == Some(&'*') => {
                    i += 1;
                    if p.get(i) == Some(&'/') {
                        i += 1;
                    }
                    if i == p.len() {
                        if self.kind == Ty::Exact {
                            self.kind = Ty::Prefix;
                        } else {
                            self.re.push_str(".*");
                            self.kind = Ty::Regexp;
                        }
                    } else {
                        self.re.push_str("(?:.*/)?");
                        self.kind = Ty::Regexp;
                    }
                    if iteration == 0 {
                        self.kind = Ty::Suffix;
                    }
                }
                '*' => {
                    self.re.push_str("[^/]*");
                    self.kind = Ty::Regexp;
                }
                '?' => {
                    self.re.push_str("[^/]");
                    self.kind = Ty::Regexp;
                }
                '\\' => {
                    let Some(&next) = p.get(i) else {
                        return Err("syntax error in pattern: a trailing \\ escapes nothing".into());
                    };
                    i += 1;
                    let piece = self.escape(next)?;
                    self.re.push_str(&piece);
                    self.kind = Ty::Regexp;
                }
                '[' => {
                    i = self.class(p, i)?;
                    self.kind = Ty::Regexp;
                }
                ']' => {
                    self.re.push_str("\\]");
                    self.kind = Ty::Regexp;
                }
                '^' => {
                    // Go's regexp reads it as "start of the text".
                    self.re.push('^');
                    caret = true;
                }
                c if ESCAPED.contains(c) => self.re.push_str(&regex::escape(&c.to_string())),
                c => self.re.push_str(&regex::escape(&c.to_string())),
            }
            iteration += 1;
        }
        if caret && self.kind == Ty::Regexp {
            self.notes.push(
                "a `^` in a pattern with wildcards is an anchor for Docker, not a character: \
                 it matches no path unless it stands first"
                    .into(),
            );
        }
        Ok(())
    }

    /// `\c` outside brackets, as Go's regexp reads the `\c` patternmatcher passes on.
    fn escape(&mut self, c: char) -> Result<String, String> {
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            return Ok(regex::escape(&c.to_string()));
        }
        let class = |s: &str, what: &str, notes: &mut Vec<String>| {
            notes.push(format!("`\\{c}` is {what} for Docker, not the letter {c}"));
            Ok(s.to_string())
        };
        match c {
            'd' => class("[0-9]", "a digit", &mut self.notes),
            'D' => class("[^0-9]", "any non-digit", &mut self.notes),
            's' => class("[\\t\\n\\f\\r ]", "a space", &mut self.notes),
            'S' => class("[^\\t\\n\\f\\r ]", "any non-space", &mut self.notes),
            'w' => class("[0-9A-Za-z_]", "a word character", &mut self.notes),
            'W' => class("[^0-9A-Za-z_]", "any non-word character", &mut self.notes),
            'a' => class("\\x07", "the bell character", &mut self.notes),
            'f' => class("\\x0C", "a form feed", &mut self.notes),
            't' => class("\\t", "a tab", &mut self.notes),
            'n' => class("\\n", "a newline", &mut self.notes),
            'r' => class("\\r", "a carriage return", &mut self.notes),
            'v' => class("\\x0B", "a vertical tab", &mut self.notes),
            'A' => class("\\A", "the start of the path", &mut self.notes),
            'z' => class("\\z", "the end of the path", &mut self.notes),
            'b' => class("(?-u:\\b)", "a word boundary", &mut self.notes),
            'B' => class("(?-u:\\B)", "a non-boundary", &mut self.notes),
            'p' | 'P' | 'Q' | 'E' | 'x' | '0'..='7' => {
                self.unsupported(format!(
                    "`\\{c}` starts a Go regular-expression escape docktor does not reproduce"
                ));
                Ok(regex::escape(&c.to_string()))
            }
            _ => Err(format!(
                "syntax error in pattern: Docker's regular expression refuses `\\{c}`"
            )),
        }
    }

    /// A `[...]` class starting after the `[` at `p[i]`; returns the index after its `]`.
    fn class(&mut self, p: &[char], mut i: usize) -> Result<usize, String> {
        let mut out = String::from("[");
        if p.get(i) == Some(&'^') {
            out.push('^');
            i += 1;
        }
        let mut first = true;
        loop {
            let Some(&c) = p.get(i) else {
                return Err("syntax error in pattern: a [ is never closed".into());
            };
            i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let (lo, next) = self.class_char(p, c, i);
            i = next;
            out.push_str(&class_escape(lo));
            if p.get(i) == Some(&'-') && p.get(i + 1).is_some_and(|c| *c != ']') {
                let c = p[i + 1];
                let (hi, next) = self.class_char(p, c, i + 2);
                i = next;
                if hi < lo {
                    return Err(format!(
                        "syntax error in pattern: the range {lo}-{hi} runs backwards"
                    ));
                }
                out.push('-');
                out.push_str(&class_escape(hi));
            }
        }
        out.push(']');
        self.re.push_str(&out);
        Ok(i)
    }

    /// One character of a class (`c` read at `i - 1`) and the index after it.
    fn class_char(&mut self, p: &[char], c: char, i: usize) -> (char, usize) {
        match c {
            '*' | '?' => {
                self.unsupported(format!(
                    "a `{c}` inside [...] becomes part of a Go regular expression that docktor \
                     does not reproduce"
                ));
                (c, i)
            }
            '[' if p.get(i) == Some(&':') => {
                self.unsupported("`[:` inside [...] is a POSIX class to Docker".into());
                (c, i)
            }
            '\\' => match p.get(i) {
                Some(&e) if e.is_ascii() && !e.is_ascii_alphanumeric() => (e, i + 1),
                Some(&e) => {
                    self.unsupported(format!(
                        "`\\{e}` inside [...] is a Go regular-expression escape docktor does \
                         not reproduce"
                    ));
                    (e, i + 1)
                }
                None => (c, i),
            },
            c => (c, i),
        }
    }
}

/// A character inside a Rust regex class, escaped when the class syntax would read it.
fn class_escape(c: char) -> String {
    if matches!(c, '\\' | '[' | ']' | '^' | '-' | '&' | '~') {
        format!("\\{c}")
    } else {
        c.to_string()
    }
}

#[cfg(test)]
#[path = "pattern_tests.rs"]
mod tests;
