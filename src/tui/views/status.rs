//! The status bar (engine, host, connection, read-only, messages) and the key-hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Conn};
use crate::tui::keys;

pub fn render_status(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut spans = match &app.conn {
        Conn::Up(info) => vec![Span::styled(format!(" {info} "), t.ok())],
        Conn::Connecting(uri) => vec![Span::styled(format!(" connecting to {uri}… "), t.warn())],
        Conn::Down { uri, .. } => vec![Span::styled(
            format!(" disconnected — retrying · {uri} "),
            t.error(),
        )],
    };
    if app.read_only {
        spans.push(Span::styled("[read-only] ", t.warn()));
    }
    if let Some((msg, is_err)) = &app.flash {
        spans.push(Span::styled(
            msg.clone(),
            if *is_err { t.error() } else { t.ok() },
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn render_hints(f: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut spans = Vec::new();
    let offline = matches!(app.conn, Conn::Down { ever: false, .. }) && app.containers.is_empty();
    if offline {
        spans.push(Span::styled(" q", t.key()));
        spans.push(Span::raw(" quit"));
    } else if app.filtering || app.logs.searching {
        spans.push(Span::styled(
            " type to filter · Enter keep · Esc clear",
            t.dim(),
        ));
    } else {
        // Help first: on narrow terminals the end of the bar is cut, never `?`.
        let mut hints = keys::hints(&app.contexts());
        if let Some(i) = hints.iter().position(|(l, _)| *l == "?") {
            let h = hints.remove(i);
            hints.insert(0, h);
        }
        for (label, desc) in hints {
            if app.read_only && ["start", "stop", "restart", "shell"].contains(&desc) {
                continue;
            }
            spans.push(Span::styled(format!(" {label}"), t.key()));
            spans.push(Span::raw(format!(" {desc} ")));
        }
        if app.detail.is_some() {
            spans.push(Span::styled(" Esc", t.key()));
            spans.push(Span::raw(" back "));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
