//! The `?` overlay, generated from the same key table as the hint bar.
//! One column when it fits, two side by side on short terminals (80x24).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::app::App;
use crate::tui::keys::{BINDINGS, Ctx};
use crate::tui::theme::Theme;

fn section(t: &Theme, ctx: Ctx) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(ctx.title(), t.title()))];
    for bd in BINDINGS.iter().filter(|b| b.ctx == ctx) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<7}", bd.label), t.key()),
            Span::raw(bd.desc),
        ]));
    }
    lines
}

pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut left = section(t, Ctx::Global);
    left.extend(section(t, Ctx::List));
    let mut right = section(t, Ctx::Detail);
    right.extend(section(t, Ctx::Logs));
    let footer = Line::from(Span::styled("  Ctrl-C quit · Ctrl-D/U page", t.dim()));
    let one_column = left.len() + right.len() + 3;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" keys — Esc closes ");
    if one_column as u16 <= area.height {
        let r = centered(area, 40, one_column as u16);
        left.extend(right);
        left.push(footer);
        f.render_widget(Clear, r);
        f.render_widget(Paragraph::new(left).block(block), r);
        return;
    }
    let h = (left.len().max(right.len()) + 3) as u16;
    let r = centered(area, 74, h);
    f.render_widget(Clear, r);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let [l, rr] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    f.render_widget(Paragraph::new(left), l);
    f.render_widget(Paragraph::new(right), rr);
    f.render_widget(Paragraph::new(footer), foot);
}
