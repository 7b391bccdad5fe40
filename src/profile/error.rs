//! Profile errors, written for people: file, line:column, key, what is wrong, what to do.

use std::fmt;
use std::path::PathBuf;

/// Why a profile could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// `--profile FILE` names a file that does not exist.
    NotFound { path: PathBuf },
    /// The file exists but cannot be read.
    Unreadable { path: PathBuf, message: String },
    /// The file is not a valid profile.
    Invalid {
        path: PathBuf,
        /// 1-based line and column (in characters), when known.
        location: Option<(usize, usize)>,
        /// Dotted key path, e.g. `health.port`, when the error is about a key.
        key: Option<String>,
        message: String,
        /// What to do about it.
        hint: String,
    },
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::NotFound { path } => write!(
                f,
                "profile {} not found; check the --profile path, or leave it out to use \
                 ./docktor.toml or the defaults",
                path.display()
            ),
            ProfileError::Unreadable { path, message } => write!(
                f,
                "cannot read profile {}: {message}; check that it is a readable file",
                path.display()
            ),
            ProfileError::Invalid {
                path,
                location,
                key,
                message,
                hint,
            } => {
                write!(f, "{}", path.display())?;
                if let Some((line, column)) = location {
                    write!(f, ":{line}:{column}")?;
                }
                write!(f, ": ")?;
                if let Some(key) = key {
                    write!(f, "key '{key}': ")?;
                }
                write!(f, "{message} — {hint}")
            }
        }
    }
}

impl std::error::Error for ProfileError {}

/// 1-based line and column (counted in characters) of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Dotted path of the innermost key whose key or value covers byte `offset`.
pub(crate) fn key_path_at(text: &str, offset: usize) -> Option<String> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut path = Vec::new();
    find_key(doc.as_table(), offset, &mut path).then(|| path.join("."))
}

fn find_key(table: &dyn toml_edit::TableLike, offset: usize, path: &mut Vec<String>) -> bool {
    let covers = |span: Option<std::ops::Range<usize>>| span.is_some_and(|s| s.contains(&offset));
    for (name, item) in table.iter() {
        let key_span = table.get_key_value(name).and_then(|(k, _)| k.span());
        path.push(name.to_string());
        let whole = match (key_span.clone(), item.span()) {
            (Some(k), Some(v)) => Some(k.start..v.end.max(k.end)),
            (k, v) => k.or(v),
        };
        if let Some(inner) = item.as_table_like()
            && find_key(inner, offset, path)
        {
            return true;
        }
        if let Some(tables) = item.as_array_of_tables() {
            for t in tables.iter() {
                if find_key(t, offset, path) {
                    return true;
                }
            }
        }
        if covers(key_span) || (item.is_value() && covers(whole)) {
            return true;
        }
        path.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 11), (2, 5));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn key_paths() {
        let text = "a = 1\n[health]\nport = \"x\"\ninline = { deep = 3 }\n[t.u]\nv = [1,\n 2]\n";
        let at = |needle: &str| key_path_at(text, text.find(needle).unwrap());
        assert_eq!(at("1\n").as_deref(), Some("a"));
        assert_eq!(at("\"x\"").as_deref(), Some("health.port"));
        assert_eq!(at("3 }").as_deref(), Some("health.inline.deep"));
        assert_eq!(at(" 2]").as_deref(), Some("t.u.v"));
        assert_eq!(key_path_at("a = [", 2), None);
    }
}
