//! The Logs tab's buffer: bounded in lines and in bytes, with follow, a scroll position that
//! stays where it is when following stops and while lines come and go, and search matches.
//!
//! Positions count screen rows (a wrapped line takes several), so a line longer than the
//! screen can be scrolled through; `rows` tells how many rows line `i` takes in the layout
//! on screen.
//!
//! Each line is kept as the container wrote it and, when that holds a secret, masked too
//! (`mask::masked`); `reveal` picks which one shows, is counted in rows and is searched.

use std::collections::VecDeque;

use super::line::{self, Shown};
use super::mask::masked;
use crate::engine::logs::{LogLine, LogStream};
use crate::envcheck::Masker;

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
    /// The line with its secrets masked, when it has any.
    pub masked: Option<Shown>,
}

impl Entry {
    /// The line as it shows: as written when secrets are revealed, else masked.
    pub fn view(&self, reveal: bool) -> &Shown {
        match &self.masked {
            Some(m) if !reveal => m,
            _ => &self.shown,
        }
    }

    fn bytes(&self) -> usize {
        self.shown.text.len() + self.masked.as_ref().map_or(0, |m| m.text.len())
    }
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
    /// What masks the lines: the container's secret values once learnt, and the patterns.
    pub masker: Masker,
    /// Secret values shown as written (the reveal key).
    pub reveal: bool,
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
        let entry = Entry {
            stream: line.stream,
            time: line.time,
            masked: masked(&shown, &self.masker),
            shown,
        };
        self.bytes += entry.bytes();
        self.lines.push_back(entry);
        while self.lines.len() > CAPACITY || (self.bytes > MAX_BYTES && self.lines.len() > 1) {
            self.drop_oldest();
        }
    }

    /// Masks with `masker` from now on, the lines already here too.
    pub fn set_masker(&mut self, masker: Masker) {
        self.masker = masker;
        let mut bytes = 0;
        for e in &mut self.lines {
            e.masked = masked(&e.shown, &self.masker);
            bytes += e.bytes();
        }
        self.bytes = bytes;
    }

    fn drop_oldest(&mut self) {
        if let Some(old) = self.lines.pop_front() {
            self.bytes -= old.bytes();
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
                .view(self.reveal)
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
