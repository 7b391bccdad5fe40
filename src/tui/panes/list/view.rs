//! The container list: name, image, state, health badge and failing streak, uptime, ports.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::List;
use crate::model::uptime;
use crate::tui::app::Conn;
use crate::tui::pane::Env;
use crate::tui::theme::health_badge;
use crate::tui::widgets::ellipsize;

pub fn draw(f: &mut Frame, area: Rect, list: &List, env: &Env) -> usize {
    let t = env.theme;
    let vis = list.visible(env.containers);
    let scope = if list.show_all() { "all" } else { "running" };
    let mut title = vec![Span::styled(
        format!(
            " Containers ({}/{} {scope}) ",
            vis.len(),
            env.containers.len()
        ),
        t.title(),
    )];
    if let Some(filter) = list.filter().shown() {
        title.push(Span::styled(format!("{filter} "), t.key()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title));
    let inner_h = area.height.saturating_sub(3) as usize;
    if vis.is_empty() {
        let msg = match (env.conn, env.containers.is_empty()) {
            (Conn::Connecting(_), _) => "connecting…".to_string(),
            (_, true) if !env.listed => "reading the container list…".to_string(),
            (_, true) => {
                "No containers on this engine. Start one, or press a to show stopped ones.".into()
            }
            _ if !list.filter().is_empty() => format!(
                "No container matches '{}'. Esc clears the filter.",
                list.filter().text()
            ),
            _ => "No running containers. Press a to show stopped ones too.".into(),
        };
        f.render_widget(Paragraph::new(msg).style(t.dim()).block(block), area);
        return inner_h;
    }
    let header = Row::new([
        "NAME",
        "IMAGE",
        "STATE",
        "HEALTH (STREAK)",
        "UPTIME",
        "PORTS",
    ])
    .style(t.header());
    // Name and image get fixed shares of the row, so a long one can end in "…" rather than
    // being cut mid-tag.
    let inner = area.width.saturating_sub(4);
    let (name_w, image_w) = (inner * 24 / 100, inner * 22 / 100);
    let rows: Vec<Row> = vis
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::from(ellipsize(&c.name, name_w as usize)),
                Cell::from(ellipsize(&c.image, image_w as usize)),
                Cell::from(c.state.as_str()).style(t.state(c.state)),
                Cell::from(match list.streak(&c.id) {
                    Some(n) if n < 10_000 => format!("{} {n}", health_badge(c.health)),
                    Some(_) => format!("{} 10k+", health_badge(c.health)),
                    None => health_badge(c.health).to_string(),
                })
                .style(t.health(c.health)),
                Cell::from(uptime(c, env.now)),
                Cell::from(c.ports_text()),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(name_w),
        Constraint::Length(image_w),
        Constraint::Length(10),
        Constraint::Length(16),
        Constraint::Length(7),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(list.selected_index()));
    f.render_stateful_widget(table, area, &mut state);
    inner_h
}
