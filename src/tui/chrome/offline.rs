//! The screen shown while docktor has never reached the engine: which host, why, what to do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::app::Conn;
use crate::tui::pane::Env;
use crate::tui::widgets::centered;

pub fn draw(f: &mut Frame, area: Rect, env: &Env) {
    let t = env.theme;
    let Conn::Down { uri, reason, .. } = env.conn else {
        return;
    };
    let mut lines = vec![
        Line::from(Span::styled("Cannot reach the container engine", t.error())),
        Line::raw(""),
        Line::from(vec![
            Span::styled("host:   ", t.header()),
            Span::raw(uri.clone()),
        ]),
    ];
    for (i, part) in reason.lines().enumerate() {
        let label = if i == 0 { "why:    " } else { "        " };
        lines.push(Line::from(vec![
            Span::styled(label, t.header()),
            Span::raw(part.to_string()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "docktor retries every 2 s and opens the list as soon as the engine answers. q quits.",
        t.dim(),
    )));
    let box_area = centered(area, 96, 16);
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).title(" docktor "));
    f.render_widget(p, box_area);
}
