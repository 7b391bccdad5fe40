//! The `?` overlay, generated from the same key table as the hint bar: every section (the
//! global keys, the list, the container actions and tabs, each tab's and screen's own).
//! Sections flow into as many columns as the terminal's height needs; when they do not all
//! fit its width, those of where the user is come first and the footer counts the others.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::keys::KeySection;
use crate::tui::pane::Env;
use crate::tui::panes::key_sections;
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;

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
            Span::raw(bd.desc),
        ]));
    }
    lines
}

/// Draws the help. `in_force` are the key sections of where the user is: they come first,
/// so that when every section does not fit the width, the ones left out are elsewhere.
pub fn draw(f: &mut Frame, area: Rect, env: &Env, in_force: &[&'static KeySection]) {
    let t = env.theme;
    let rows = area.height.saturating_sub(3).max(4) as usize;
    let max_columns = (area.width.saturating_sub(2) / COLUMN_W).max(1) as usize;
    let all = key_sections();
    let (here, elsewhere): (Vec<_>, Vec<_>) = all
        .iter()
        .partition(|s| in_force.iter().any(|h| std::ptr::eq(*h, **s)));
    // Whole sections per column, as few columns as the height allows.
    let mut columns: Vec<Vec<Line>> = vec![Vec::new()];
    let mut left_out = 0;
    for sec in here.into_iter().chain(elsewhere) {
        let s = section(t, sec);
        let cur = columns.last().map(|c| c.len()).unwrap_or(0);
        if cur > 0 && cur + s.len() > rows {
            if columns.len() == max_columns {
                left_out += 1;
                continue;
            }
            columns.push(Vec::new());
        }
        if let Some(c) = columns.last_mut() {
            c.extend(s);
        }
    }
    let h = columns.iter().map(Vec::len).max().unwrap_or(0) as u16 + 3;
    let w = COLUMN_W * columns.len() as u16 + 2;
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" keys — Esc closes ");
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let cols = Layout::horizontal(vec![Constraint::Length(COLUMN_W); columns.len()]).split(body);
    for (c, area) in columns.into_iter().zip(cols.iter()) {
        f.render_widget(Paragraph::new(c), *area);
    }
    let more = match left_out {
        0 => String::new(),
        1 => " · 1 more section on its screen".into(),
        n => format!(" · {n} more sections on their screens"),
    };
    f.render_widget(
        Paragraph::new(Line::styled(
            format!(" Ctrl-C quit · Ctrl-Z suspend · Ctrl-D/U page{more}"),
            t.dim(),
        )),
        foot,
    );
}
