//! One container: a header with its vital signs, the tab bar, and the open tab.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs};

use super::{logs, placeholder};
use crate::model::uptime;
use crate::tui::app::{App, TABS, Tab};
use crate::tui::theme::health_badge;

pub fn render(f: &mut Frame, area: Rect, app: &App) -> usize {
    let t = &app.theme;
    let Some((id, tab)) = &app.detail else {
        return 1;
    };
    let [head, tabs_area, body] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let head_lines = match app.detail_container() {
        Some(c) => vec![
            Line::from(vec![
                Span::styled(format!(" {} ", c.name), t.title()),
                Span::raw(format!(" {} · ", c.image)),
                Span::styled(c.state.as_str(), t.state(c.state)),
                Span::raw(" · "),
                Span::styled(health_badge(c.health), t.health(c.health)),
                Span::raw(format!(" · up {}", uptime(c, app.now))),
            ]),
            Line::from(Span::styled(
                format!(" {} · {} · {}", c.short_id(), c.status, c.ports_text()),
                t.dim(),
            )),
        ],
        None => vec![Line::from(Span::styled(
            format!(
                " container {} is gone (removed?) — Esc to go back",
                &id[..id.len().min(12)]
            ),
            t.error(),
        ))],
    };
    f.render_widget(Paragraph::new(head_lines), head);
    let selected = TABS.iter().position(|x| x == tab).unwrap_or(0);
    let tabs = Tabs::new(TABS.iter().map(|x| x.title()))
        .select(selected)
        .highlight_style(t.selected())
        .divider("│");
    f.render_widget(tabs, tabs_area);
    let block = Block::default().borders(Borders::ALL);
    match tab {
        Tab::Logs => logs::render(f, body, app, block),
        Tab::Layers => match &app.layers {
            Some(p) => super::layers::render(f, body, p, t),
            None => 1,
        },
        other => {
            placeholder::render(f, body, app, *other, block);
            body.height.saturating_sub(2) as usize
        }
    }
}
