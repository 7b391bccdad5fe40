//! Text broken into lines of a width at spaces (words longer than the width are cut with
//! `…`), at most so many lines: for messages that must be read whole, such as what the
//! daemon said.

use super::ellipsize;

/// `text` in lines of at most `w` columns, broken at spaces; at most `max` lines (the
/// last one ellipsized when more would be needed).
pub fn wrap(text: &str, w: usize, max: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        let len = cur.chars().count();
        if len > 0 && len + 1 + word.chars().count() > w {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    lines.push(cur);
    if max > 0 && lines.len() > max {
        let rest = lines.split_off(max - 1).join(" ");
        lines.push(rest);
    }
    lines.into_iter().map(|l| ellipsize(&l, w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces_and_keeps_to_max_lines() {
        assert_eq!(wrap("a bb ccc dddd", 6, 9), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("a bb ccc dddd", 6, 2), ["a bb", "ccc d…"]);
        assert_eq!(wrap("abcdefghij", 4, 3), ["abc…"]);
        assert_eq!(wrap("", 4, 3), [""]);
    }
}
