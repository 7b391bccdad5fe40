//! The Images view: every image with its size (and share of the largest), age, tags,
//! dangling ones marked, and the marks of the images chosen for a comparison.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::state::{ImageSort, ImagesState, image_label};
use crate::layers::units::format_size;
use crate::model::{human_duration, short_id};
use crate::tui::pane::Env;
use crate::tui::widgets::{ellipsize, share_bar};

pub fn draw(f: &mut Frame, area: Rect, st: &ImagesState, env: &Env) -> usize {
    let t = env.theme;
    let vis = st.visible();
    let sort = match st.sort.unwrap_or(ImageSort::Size) {
        ImageSort::Size => "size",
        ImageSort::Created => "age",
        ImageSort::Name => "name",
    };
    let mut title = vec![Span::styled(
        format!(" Images ({}) · by {sort} ", vis.len()),
        t.title(),
    )];
    if !st.marked.is_empty() {
        title.push(Span::styled(
            format!("· {} marked (c compares) ", st.marked.len()),
            t.key(),
        ));
    }
    if let Some(filter) = st.filter.shown() {
        title.push(Span::styled(format!("{filter} "), t.key()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title));
    let inner_h = area.height.saturating_sub(3) as usize;
    if vis.is_empty() {
        let msg = match (&st.error, st.loading) {
            (Some(e), _) => e.clone(),
            (None, true) => "reading the image list…".into(),
            _ if !st.rows.is_empty() => format!(
                "No image matches '{}' (of {}). Esc clears the filter.",
                st.filter.text(),
                st.rows.len()
            ),
            _ => "No images on this engine.".into(),
        };
        f.render_widget(Paragraph::new(msg).style(t.dim()).block(block), area);
        return inner_h;
    }
    let largest = vis.iter().map(|r| r.size_bytes).max().unwrap_or(1).max(1);
    // Every tag of an image, the one it is known by first; what does not fit ends in "…".
    let name_w = (area.width as usize).saturating_sub(2 + 6 + 12 + 8 + 10 + 7 + 5);
    let rows: Vec<Row> = vis
        .iter()
        .map(|r| {
            let mark = match st.marked.iter().position(|m| *m == r.id) {
                Some(0) => "[base]".to_string(),
                Some(i) => format!("[{}]", i + 1),
                None => String::new(),
            };
            let name = if r.dangling {
                "<dangling>".to_string()
            } else {
                let first = image_label(r);
                let first = first.split(" (+").next().unwrap_or_default().to_string();
                let mut all = vec![first.clone()];
                all.extend(r.tags.iter().filter(|t| **t != first).cloned());
                ellipsize(&all.join(", "), name_w)
            };
            Row::new(vec![
                Cell::from(Span::styled(mark, t.key())),
                Cell::from(Span::styled(
                    name,
                    if r.dangling {
                        t.warn()
                    } else {
                        Default::default()
                    },
                )),
                Cell::from(short_id(&r.id).to_string()),
                Cell::from(format!("{:>8}", format_size(r.size_bytes))),
                Cell::from(Span::styled(
                    share_bar(r.size_bytes as f64 / largest as f64, 10),
                    t.ok(),
                )),
                Cell::from(human_duration(env.now - r.created)),
            ])
        })
        .collect();
    let header = Row::new(["", "IMAGE", "ID", "    SIZE", "", "AGE"]).style(t.header());
    let widths = [
        Constraint::Length(6),
        Constraint::Fill(1),
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Length(7),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(t.selected());
    let mut state = TableState::default().with_selected(Some(st.selected));
    f.render_stateful_widget(table, area, &mut state);
    inner_h
}
