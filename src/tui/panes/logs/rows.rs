//! Laying a shown line out in screen rows: wrapped at the width, or one row starting at a
//! horizontal offset. Widths are measured per grapheme as ratatui measures them, so a wide
//! character is never split and never straddles the edge.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One row of a line: the bytes `start..end` of its text, after `pad` blank columns (a wide
/// character cut by the left edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub pad: usize,
}

/// The rows of `text` wrapped at `width` columns (at least one row, even when empty).
pub fn wrapped(text: &str, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let (mut start, mut col) = (0, 0);
    for (i, g) in text.grapheme_indices(true) {
        let w = g.width();
        if col + w > width && col > 0 {
            rows.push(Row {
                start,
                end: i,
                pad: 0,
            });
            start = i;
            col = 0;
        }
        col += w;
    }
    rows.push(Row {
        start,
        end: text.len(),
        pad: 0,
    });
    rows
}

/// How many rows `text` takes wrapped at `width`.
pub fn count(text: &str, width: usize) -> usize {
    wrapped(text, width).len()
}

/// The one row of `text` shown from column `skip` on, `width` columns wide.
pub fn window(text: &str, skip: usize, width: usize) -> Row {
    let (mut col, mut start, mut pad) = (0, None, 0);
    let mut end = text.len();
    for (i, g) in text.grapheme_indices(true) {
        let w = g.width();
        match start {
            None if col >= skip => {
                start = Some(i);
            }
            // A wide character cut by the left edge: blanks instead of its right half.
            None if col + w > skip => {
                pad = col + w - skip;
                start = Some(i + g.len());
                col += w;
                continue;
            }
            _ => {}
        }
        if start.is_some() && col + w > skip + width {
            end = i;
            break;
        }
        col += w;
    }
    let start = start.unwrap_or(text.len()).min(end);
    Row { start, end, pad }
}

/// Columns `text` takes on one row.
pub fn width(text: &str) -> usize {
    text.width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(text: &'a str, rows: &[Row]) -> Vec<&'a str> {
        rows.iter().map(|r| &text[r.start..r.end]).collect()
    }

    #[test]
    fn wraps_at_the_width_without_splitting_wide_characters() {
        assert_eq!(
            parts("abcdefg", &wrapped("abcdefg", 3)),
            ["abc", "def", "g"]
        );
        assert_eq!(parts("a漢字b", &wrapped("a漢字b", 4)), ["a漢", "字b"]);
        assert_eq!(wrapped("", 10).len(), 1);
        // A character wider than the row still gets one.
        assert_eq!(parts("漢字", &wrapped("漢字", 1)), ["漢", "字"]);
        assert_eq!(count(&"x".repeat(40_000), 76), 527);
    }

    #[test]
    fn a_window_starts_at_a_column() {
        let t = "0123456789";
        let r = window(t, 4, 3);
        assert_eq!((&t[r.start..r.end], r.pad), ("456", 0));
        let t = "ab漢字cd";
        // Column 3 is the right half of 漢: one blank, then 字c.
        let r = window(t, 3, 3);
        assert_eq!((&t[r.start..r.end], r.pad), ("字", 1));
        let r = window(t, 100, 3);
        assert_eq!(r.start, r.end);
        assert_eq!(width("漢字"), 4);
    }
}
