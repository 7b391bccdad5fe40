//! The `?` overlay, generated from the same key table as the hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::app::App;
use crate::tui::keys::{BINDINGS, Ctx};

pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut lines = Vec::new();
    for ctx in [Ctx::Global, Ctx::List, Ctx::Detail, Ctx::Logs] {
        lines.push(Line::from(Span::styled(ctx.title(), t.title())));
        for bd in BINDINGS.iter().filter(|b| b.ctx == ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<7}", bd.label), t.key()),
                Span::raw(bd.desc),
            ]));
        }
    }
    lines.push(Line::from(Span::styled(
        "  Ctrl-C  quit · Ctrl-D/U page",
        t.dim(),
    )));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, 40, h);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" keys — Esc closes "),
        ),
        r,
    );
}
