//! The `?` overlay, generated from the same key table as the hint bar: every section (the
//! global keys, the list, the container actions and tabs, each tab's and screen's own).
//! The sections of where the user is come first; they flow into as many columns as the
//! width holds; what does not fit goes on further pages (never cut): PgDn/Space/j next,
//! PgUp/k previous, wrapping round.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::keys::KeySection;
use crate::tui::pane::Env;
use crate::tui::panes::key_sections;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, ellipsize};

const COLUMN_W: u16 = 26;

/// A section's lines. Labels are as wide as the section's widest (at most 6), so that
/// descriptions keep their room.
fn section(t: &Theme, s: &KeySection) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(s.title, t.title()))];
    let w = s
        .bindings
        .iter()
        .map(|b| b.label.chars().count() + 1)
        .max()
        .unwrap_or(1)
        .min(6);
    for bd in s.bindings {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<w$}", bd.label), t.key()),
            // Cut with … one column short of the next, never run into it.
            Span::raw(ellipsize(
                bd.desc,
                (COLUMN_W as usize).saturating_sub(w + 2),
            )),
        ]));
    }
    lines
}

/// Pages of columns of lines, for `cols` columns of `rows` lines: whole sections in order
/// where they fit (one that fits neither the current column nor a new one goes back to
/// an earlier column of the page with room), a section taller than a column continued in
/// the next one.
pub fn pages(
    sections: Vec<Vec<Line<'static>>>,
    cols: usize,
    rows: usize,
) -> Vec<Vec<Vec<Line<'static>>>> {
    let (cols, rows) = (cols.max(1), rows.max(2));
    let mut pages: Vec<Vec<Vec<Line>>> = vec![vec![Vec::new()]];
    let next_column = |pages: &mut Vec<Vec<Vec<Line<'static>>>>| {
        let page_full = pages.last().is_some_and(|p| p.len() >= cols);
        if page_full {
            pages.push(vec![Vec::new()]);
        } else if let Some(p) = pages.last_mut() {
            p.push(Vec::new());
        }
    };
    for s in sections {
        let used = pages.last().and_then(|p| p.last()).map_or(0, Vec::len);
        if used > 0 && used + s.len() > rows && s.len() <= rows {
            // Back into an earlier column of the page with room for it, else onwards.
            let room = pages
                .last_mut()
                .and_then(|p| p.iter_mut().find(|c| c.len() + s.len() <= rows));
            if let Some(c) = room {
                c.extend(s);
                continue;
            }
            next_column(&mut pages);
        }
        for line in s {
            let full = pages
                .last()
                .and_then(|p| p.last())
                .is_some_and(|c| c.len() >= rows);
            if full {
                next_column(&mut pages);
            }
            if let Some(c) = pages.last_mut().and_then(|p| p.last_mut()) {
                c.push(line);
            }
        }
    }
    pages
}

/// Draws page `page` (any number: it wraps round the pages there are). `in_force` are the
/// key sections of where the user is: they come first, so the first page shows them.
pub fn draw(f: &mut Frame, area: Rect, env: &Env, in_force: &[&'static KeySection], page: i64) {
    let t = env.theme;
    let rows = area.height.saturating_sub(3).max(4) as usize;
    let room = (area.width.saturating_sub(2) / COLUMN_W).max(1) as usize;
    let (here, elsewhere): (Vec<_>, Vec<_>) = key_sections()
        .into_iter()
        .partition(|s| in_force.iter().any(|h| std::ptr::eq(*h, *s)));
    let all: Vec<_> = here
        .into_iter()
        .chain(elsewhere)
        .map(|s| section(t, s))
        .collect();
    let total: usize = all.iter().map(Vec::len).sum();
    // As few columns as hold everything on one page, at most as many as the width holds.
    let least = total.div_ceil(rows).clamp(1, room);
    let cols = (least..=room)
        .find(|c| pages(all.clone(), *c, rows).len() == 1)
        .unwrap_or(room);
    let pages = pages(all, cols, rows);
    let n = pages.len() as i64;
    let at = page.rem_euclid(n.max(1)) as usize;
    let columns = pages.into_iter().nth(at).unwrap_or_default();
    let used_cols = if n > 1 { cols } else { columns.len() };
    let h = columns.iter().map(Vec::len).max().unwrap_or(0) as u16 + 3;
    let h = if n > 1 { rows as u16 + 3 } else { h };
    let w = COLUMN_W * used_cols as u16 + 2;
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let title = if n > 1 {
        format!(" keys {}/{n} — PgDn more · Esc closes ", at + 1)
    } else {
        " keys — Esc closes ".to_string()
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let areas = Layout::horizontal(vec![Constraint::Length(COLUMN_W); used_cols]).split(body);
    for (c, area) in columns.into_iter().zip(areas.iter()) {
        f.render_widget(Paragraph::new(c), *area);
    }
    let foot_text = if n > 1 {
        " PgDn/Space next page · PgUp back · Ctrl-C quit"
    } else {
        " Ctrl-C quit · Ctrl-Z suspend · Ctrl-D/U page"
    };
    f.render_widget(Paragraph::new(Line::styled(foot_text, t.dim())), foot);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(n: usize) -> Vec<Line<'static>> {
        (0..n).map(|i| Line::raw(format!("l{i}"))).collect()
    }

    fn shape(p: &[Vec<Vec<Line<'static>>>]) -> Vec<Vec<usize>> {
        p.iter()
            .map(|pg| pg.iter().map(Vec::len).collect())
            .collect()
    }

    #[test]
    fn sections_flow_into_columns_then_pages_and_nothing_is_cut() {
        // Column 1: 3 (the next 3 do not fit), column 2: 3 + 2, page 2: 4, then the last 2
        // in a second column of page 2 (the 4 leaves no room under it).
        let p = pages(vec![sec(3), sec(3), sec(2), sec(4), sec(2)], 2, 5);
        assert_eq!(shape(&p), vec![vec![3, 5], vec![4, 2]]);
        let lines: usize = p.iter().flatten().map(Vec::len).sum();
        assert_eq!(lines, 14);
        // One that fits no new column goes back under an earlier one with room.
        let back = pages(vec![sec(3), sec(4), sec(2)], 2, 5);
        assert_eq!(shape(&back), vec![vec![5, 4]]);
        // A section taller than a column goes on in the next one.
        assert_eq!(shape(&pages(vec![sec(7)], 2, 5)), vec![vec![5, 2]]);
    }
}
