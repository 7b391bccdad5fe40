//! The Logs tab's buffer on its own: bounds, search, follow and pause, long lines, masking.

use super::buffer::*;
use crate::engine::logs::{LogLine, LogStream};
use crate::envcheck::Masker;

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

#[test]
fn lines_are_masked_until_revealed_and_search_sees_what_shows() {
    let mut b = LogBuf::new();
    b.push(line("boot with Pl4nted-value-42"));
    b.push(line("DB_PASSWORD=hunter22"));
    // Learnt after the first lines arrived: they are masked too.
    let mut m = Masker::default();
    m.learn([("SECRET_KEY", "Pl4nted-value-42")]);
    b.set_masker(m);
    b.push(line("again Pl4nted-value-42"));
    let shown: Vec<&str> = b
        .lines
        .iter()
        .map(|e| e.view(false).text.as_str())
        .collect();
    assert_eq!(shown, ["boot with ***", "DB_PASSWORD=***", "again ***"]);
    b.search = "pl4nted".into();
    assert_eq!(b.match_count(), 0, "a masked value is not found");
    b.reveal = true;
    assert_eq!(b.lines[0].view(true).text, "boot with Pl4nted-value-42");
    assert_eq!(b.match_count(), 2);
    assert_eq!(
        b.bytes,
        b.lines
            .iter()
            .map(|e| e.shown.text.len() + e.masked.as_ref().map_or(0, |m| m.text.len()))
            .sum::<usize>()
    );
}
