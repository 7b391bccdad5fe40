//! The Logs tab: stdout and stderr told apart, follow, search with highlighted matches.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Logs;
use crate::tui::pane::Env;

pub fn draw(f: &mut Frame, area: Rect, logs: &Logs, env: &Env) -> usize {
    let t = env.theme;
    let b = logs.buffer();
    let height = area.height.saturating_sub(2) as usize;
    let mut title = vec![Span::styled(" Logs ", t.title())];
    title.push(Span::styled(
        if b.follow { "[follow] " } else { "[paused] " },
        t.key(),
    ));
    title.push(Span::styled("out ", t.dim()));
    title.push(Span::styled("err ", t.stderr()));
    if let Some(search) = logs.search().shown() {
        title.push(Span::styled(
            format!("{search} ({} matches) ", b.match_count()),
            t.key(),
        ));
    }
    if b.dropped > 0 {
        title.push(Span::styled(
            format!("({} older lines dropped) ", b.dropped),
            t.dim(),
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title));
    let first = b.first_visible(height);
    let needle = b.search.to_lowercase();
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for i in first..(first + height).min(b.lines.len()) {
        let l = &b.lines[i];
        let (mark, style) = if b.is_stderr(i) {
            ("err│", t.stderr())
        } else {
            ("out│", t.dim())
        };
        let mut spans = vec![Span::styled(mark, style)];
        spans.extend(highlight(
            &l.text,
            &needle,
            if b.is_stderr(i) {
                t.stderr()
            } else {
                Default::default()
            },
            t.highlight(),
        ));
        let mut line = Line::from(spans);
        if b.current == Some(i) {
            line = line.style(t.selected());
        }
        lines.push(line);
    }
    if b.lines.is_empty() {
        lines.push(Line::from(Span::styled("(no log lines yet)", t.dim())));
    }
    if let Some(why) = &b.ended
        && lines.len() < height
    {
        lines.push(Line::from(Span::styled(format!("— {why} —"), t.dim())));
    }
    f.render_widget(Paragraph::new(lines).block(block), area);
    height
}

/// Splits `text` into spans, the parts matching `needle` (lowercase) highlighted.
fn highlight<'a>(
    text: &'a str,
    needle: &str,
    base: ratatui::style::Style,
    hl: ratatui::style::Style,
) -> Vec<Span<'a>> {
    if needle.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths (rare scripts); then skip highlighting.
    if lower.len() != text.len() {
        return vec![Span::styled(text, base)];
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(pos) = lower[at..].find(needle) {
        let s = at + pos;
        let e = s + needle.len();
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            break;
        }
        if s > at {
            out.push(Span::styled(&text[at..s], base));
        }
        out.push(Span::styled(&text[s..e], hl));
        at = e;
    }
    out.push(Span::styled(&text[at..], base));
    out
}
