//! The `?` overlay, generated from the same key table as the hint bar: every section (the
//! global keys, the list, the container actions and tabs, each tab's and screen's own).
//! Sections flow into as many columns as the terminal's height needs; when they do not fit
//! across, the columns narrow and long descriptions end in `…`.

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

/// A section's lines, its descriptions cut (with `…`) to fit `width` columns. Labels are as
/// wide as the section's widest (at most 6): narrow columns keep more of the descriptions.
fn section(t: &Theme, s: &KeySection, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        ellipsize(s.title, width),
        t.title(),
    ))];
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
            Span::raw(ellipsize(bd.desc, width.saturating_sub(w + 2))),
        ]));
    }
    lines
}

pub fn draw(f: &mut Frame, area: Rect, env: &Env) {
    let t = env.theme;
    let rows = area.height.saturating_sub(3).max(4) as usize;
    // Whole sections per column, in order, as few columns as the height allows: a section
    // that fits neither the current column nor a new one's start goes back to the first
    // earlier column with room for it (so a short one does not open a column of its own).
    let mut columns: Vec<Vec<&KeySection>> = vec![Vec::new()];
    let len = |c: &Vec<&KeySection>| c.iter().map(|s| s.bindings.len() + 1).sum::<usize>();
    for sec in key_sections() {
        let s = vec![sec];
        let need = sec.bindings.len() + 1;
        let cur = columns.last().map(len).unwrap_or(0);
        if cur == 0 || cur + need <= rows {
            if let Some(c) = columns.last_mut() {
                c.extend(s);
            }
        } else if let Some(c) = columns.iter_mut().find(|c| len(c) + need <= rows) {
            c.extend(s);
        } else {
            columns.push(s);
        }
    }
    // As wide as a column wants, or narrower (descriptions cut) when they do not fit across.
    let n = columns.len().max(1) as u16;
    let col_w = COLUMN_W.min(area.width.saturating_sub(2) / n).max(12);
    let columns: Vec<Vec<Line>> = columns
        .iter()
        .map(|c| {
            c.iter()
                .flat_map(|s| section(t, s, col_w as usize - 1))
                .collect()
        })
        .collect();
    let h = columns.iter().map(Vec::len).max().unwrap_or(0) as u16 + 3;
    let w = if col_w < COLUMN_W {
        area.width
    } else {
        col_w * n + 2
    };
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" keys — Esc closes ");
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let cols = Layout::horizontal(vec![Constraint::Length(col_w); columns.len()]).split(body);
    for (c, area) in columns.into_iter().zip(cols.iter()) {
        f.render_widget(Paragraph::new(c), *area);
    }
    f.render_widget(
        Paragraph::new(Line::styled(
            " Ctrl-C quit · Ctrl-Z suspend · Ctrl-D/U page",
            t.dim(),
        )),
        foot,
    );
}
