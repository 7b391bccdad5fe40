//! The Logs tab's buffer: bounded, with follow, scrolling and search matches.

use std::collections::VecDeque;

use crate::engine::logs::{LogLine, LogStream};

/// Lines kept per container; older ones are dropped (and counted).
pub const CAPACITY: usize = 5_000;

#[derive(Debug, Default)]
pub struct LogBuf {
    pub lines: VecDeque<LogLine>,
    pub dropped: usize,
    /// Keep the view pinned to the newest line.
    pub follow: bool,
    /// Index of the first line shown when not following.
    pub top: usize,
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

    /// Appends a chunk from the daemon, splitting it into lines.
    pub fn push(&mut self, line: LogLine) {
        for text in line.text.split('\n') {
            self.lines.push_back(LogLine {
                stream: line.stream,
                text: text.trim_end_matches('\r').to_string(),
            });
            if self.lines.len() > CAPACITY {
                self.lines.pop_front();
                self.dropped += 1;
                self.top = self.top.saturating_sub(1);
                self.current = self.current.and_then(|c| c.checked_sub(1));
            }
        }
    }

    /// First line to show in a window of `height` lines.
    pub fn first_visible(&self, height: usize) -> usize {
        let max_top = self.lines.len().saturating_sub(height);
        if self.follow {
            max_top
        } else {
            self.top.min(max_top)
        }
    }

    pub fn scroll(&mut self, delta: isize, height: usize) {
        let cur = self.first_visible(height) as isize;
        let max_top = self.lines.len().saturating_sub(height) as isize;
        let next = (cur + delta).clamp(0, max_top);
        self.top = next as usize;
        self.follow = next >= max_top && delta > 0;
    }

    pub fn to_top(&mut self) {
        self.follow = false;
        self.top = 0;
    }

    pub fn to_bottom(&mut self) {
        self.follow = true;
    }

    fn matches(&self, i: usize) -> bool {
        !self.search.is_empty()
            && self.lines[i]
                .text
                .to_lowercase()
                .contains(&self.search.to_lowercase())
    }

    /// Jumps to the next (or previous) line matching the search; returns false if none.
    pub fn jump(&mut self, forward: bool, height: usize) -> bool {
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
                self.top = i.saturating_sub(height / 2);
                return true;
            }
        }
        false
    }

    pub fn match_count(&self) -> usize {
        (0..self.lines.len()).filter(|i| self.matches(*i)).count()
    }

    pub fn is_stderr(&self, i: usize) -> bool {
        self.lines
            .get(i)
            .is_some_and(|l| l.stream == LogStream::Stderr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> LogLine {
        LogLine {
            stream: LogStream::Stdout,
            text: s.into(),
        }
    }

    #[test]
    fn buffer_is_bounded() {
        let mut b = LogBuf::new();
        for i in 0..CAPACITY + 10 {
            b.push(line(&format!("l{i}")));
        }
        assert_eq!(b.lines.len(), CAPACITY);
        assert_eq!(b.dropped, 10);
        assert_eq!(b.lines[0].text, "l10");
    }

    #[test]
    fn chunks_split_into_lines() {
        let mut b = LogBuf::new();
        b.push(line("a\r\nb"));
        assert_eq!(b.lines.len(), 2);
        assert_eq!(b.lines[0].text, "a");
    }

    #[test]
    fn search_wraps_and_stops_following() {
        let mut b = LogBuf::new();
        for s in ["x", "boom 1", "y", "boom 2", "z"] {
            b.push(line(s));
        }
        b.search = "BOOM".into();
        assert_eq!(b.match_count(), 2);
        assert!(b.jump(true, 3));
        assert_eq!(b.current, Some(1));
        assert!(!b.follow);
        assert!(b.jump(true, 3));
        assert_eq!(b.current, Some(3));
        assert!(b.jump(true, 3));
        assert_eq!(b.current, Some(1));
        assert!(b.jump(false, 3));
        assert_eq!(b.current, Some(3));
    }

    #[test]
    fn follow_pins_to_bottom() {
        let mut b = LogBuf::new();
        for i in 0..100 {
            b.push(line(&i.to_string()));
        }
        assert_eq!(b.first_visible(10), 90);
        b.scroll(-5, 10);
        assert!(!b.follow);
        assert_eq!(b.first_visible(10), 85);
        b.scroll(50, 10);
        assert!(b.follow);
    }
}
