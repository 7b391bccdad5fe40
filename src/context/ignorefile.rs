//! Reading a `.dockerignore` as Docker's `ignorefile.ReadAll` does: a UTF-8 BOM dropped,
//! lines split at `\n` (a `\r` before it dropped), a line starting with `#` is a comment
//! (only in the first column), surrounding white space trimmed, each pattern cleaned as a
//! Go path, a leading `/` dropped (so `/dist` means `dist`), `!` kept in front.

use super::clean::go_clean;

/// Go's `bufio.Scanner` refuses longer lines, and with it the build.
const MAX_LINE: usize = 64 * 1024;

/// The patterns of the file, with their 1-based line numbers. `Err` is Docker's refusal.
pub fn read(bytes: &[u8]) -> Result<Vec<(usize, String)>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    for (i, line) in lines.into_iter().enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.len() > MAX_LINE {
            return Err(format!(
                "line {n} is longer than 64 KiB: Docker cannot read the file (token too long)"
            ));
        }
        if line.starts_with('#') {
            continue;
        }
        let mut p = line.trim();
        if p.is_empty() {
            continue;
        }
        let invert = p.starts_with('!');
        if let Some(rest) = p.strip_prefix('!') {
            p = rest.trim();
        }
        let mut cleaned = String::new();
        if !p.is_empty() {
            cleaned = go_clean(p);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
        }
        if invert {
            cleaned.insert(0, '!');
        }
        out.push((n, cleaned));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::read;

    fn pats(text: &str) -> Vec<String> {
        read(text.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(_, p)| p)
            .collect()
    }

    #[test]
    fn comments_blank_lines_and_cleaning() {
        assert_eq!(
            pats("\u{feff}# c\n\n  .git  \r\n/dist/\n! /build//x/../y\n  # not a comment\n./a/.\n"),
            [".git", "dist", "!build/y", "# not a comment", "a"]
        );
        assert_eq!(pats("!\n"), ["!"]);
        assert_eq!(pats("/\n"), ["/"]);
        let numbered = read(b"a\n#b\n\nc").unwrap();
        assert_eq!(numbered, [(1, "a".to_string()), (4, "c".to_string())]);
    }

    #[test]
    fn very_long_lines_are_refused() {
        let long = "a".repeat(70_000);
        assert!(read(long.as_bytes()).unwrap_err().contains("line 1"));
    }
}
