//! The Logs tab's buffer: bounded in lines and in bytes, with follow, a scroll position that
//! stays where it is when following stops and while lines come and go, and search matches.
//!
//! Positions count screen rows (a wrapped line takes several), so a line longer than the
//! screen can be scrolled through; `rows` tells how many rows line `i` takes in the layout
//! on screen.

use std::collections::VecDeque;

use super::line::{self, Shown};
use crate::engine::logs::{LogLine, LogStream};

/// Lines kept per container; older ones are dropped (and counted).
pub const CAPACITY: usize = 5_000;
/// Bytes of text kept per container (a line is at most 1 MiB): older lines go first.
pub const MAX_BYTES: usize = 32 << 20;

/// One line of the buffer, parsed for the screen.
#[derive(Debug, Clone)]
pub struct Entry {
    pub stream: LogStream,
    pub time: Option<String>,
    pub shown: Shown,
}

/// A place in the buffer: line `line`, its `row`-th screen row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub row: usize,
}

#[derive(Debug, Default)]
pub struct LogBuf {
    pub lines: VecDeque<Entry>,
    /// Bytes of text in `lines`.
    pub bytes: usize,
    pub dropped: usize,
    /// Keep the view pinned to the newest line.
    pub follow: bool,
    /// The first row shown when not following.
    pub top: Pos,
    /// The search text (kept in step with the tab's search input).
    pub search: String,
    /// Index of the current match, if any.
    pub current: Option<usize>,
    /// The stream ended (container stopped, or an error, with its text).
    pub ended: Option<String>,
}

impl LogBuf {
    pub fn new() -> Self {
        LogBuf {
            follow: true,
            ..Default::default()
        }
    }

    /// Appends one line from the daemon.
    pub fn push(&mut self, line: LogLine) {
        let shown = line::parse(&line.text, line.cut);
        self.bytes += shown.text.len();
        self.lines.push_back(Entry {
            stream: line.stream,
            time: line.time,
            shown,
        });
        while self.lines.len() > CAPACITY || (self.bytes > MAX_BYTES && self.lines.len() > 1) {
            self.drop_oldest();
        }
    }

    fn drop_oldest(&mut self) {
        if let Some(old) = self.lines.pop_front() {
            self.bytes -= old.shown.text.len();
            self.dropped += 1;
            self.top = match self.top.line {
                0 => Pos::default(),
                n => Pos {
                    line: n - 1,
                    row: self.top.row,
                },
            };
            self.current = self.current.and_then(|c| c.checked_sub(1));
        }
    }

    /// Rows line `i` takes (at least one).
    fn rows_at(&self, i: usize, rows: &dyn Fn(&Entry) -> usize) -> usize {
        self.lines.get(i).map_or(1, |e| rows(e).max(1))
    }

    /// The first row that shows the newest line at the bottom of `height` rows.
    fn bottom(&self, height: usize, rows: &dyn Fn(&Entry) -> usize) -> Pos {
        let mut need = height;
        for i in (0..self.lines.len()).rev() {
            let r = self.rows_at(i, rows);
            if r >= need {
                return Pos {
                    line: i,
                    row: r - need,
                };
            }
            need -= r;
        }
        Pos::default()
    }

    /// The first row to show in a window of `height` rows.
    pub fn first_visible(&self, height: usize, rows: &dyn Fn(&Entry) -> usize) -> Pos {
        let bottom = self.bottom(height, rows);
        if self.follow {
            bottom
        } else {
            let top = Pos {
                line: self.top.line,
                row: self.top.row.min(self.rows_at(self.top.line, rows) - 1),
            };
            top.min(bottom)
        }
    }

    /// `p` moved `n` rows back (up to the first row).
    fn back(&self, mut p: Pos, n: usize, rows: &dyn Fn(&Entry) -> usize) -> Pos {
        let mut left = n;
        while left > 0 {
            if p.row >= left {
                p.row -= left;
                break;
            }
            left -= p.row + 1;
            if p.line == 0 {
                return Pos::default();
            }
            p.line -= 1;
            p.row = self.rows_at(p.line, rows) - 1;
        }
        p
    }

    /// `p` moved `n` rows on (up to `bottom`).
    fn on(&self, mut p: Pos, n: usize, bottom: Pos, rows: &dyn Fn(&Entry) -> usize) -> Pos {
        let mut left = n;
        while left > 0 && p < bottom {
            let last = self.rows_at(p.line, rows) - 1;
            if p.row + left <= last {
                p.row += left;
                break;
            }
            left -= last - p.row + 1;
            p = Pos {
                line: p.line + 1,
                row: 0,
            };
        }
        p.min(bottom)
    }

    /// Moves the view by `delta` rows; reaching the newest line going down follows again.
    pub fn scroll(&mut self, delta: isize, height: usize, rows: &dyn Fn(&Entry) -> usize) {
        let bottom = self.bottom(height, rows);
        let p = self.first_visible(height, rows);
        self.top = if delta < 0 {
            self.back(p, delta.unsigned_abs(), rows)
        } else {
            self.on(p, delta as usize, bottom, rows)
        };
        self.follow = delta > 0 && self.top >= bottom;
    }

    /// Stops following where the view is, or follows again.
    pub fn toggle_follow(&mut self, height: usize, rows: &dyn Fn(&Entry) -> usize) {
        if self.follow {
            self.top = self.first_visible(height, rows);
            self.follow = false;
        } else {
            self.follow = true;
        }
    }

    pub fn to_top(&mut self) {
        self.follow = false;
        self.top = Pos::default();
    }

    pub fn to_bottom(&mut self) {
        self.follow = true;
    }

    fn matches(&self, i: usize) -> bool {
        !self.search.is_empty()
            && self.lines[i]
                .shown
                .text
                .to_lowercase()
                .contains(&self.search.to_lowercase())
    }

    /// Jumps to the next (or previous) line matching the search; returns false if none.
    pub fn jump(&mut self, forward: bool, height: usize, rows: &dyn Fn(&Entry) -> usize) -> bool {
        let n = self.lines.len();
        if n == 0 || self.search.is_empty() {
            return false;
        }
        let start = self.current.unwrap_or(if forward { n - 1 } else { 0 });
        for step in 1..=n {
            let i = if forward {
                (start + step) % n
            } else {
                (start + n - step % n) % n
            };
            if self.matches(i) {
                self.current = Some(i);
                self.follow = false;
                // The match in the middle of the screen, where there is room above it.
                self.top = self.back(Pos { line: i, row: 0 }, height / 2, rows);
                return true;
            }
        }
        false
    }

    pub fn match_count(&self) -> usize {
        (0..self.lines.len()).filter(|i| self.matches(*i)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> LogLine {
        LogLine::new(LogStream::Stdout, s)
    }

    fn one(_: &Entry) -> usize {
        1
    }

    #[test]
    fn buffer_is_bounded_in_lines_and_bytes() {
        let mut b = LogBuf::new();
        for i in 0..CAPACITY + 10 {
            b.push(line(&format!("l{i}")));
        }
        assert_eq!(b.lines.len(), CAPACITY);
        assert_eq!(b.dropped, 10);
        assert_eq!(b.lines[0].shown.text, "l10");
        let mut b = LogBuf::new();
        let big = "x".repeat(1 << 20);
        for _ in 0..40 {
            b.push(line(&big));
        }
        assert!(b.bytes <= MAX_BYTES, "{}", b.bytes);
        assert_eq!(b.lines.len(), 32);
    }

    #[test]
    fn search_wraps_and_stops_following() {
        let mut b = LogBuf::new();
        for s in ["x", "boom 1", "y", "boom 2", "z"] {
            b.push(line(s));
        }
        b.search = "BOOM".into();
        assert_eq!(b.match_count(), 2);
        assert!(b.jump(true, 3, &one));
        assert_eq!(b.current, Some(1));
        assert!(!b.follow);
        assert!(b.jump(true, 3, &one));
        assert_eq!(b.current, Some(3));
        assert!(b.jump(true, 3, &one));
        assert_eq!(b.current, Some(1));
        assert!(b.jump(false, 3, &one));
        assert_eq!(b.current, Some(3));
    }

    #[test]
    fn follow_pins_to_bottom_and_pausing_stays_put() {
        let mut b = LogBuf::new();
        for i in 0..100 {
            b.push(line(&i.to_string()));
        }
        assert_eq!(b.first_visible(10, &one), Pos { line: 90, row: 0 });
        // Pausing keeps the view where it is, also while lines come in.
        b.toggle_follow(10, &one);
        assert!(!b.follow);
        b.push(line("new"));
        assert_eq!(b.first_visible(10, &one).line, 90);
        b.scroll(-5, 10, &one);
        assert_eq!(b.first_visible(10, &one).line, 85);
        b.scroll(50, 10, &one);
        assert!(b.follow);
        assert_eq!(b.first_visible(10, &one).line, 91);
    }

    #[test]
    fn rows_of_a_long_line_scroll_one_by_one() {
        let mut b = LogBuf::new();
        for s in ["a", "long", "b"] {
            b.push(line(s));
        }
        // Line 1 takes 10 rows: the bottom of 4 rows is its 8th row.
        let rows = |e: &Entry| if e.shown.text == "long" { 10 } else { 1 };
        assert_eq!(b.first_visible(4, &rows), Pos { line: 1, row: 7 });
        b.to_top();
        b.scroll(3, 4, &rows);
        assert_eq!(b.first_visible(4, &rows), Pos { line: 1, row: 2 });
        b.scroll(-2, 4, &rows);
        assert_eq!(b.first_visible(4, &rows), Pos { line: 1, row: 0 });
        b.scroll(-5, 4, &rows);
        assert_eq!(b.first_visible(4, &rows), Pos::default());
    }

    #[test]
    fn dropped_lines_keep_the_paused_view_on_its_line() {
        let mut b = LogBuf::new();
        for i in 0..CAPACITY {
            b.push(line(&format!("l{i}")));
        }
        b.top = Pos { line: 10, row: 0 };
        b.follow = false;
        b.push(line("more"));
        assert_eq!(b.top.line, 9);
        assert_eq!(b.lines[b.top.line].shown.text, "l10");
    }
}
