//! The container list: name, image, state (with exit code and restarts), health badge and
//! failing streak, uptime, ports; every cell that does not fit ends in `…`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::List;
use crate::model::{Health, uptime};
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
    if list.sort() != super::Sort::Name {
        title.push(Span::styled(
            format!("by {} ", list.sort().as_str()),
            t.dim(),
        ));
    }
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
    // The failing streak goes beside the badge: in full from 100 columns, shorter below.
    let wide = area.width >= 100;
    let health = if wide { "HEALTH (STREAK)" } else { "HEALTH" };
    let header = Row::new(["NAME", "IMAGE", "STATE", health, "UPTIME", "PORTS"]).style(t.header());
    // Name and image get fixed shares of the row, so a long one can end in "…" rather than
    // being cut mid-tag; the ports get what is left.
    let inner = area.width.saturating_sub(4);
    let (name_w, image_w) = (inner * 24 / 100, inner * 22 / 100);
    const STATE_W: u16 = 14;
    let health_w: u16 = if wide { 16 } else { 11 };
    const UP_W: u16 = 6;
    let ports_w = inner.saturating_sub(name_w + image_w + STATE_W + health_w + UP_W + 5);
    let fit = |s: &str, w: u16| ellipsize(s, w as usize);
    let rows: Vec<Row> = vis
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::from(fit(&c.name, name_w)),
                Cell::from(fit(&c.image, image_w)),
                Cell::from(fit(&c.state_text(), STATE_W)).style(t.state(c.state)),
                Cell::from(fit(
                    &health_cell(c.health, list.streak(&c.id), wide),
                    health_w,
                ))
                .style(t.health(c.health)),
                Cell::from(fit(&uptime(c, env.now), UP_W)),
                Cell::from(fit(&c.ports_text(), ports_w)),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(name_w),
        Constraint::Length(image_w),
        Constraint::Length(STATE_W),
        Constraint::Length(health_w),
        Constraint::Length(UP_W),
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

/// `✘ unhealthy 12` (wide) or `✘ 12 failed`, `✘ 1384 fail` (narrow, 11 columns): the
/// badge and the failing streak.
fn health_cell(h: Health, streak: Option<u32>, wide: bool) -> String {
    let n = match streak {
        None => return health_badge(h).to_string(),
        Some(n) if n < 10_000 => n.to_string(),
        Some(_) => "10k+".to_string(),
    };
    let mark = health_badge(h).split(' ').next().unwrap_or("");
    match streak {
        _ if wide => format!("{} {n}", health_badge(h)),
        Some(s) if s < 100 => format!("{mark} {n} failed"),
        _ => format!("{mark} {n} fail"),
    }
}
