//! A container's screen around its tabs: a header with its vital signs, the tab bar (from
//! the tabs' titles), and the tab on screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};

use crate::model::short_id;
use crate::model::uptime;
use crate::tui::app::Slot;
use crate::tui::pane::Env;
use crate::tui::theme::health_badge;

pub fn draw(f: &mut Frame, area: Rect, id: &str, tabs: &[Slot], active: usize, env: &Env) -> usize {
    let t = env.theme;
    let [head, tabs_area, body] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let head_lines = match env.container(id) {
        Some(c) => vec![
            Line::from(vec![
                Span::styled(format!(" {} ", c.name), t.title()),
                Span::raw(format!(" {} · ", c.image)),
                Span::styled(c.state.as_str(), t.state(c.state)),
                Span::raw(" · "),
                Span::styled(health_badge(c.health), t.health(c.health)),
                Span::raw(format!(" · up {}", uptime(c, env.now))),
            ]),
            Line::from(Span::styled(
                format!(" {} · {} · {}", short_id(&c.id), c.status, c.ports_text()),
                t.dim(),
            )),
        ],
        None => vec![Line::from(Span::styled(
            format!(
                " container {} is gone (removed?) — Esc to go back",
                short_id(id)
            ),
            t.error(),
        ))],
    };
    f.render_widget(Paragraph::new(head_lines), head);
    let bar = Tabs::new(tabs.iter().map(|s| s.pane.title().to_string()))
        .select(active)
        .highlight_style(t.selected())
        .divider("│");
    f.render_widget(bar, tabs_area);
    match tabs.get(active) {
        Some(s) => s.pane.draw(f, body, env),
        None => 1,
    }
}
