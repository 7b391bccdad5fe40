//! The layers pane: the layer list with sizes and share bars (shown at once from inspect and
//! history), the image's efficiency and waste once the files are read (with progress until
//! then), and the file tree of the selected layer or the list of wasted files.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Row, Table, TableState};

use super::files_view;
use super::state::{Focus, LayersState, Side};
use crate::layers::units::format_size;
use crate::model::short_id;
use crate::tui::theme::Theme;
use crate::tui::widgets::{clean, ellipsize, share_bar};

/// Draws the pane; `again` says how to restart a cancelled analysis where the pane is.
pub fn draw(f: &mut Frame, area: Rect, p: &LayersState, t: &Theme, again: &str) -> usize {
    let left_w = if area.width >= 140 {
        area.width * 45 / 100
    } else {
        area.width / 2
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    let [list, summary] = Layout::vertical([Constraint::Min(3), Constraint::Length(6)]).areas(left);
    render_layer_list(f, list, p, t);
    render_summary(f, summary, p, t, again);
    match p.side {
        Side::Tree => files_view::render_tree(f, right, p, t),
        Side::Waste => files_view::render_waste(f, right, p, t),
        Side::Advice => files_view::render_advice(f, right, p, t),
        Side::Largest => files_view::render_largest(f, right, p, t),
    }
    right.height.saturating_sub(3) as usize
}

pub(super) fn focus_block<'a>(title: Vec<Span<'a>>, focused: bool, t: &Theme) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title));
    if focused { b.border_style(t.key()) } else { b }
}

fn render_layer_list(f: &mut Frame, area: Rect, p: &LayersState, t: &Theme) {
    let Some(q) = &p.quick else {
        let msg = p
            .error
            .clone()
            .unwrap_or_else(|| format!("reading the layer list of {}…", short(&p.image)));
        let style = if p.error.is_some() {
            t.error()
        } else {
            t.dim()
        };
        f.render_widget(
            Paragraph::new(msg).style(style).block(focus_block(
                vec![Span::styled(" Layers ", t.title())],
                false,
                t,
            )),
            area,
        );
        return;
    };
    let steps = p.layer_steps();
    let folded = q.steps.len() - steps.len();
    let title = vec![
        Span::styled(" Layers ", t.title()),
        Span::raw(format!(
            "{} · {} · {} folded ",
            format_size(q.size_bytes),
            crate::layers::units::count(steps.len(), "layer"),
            crate::layers::units::count(folded, "metadata step")
        )),
    ];
    // What does not fit ends in "…".
    let instr_w = area.width.saturating_sub(2 + 2 + 8 + 6 + 3) as usize;
    let rows: Vec<Row> = steps
        .iter()
        .enumerate()
        .map(|(i, si)| {
            let s = &q.steps[*si];
            let (base, room) = if s.base {
                (Span::styled("base ", t.dim()), instr_w.saturating_sub(5))
            } else {
                (Span::raw(""), instr_w)
            };
            Row::new(vec![
                Line::from(format!("{i:>2}")),
                Line::from(format!("{:>8}", format_size(s.size_bytes))),
                Line::from(Span::styled(share_bar(s.share, 6), t.ok())),
                Line::from(vec![
                    base,
                    Span::raw(ellipsize(&clean(&s.created_by), room)),
                ]),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(2),
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Fill(1),
        ],
    )
    .block(focus_block(title, p.focus == Focus::Layers, t))
    .row_highlight_style(t.selected());
    let mut state = TableState::default().with_selected(Some(p.layer_sel));
    f.render_stateful_widget(table, area, &mut state);
}

fn render_summary(f: &mut Frame, area: Rect, p: &LayersState, t: &Theme, again: &str) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Image ", t.title()));
    if let Some(a) = &p.analysis {
        let fig = &a.figures;
        let via = match a.source {
            crate::layers::Source::Local => "local overlay2 layer dirs",
            crate::layers::Source::Export => "the image export",
            crate::layers::Source::Archive => "a saved archive",
        };
        let lines = vec![
            Line::from(vec![
                Span::styled("efficiency ", t.header()),
                Span::raw(format!("{:.2} %", fig.efficiency * 100.0)),
                Span::styled("   wasted ", t.header()),
                Span::styled(
                    format_size(fig.wasted_bytes),
                    if fig.wasted_bytes > 0 {
                        t.warn()
                    } else {
                        t.ok()
                    },
                ),
                Span::raw(format!("   {} files", fig.final_files)),
            ]),
            Line::styled(
                "efficiency: Σ smallest copy / Σ all copies of every path (dive's score)",
                t.dim(),
            ),
            Line::styled(
                "wasted: bytes of copies the final image does not show (N−1 of N)",
                t.dim(),
            ),
            Line::from(vec![
                Span::styled(format!("read from {via} · "), t.dim()),
                Span::styled(
                    format!("{} advice", p.findings.len()),
                    if p.findings.is_empty() {
                        t.ok()
                    } else {
                        t.warn()
                    },
                ),
                Span::styled(" (v) · wasted files (w)", t.dim()),
            ]),
        ];
        f.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    if let Some(e) = &p.error {
        f.render_widget(
            Paragraph::new(e.clone()).style(t.error()).block(block),
            area,
        );
        return;
    }
    if p.cancelled {
        f.render_widget(
            Paragraph::new(format!("analysis cancelled: {again}"))
                .style(t.dim())
                .block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (label, ratio) = match &p.progress {
        Some(pr) => {
            let ratio = pr
                .bytes_total
                .filter(|t| *t > 0)
                .map(|tot| pr.bytes_done as f64 / tot as f64);
            let ratio = ratio.or_else(|| {
                pr.layers_total
                    .filter(|t| *t > 0)
                    .map(|tot| pr.layers_done as f64 / tot as f64)
            });
            (pr.line(), ratio.unwrap_or(0.0))
        }
        None => ("starting the file analysis…".to_string(), 0.0),
    };
    let [g, hint] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    f.render_widget(
        Gauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(label)
            .gauge_style(t.ok()),
        g,
    );
    f.render_widget(Paragraph::new(Line::styled("Esc cancels", t.dim())), hint);
}

/// An image ID shortened; a reference as it is.
fn short(image: &str) -> &str {
    if image.starts_with("sha256:") {
        short_id(image)
    } else {
        image
    }
}
