//! The status bar: the one-line message first (so a long engine address never hides it),
//! then the engine and host, connection, read-only.

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
        let style = if is_err { t.error() } else { t.ok() };
        spans.insert(0, Span::styled(format!(" {msg} ·"), style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
