//! The Build cache tab's entries: one header row per type (count, size, what of it is
//! shared with images and not counted; the cache mounts say that `l` keeps them), then its records with size, last use, uses and
//! state (in use, shared, reclaimable), the selected one highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::buildcache::units::{docker_size, format_age};
use crate::buildcache::{CacheView, Entry, EntryKind};
use crate::tui::pane::Env;
use crate::tui::theme::Theme;

/// Width from which the record type gets a column of its own.
const WIDE: u16 = 100;

fn state<'a>(e: &Entry, t: &Theme) -> Span<'a> {
    if e.in_use {
        Span::styled("in use", t.warn())
    } else if e.shared {
        Span::styled("shared", t.dim())
    } else {
        Span::styled("reclaimable", t.ok())
    }
}

fn last_used(e: &Entry, now: i64) -> String {
    match e.idle(now.max(0) as u64) {
        Some(d) => format!("{} ago", format_age(d)),
        None => "-".into(),
    }
}

/// Draws the groups in `area`; returns its rows (for paging).
pub fn draw(f: &mut Frame, area: Rect, v: &CacheView, selected: usize, env: &Env) -> usize {
    let t = env.theme;
    let wide = area.width >= WIDE;
    let mut rows: Vec<Row> = Vec::new();
    let mut at = None;
    let mut i = 0;
    for g in &v.groups {
        let kept = if g.kind == EntryKind::CacheMount {
            " · kept by l"
        } else {
            ""
        };
        let shared: u64 = g
            .entries
            .iter()
            .filter(|e| e.shared)
            .map(|e| e.size_bytes)
            .sum();
        let shared = if shared > 0 {
            format!(" · {} shared", docker_size(shared))
        } else {
            String::new()
        };
        let mut cells = vec![Cell::from(Span::styled(
            format!("{} ({}){shared}{kept}", g.title, g.count),
            t.title(),
        ))];
        if wide {
            cells.push(Cell::from(""));
        }
        cells.push(Cell::from(Span::styled(
            format!("{:>8}", docker_size(g.size_bytes)),
            t.title(),
        )));
        rows.push(Row::new(cells));
        for e in &g.entries {
            if i == selected {
                at = Some(rows.len());
            }
            i += 1;
            let mut cells = vec![Cell::from(format!("  {}", e.label))];
            if wide {
                cells.push(Cell::from(Span::styled(e.kind_name.clone(), t.dim())));
            }
            cells.extend([
                Cell::from(format!("{:>8}", docker_size(e.size_bytes))),
                Cell::from(last_used(e, env.now)),
                Cell::from(format!("{:>4}", e.usage_count)),
                Cell::from(state(e, t)),
            ]);
            rows.push(Row::new(cells));
        }
    }
    let mut header = vec!["WHAT"];
    let mut widths = vec![Constraint::Fill(1)];
    if wide {
        header.push("TYPE");
        widths.push(Constraint::Length(16));
    }
    header.extend(["    SIZE", "LAST USED", "USES", "STATE"]);
    widths.extend([
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(4),
        Constraint::Length(11),
    ]);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.header()))
        .row_highlight_style(t.selected());
    let mut ts = TableState::default().with_selected(at);
    f.render_stateful_widget(table, area, &mut ts);
    area.height.saturating_sub(1) as usize
}
