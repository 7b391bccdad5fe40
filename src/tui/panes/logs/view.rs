//! The Logs tab: stdout and stderr told apart, the container's colours, timestamps on
//! demand, long lines wrapped or scrolled sideways, search with highlighted matches, and the
//! position in the buffer in the title — and "REVEALED" there while secrets show as written.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::buffer::Entry;
use super::line::{Sgr, Shown};
use super::{Layout, Logs, rows};
use crate::engine::logs::LogStream;
use crate::tui::pane::Env;
use crate::tui::theme::Theme;

/// Columns of the `out│` mark.
const MARK_W: usize = 4;
/// Columns of a timestamp and its space: `2024-05-01T12:34:56.123Z `.
const TIME_W: usize = 25;

/// Columns left for the text in a window `width` wide.
pub fn text_width(width: usize, layout: Layout) -> usize {
    let used = MARK_W + if layout.times { TIME_W } else { 0 };
    width.saturating_sub(used).max(1)
}

/// The daemon's `2024-05-01T12:34:56.123456789Z` to the millisecond.
pub fn short_time(t: &str) -> String {
    let Some(dot) = t.find('.') else {
        return t.to_string();
    };
    let frac: String = t[dot + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .take(3)
        .collect();
    let zone = t[dot + 1..].trim_start_matches(|c: char| c.is_ascii_digit());
    format!("{}.{frac:0<3}{zone}", &t[..dot])
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn style_of(s: Sgr, base: Style, t: &Theme) -> Style {
    if s.note {
        return t.dim();
    }
    let mut st = base.add_modifier(s.mods);
    if !t.mono {
        if let Some(fg) = s.fg {
            st = st.fg(fg);
        }
        if let Some(bg) = s.bg {
            st = st.bg(bg);
        }
    }
    st
}

/// Byte ranges of `needle` (lowercase) in `text`, ignoring case.
fn matches(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths (rare scripts): then no highlight.
    if needle.is_empty() || lower.len() != text.len() {
        return Vec::new();
    }
    lower
        .match_indices(needle)
        .map(|(i, m)| (i, i + m.len()))
        .filter(|(s, e)| text.is_char_boundary(*s) && text.is_char_boundary(*e))
        .collect()
}

/// The spans of bytes `start..end` of a line, styled by its runs and the search matches.
fn spans<'a>(
    shown: &'a Shown,
    (start, end): (usize, usize),
    hits: &[(usize, usize)],
    base: Style,
    t: &Theme,
) -> Vec<Span<'a>> {
    let mut cuts = vec![start, end];
    cuts.extend(shown.runs.iter().map(|(at, _)| *at));
    cuts.extend(hits.iter().flat_map(|(s, e)| [*s, *e]));
    cuts.retain(|c| (start..=end).contains(c) && shown.text.is_char_boundary(*c));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let text = shown.text.get(w[0]..w[1])?;
            let mut st = style_of(shown.style_at(w[0]), base, t);
            if hits.iter().any(|(s, e)| (*s..*e).contains(&w[0])) {
                st = st.patch(t.highlight());
            }
            Some(Span::styled(text, st))
        })
        .collect()
}

/// The screen rows of line `e` as it shows (masked unless `reveal`), from its `skip`-th on, at
/// most `room` of them.
fn line_rows<'a>(
    e: &'a Entry,
    layout: Layout,
    text_w: usize,
    (skip, room): (usize, usize),
    needle: &str,
    t: &Theme,
    reveal: bool,
) -> Vec<Line<'a>> {
    let shown = e.view(reveal);
    let (mark, base) = match e.stream {
        LogStream::Stderr => ("err│", t.stderr()),
        LogStream::Stdout => ("out│", Style::default()),
        LogStream::Console => ("tty│", Style::default()),
    };
    let mark_style = if e.stream == LogStream::Stderr {
        t.stderr()
    } else {
        t.dim()
    };
    let parts = if layout.wrap {
        rows::wrapped(&shown.text, text_w)
    } else {
        vec![rows::window(&shown.text, layout.hscroll, text_w)]
    };
    let hits = matches(&shown.text, needle);
    parts
        .iter()
        .enumerate()
        .skip(skip)
        .take(room)
        .map(|(n, r)| {
            let mut out = Vec::new();
            if n == 0 {
                out.push(Span::styled(mark, mark_style));
                if layout.times {
                    let time = e.time.as_deref().map(short_time).unwrap_or_default();
                    out.push(Span::styled(format!("{time:<24} "), t.dim()));
                }
            } else {
                let w = MARK_W + if layout.times { TIME_W } else { 0 };
                out.push(Span::styled(format!("{:>w$}", "↪│"), mark_style));
            }
            if r.pad > 0 {
                out.push(Span::raw(" ".repeat(r.pad)));
            }
            out.extend(spans(shown, (r.start, r.end), &hits, base, t));
            Line::from(out)
        })
        .collect()
}

pub fn draw(f: &mut Frame, area: Rect, logs: &Logs, env: &Env) -> usize {
    let t = env.theme;
    let b = logs.buffer();
    let layout = logs.layout();
    let height = area.height.saturating_sub(2) as usize;
    let width = area.width.saturating_sub(2) as usize;
    logs.area.set((width, height));
    let text_w = text_width(width, layout);
    let reveal = b.reveal;
    let rows_of = |e: &Entry| {
        if layout.wrap {
            rows::count(&e.view(reveal).text, text_w)
        } else {
            1
        }
    };
    let first = b.first_visible(height.max(1), &rows_of);
    let needle = b.search.to_lowercase();
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let mut last = first.line;
    for (i, e) in b.lines.iter().enumerate().skip(first.line) {
        if lines.len() >= height {
            break;
        }
        let skip = if i == first.line { first.row } else { 0 };
        let room = height - lines.len();
        let mut rows = line_rows(e, layout, text_w, (skip, room), &needle, t, reveal);
        if b.current == Some(i) {
            rows = rows.into_iter().map(|l| l.style(t.selected())).collect();
        }
        lines.extend(rows);
        last = i;
    }
    if b.lines.is_empty() {
        lines.push(Line::from(Span::styled("(no log lines yet)", t.dim())));
    }
    if let Some(why) = &b.ended
        && lines.len() < height
    {
        lines.push(Line::from(Span::styled(format!("— {why} —"), t.dim())));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title(logs, first.line, last, t)));
    f.render_widget(Paragraph::new(lines).block(block), area);
    height
}

fn title<'a>(logs: &Logs, first: usize, last: usize, t: &Theme) -> Vec<Span<'a>> {
    let b = logs.buffer();
    let layout = logs.layout();
    let mut title = vec![Span::styled(" Logs ", t.title())];
    if b.reveal {
        title.push(Span::styled("REVEALED (v hides) ", t.error()));
    }
    title.push(Span::styled(
        if b.follow { "[follow] " } else { "[paused] " },
        t.key(),
    ));
    let n = b.lines.len();
    if n > 0 {
        title.push(Span::raw(format!(
            "{}–{}/{} ",
            thousands(first + 1),
            thousands(last + 1),
            thousands(n)
        )));
    }
    title.push(Span::styled("out ", t.dim()));
    title.push(Span::styled("err ", t.stderr()));
    if layout.wrap {
        title.push(Span::styled("· wrap ", t.dim()));
    } else if layout.hscroll > 0 {
        title.push(Span::styled(
            format!("· col {} ", layout.hscroll + 1),
            t.dim(),
        ));
    }
    if let Some(search) = logs.search().shown() {
        title.push(Span::styled(
            format!("{search} ({} matches) ", b.match_count()),
            t.key(),
        ));
    }
    if b.dropped > 0 {
        title.push(Span::styled(
            format!("({} older lines dropped) ", thousands(b.dropped)),
            t.dim(),
        ));
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_to_the_millisecond_and_counts_with_commas() {
        assert_eq!(
            short_time("2024-05-01T12:34:56.123456789Z"),
            "2024-05-01T12:34:56.123Z"
        );
        assert_eq!(
            short_time("2024-05-01T12:34:56.1Z"),
            "2024-05-01T12:34:56.100Z"
        );
        assert_eq!(short_time("2024-05-01T12:34:56Z"), "2024-05-01T12:34:56Z");
        assert_eq!(thousands(5000), "5,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
