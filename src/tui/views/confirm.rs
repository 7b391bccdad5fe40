//! Confirmation before a destructive action.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::engine::containers::Action;
use crate::tui::app::App;

pub fn render(f: &mut Frame, area: Rect, app: &App, action: Action, name: &str) {
    let t = &app.theme;
    let lines = vec![
        Line::from(vec![
            Span::raw(format!("{} ", capitalise(action.verb()))),
            Span::styled(name.to_string(), t.title()),
            Span::raw("?"),
        ]),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", t.key()),
            Span::raw(" yes   "),
            Span::styled("any other key", t.key()),
            Span::raw(" no"),
        ]),
    ];
    let r = centered(area, 44, 5);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" confirm ")),
        r,
    );
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
