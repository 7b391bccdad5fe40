//! A container's screen around its tabs: a header with its vital signs, the tab bar (from
//! the tabs' titles), and the tab on screen.
//!
//! The header's first line puts state, health and the status first: a long name or image is
//! shortened (ending in `…`) before any of them. The status is worked out from the start and
//! end times, so it follows the clock (`up 5m`, `exited (3) 2h ago`), not the daemon's text
//! of the last list. `L` shows the labels below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};

use crate::model::{Container, short_id};
use crate::tui::app::Slot;
use crate::tui::pane::Env;
use crate::tui::theme::health_badge;
use crate::tui::widgets::{clean, ellipsize};

/// Label lines shown at most (the rest is counted).
const MAX_LABEL_LINES: usize = 8;

fn width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}

/// The header's lines for `c` in `w` columns.
pub fn header<'a>(c: &'a Container, w: usize, labels: bool, env: &Env) -> Vec<Line<'a>> {
    let t = env.theme;
    let mut vitals = vec![
        Span::styled(c.state_text(), t.state(c.state)),
        Span::raw(" · "),
    ];
    // The list tells a stopped container's health check from none at all only while it
    // runs (`(healthy)` in its status): for one that is not running, it says nothing.
    let stopped = !c.state.is_up();
    let health = match c.health {
        crate::model::Health::None if stopped => None,
        crate::model::Health::None => Some("no health check"),
        h => Some(health_badge(h)),
    };
    if let Some(health) = health {
        vitals.push(Span::styled(health, t.health(c.health)));
        vitals.push(Span::raw(" · "));
    }
    vitals.push(Span::raw(c.status_now(env.now)));
    // The name gets what the vital signs leave (at least a few columns), the image the rest.
    let room = w.saturating_sub(width(&vitals) + 3);
    let name = ellipsize(&c.name, room.max(6));
    let name_w = crate::tui::panes::logs::rows::width(&name) + 2;
    let image_room = room.saturating_sub(name_w + 3);
    let mut first = vec![Span::styled(format!(" {name} "), t.title()), Span::raw(" ")];
    first.extend(vitals);
    if image_room >= 8 {
        first.push(Span::styled(
            format!(" · {}", ellipsize(&c.image, image_room)),
            t.dim(),
        ));
    }
    let mut second = vec![short_id(&c.id).to_string()];
    let ports = c.ports_text();
    if !ports.is_empty() {
        second.push(ports);
    }
    if !c.labels.is_empty() {
        let n = c.labels.len();
        let what = if labels { "L hides" } else { "L shows them" };
        second.push(format!(
            "{n} label{} ({what})",
            if n == 1 { "" } else { "s" }
        ));
    }
    let second = ellipsize(&format!(" {}", second.join(" · ")), w);
    let mut lines = vec![Line::from(first), Line::styled(second, t.dim())];
    if labels {
        let all: Vec<String> = c
            .labels
            .iter()
            .map(|(k, v)| clean(&format!("{k}={v}")))
            .collect();
        let shown = if all.len() > MAX_LABEL_LINES {
            MAX_LABEL_LINES - 1
        } else {
            all.len()
        };
        for l in &all[..shown] {
            lines.push(Line::raw(ellipsize(&format!("   {l}"), w)));
        }
        if shown < all.len() {
            lines.push(Line::styled(
                format!("   … and {} more", all.len() - shown),
                t.dim(),
            ));
        }
    }
    lines
}

pub fn draw(
    f: &mut Frame,
    area: Rect,
    id: &str,
    (tabs, active): (&[Slot], usize),
    labels: bool,
    env: &Env,
) -> usize {
    let t = env.theme;
    let head_lines = match env.container(id) {
        Some(c) => header(c, area.width as usize, labels, env),
        None => vec![Line::from(Span::styled(
            format!(
                " container {} is gone (removed?) — Esc to go back",
                short_id(id)
            ),
            t.error(),
        ))],
    };
    let head_h = (head_lines.len().max(2) as u16).min(area.height.saturating_sub(4));
    let [head, tabs_area, body] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::State;
    use crate::tui::pane::testing::{Fixture, container};

    fn first_line(c: &Container) -> String {
        let f = Fixture::new(vec![]);
        let lines = header(c, 120, false, &f.env());
        lines[0].spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_stopped_container_is_not_said_to_have_no_health_check() {
        // The list learns the health only from a running container's status.
        let line = first_line(&container("c1", "web", State::Exited));
        assert!(!line.contains("health"), "{line}");
        let line = first_line(&container("c1", "web", State::Running));
        assert!(line.contains("no health check"), "{line}");
    }
}
