//! The status bar: engine and host, connection, read-only, the one-line message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Conn};

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let t = app.theme();
    let mut spans = match app.conn() {
        Conn::Up(info) => vec![Span::styled(format!(" {info} "), t.ok())],
        Conn::Connecting(uri) => vec![Span::styled(format!(" connecting to {uri}… "), t.warn())],
        Conn::Down { uri, .. } => vec![Span::styled(
            format!(" disconnected — retrying · {uri} "),
            t.error(),
        )],
    };
    if app.read_only() {
        spans.push(Span::styled("[read-only] ", t.warn()));
    }
    if let Some((msg, is_err)) = app.flash() {
        spans.push(Span::styled(
            msg.to_string(),
            if is_err { t.error() } else { t.ok() },
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
