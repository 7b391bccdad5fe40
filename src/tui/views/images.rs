//! The Images view: every image with its size (and share of the largest), age, tags,
//! dangling ones marked, and the marks of the images chosen for a comparison.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::layers::share_bar;
use crate::layers::units::format_size;
use crate::model::human_duration;
use crate::tui::app::App;
use crate::tui::images::{ImageSort, image_label, short_id};

pub fn render(f: &mut Frame, area: Rect, app: &App) -> usize {
    if app.images.opened {
        return render_opened(f, area, app);
    }
    let t = &app.theme;
    let st = &app.images;
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
    if st.filtering || !st.filter.is_empty() {
        title.push(Span::styled(
            format!(
                "filter: {}{} ",
                st.filter,
                if st.filtering { "▏" } else { "" }
            ),
            t.key(),
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title));
    let inner_h = area.height.saturating_sub(3) as usize;
    if vis.is_empty() {
        let msg = match (&st.error, st.loading) {
            (Some(e), _) => e.clone(),
            (None, true) => "reading the image list…".into(),
            _ => "No images on this engine.".into(),
        };
        f.render_widget(Paragraph::new(msg).style(t.dim()).block(block), area);
        return inner_h;
    }
    let largest = vis.iter().map(|r| r.size_bytes).max().unwrap_or(1).max(1);
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
                image_label(r)
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
                Cell::from(human_duration(app.now - r.created)),
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

/// One image's layers, full screen, opened from the list.
fn render_opened(f: &mut Frame, area: Rect, app: &App) -> usize {
    let t = &app.theme;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let name = app
        .layers
        .as_ref()
        .map(|p| app.images.label_of(&p.image))
        .unwrap_or_default();
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {name} "), t.title()),
            Span::styled(" Esc back to the images", t.dim()),
        ])),
        head,
    );
    match &app.layers {
        Some(p) => super::layers::render(f, body, p, t),
        None => 1,
    }
}
