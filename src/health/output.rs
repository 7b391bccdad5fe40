//! A probe's output made safe to keep and to show: at most 4 KiB (what the daemon keeps),
//! cut on a character boundary; invalid UTF-8 replaced; terminal escapes and control
//! characters removed so a probe cannot repaint the screen.

/// The daemon keeps 4,096 bytes of a probe's output (moby `maxOutputLen`).
pub const MAX_OUTPUT: usize = 4096;

/// Bytes as the exec gave them → text to keep.
pub fn from_bytes(bytes: &[u8]) -> String {
    clean(&String::from_utf8_lossy(bytes))
}

/// Keeps printable text, newlines and tabs; drops ANSI escape sequences and other control
/// characters; caps the result at [`MAX_OUTPUT`] bytes.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_OUTPUT));
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
            continue;
        }
        let keep = match c {
            '\n' | '\t' => Some(c),
            '\r' => None,
            c if c.is_control() => None,
            c => Some(c),
        };
        if let Some(c) = keep {
            if out.len() + c.len_utf8() > MAX_OUTPUT {
                break;
            }
            out.push(c);
        }
    }
    out
}

/// Skips the rest of an escape sequence: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), or
/// a two-character one.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
        _ => {}
    }
}

/// The output as lines to show (no trailing empty line; `(no output)` when empty).
pub fn lines(output: &str) -> Vec<&str> {
    let t = output.trim_end_matches('\n');
    if t.trim().is_empty() {
        return vec!["(no output)"];
    }
    t.split('\n').collect()
}

/// The first non-empty line, for one-line summaries.
pub fn first_line(output: &str) -> &str {
    output
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// The line that says most, for one-line summaries: the first non-empty one, except in a
/// Python traceback (a check with `python -c "urllib…"`), whose last line names the error
/// (`urllib.error.HTTPError: HTTP Error 503: Service Unavailable`).
pub fn telling_line(output: &str) -> &str {
    let first = first_line(output);
    if !first.starts_with("Traceback (most recent call last)") {
        return first;
    }
    output
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_traceback_is_told_by_its_last_line() {
        let tb = "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nurllib.error.HTTPError: HTTP Error 503: Service Unavailable\n\n";
        assert_eq!(
            telling_line(tb),
            "urllib.error.HTTPError: HTTP Error 503: Service Unavailable"
        );
        assert_eq!(
            telling_line("\nwget: bad address 'db'\nmore"),
            "wget: bad address 'db'"
        );
        assert_eq!(telling_line(""), "");
    }

    #[test]
    fn escapes_and_controls_are_dropped() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m ok\r\n"), "red ok\n");
        assert_eq!(clean("a\u{1b}]0;title\u{7}b\u{0}c"), "abc");
        assert_eq!(clean("tab\tkept"), "tab\tkept");
    }

    #[test]
    fn invalid_utf8_and_long_output_are_safe() {
        assert_eq!(from_bytes(b"ok \xff\xfe end"), "ok \u{fffd}\u{fffd} end");
        let long = "é".repeat(3000);
        let c = clean(&long);
        assert!(c.len() <= MAX_OUTPUT && c.len() >= MAX_OUTPUT - 1);
        assert!(c.chars().all(|ch| ch == 'é'));
    }

    #[test]
    fn lines_for_the_view() {
        assert_eq!(lines("a\nb\n"), vec!["a", "b"]);
        assert_eq!(lines("  \n"), vec!["(no output)"]);
        assert_eq!(first_line("\n  wget: refused\nmore"), "wget: refused");
    }
}
