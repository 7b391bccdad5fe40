//! The comparison: the guide's "Image Size Comparison" table on real images (size, layers,
//! improvement against the first), with bars, efficiency and waste, then the largest
//! differences. `x` writes the Markdown table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

use super::state::CompareState;
use crate::layers::units::format_size;
use crate::tui::pane::Env;
use crate::tui::widgets::{ellipsize, share_bar};

pub fn draw(f: &mut Frame, area: Rect, c: &CompareState, env: &Env) -> usize {
    let t = env.theme;
    let n = c.images.len();
    let table_h = (n as u16 + 4).min(area.height / 2 + 2);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(table_h), Constraint::Min(3)]).areas(area);
    let cmp = c.comparison();
    let progress = if c.done() < n {
        format!("· analysing {}/{} ", c.done(), n)
    } else {
        String::new()
    };
    let title = Line::from(vec![
        Span::styled(" Image Size Comparison ", t.title()),
        Span::styled(progress, t.warn()),
        Span::styled("· improvement against the first ", t.dim()),
    ]);
    let label_w = c
        .labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(12)
        .clamp(12, 40) as u16
        + 1;
    let label_w = label_w.min(area.width / 3);
    let fit = |l: &str| ellipsize(l, label_w.saturating_sub(1) as usize);
    let baseline = cmp.rows.first().map(|r| r.size_bytes).unwrap_or(1).max(1);
    let mut rows: Vec<Row> = Vec::new();
    let mut ready = cmp.rows.iter();
    for (i, label) in c.labels.iter().enumerate() {
        if let Some(err) = &c.errors[i] {
            rows.push(
                Row::new(vec![fit(label), String::new(), String::new(), err.clone()])
                    .style(t.error()),
            );
            continue;
        }
        if c.summaries[i].is_none() {
            rows.push(
                Row::new(vec![
                    fit(label),
                    "…".into(),
                    String::new(),
                    "analysing".into(),
                ])
                .style(t.dim()),
            );
            continue;
        }
        let Some(r) = ready.next() else { continue };
        let change = r.improvement();
        // The bar only where there is room for the figures after it.
        let bar_w = if area.width >= 110 { 12 } else { 0 };
        let bar = share_bar((r.size_bytes as f64 / baseline as f64).min(1.0), bar_w);
        let eff = r
            .efficiency
            .map(|e| format!("{:.1}%", e * 100.0))
            .unwrap_or_default();
        let wasted = r.wasted_bytes.map(format_size).unwrap_or_default();
        let advice = &c.findings[i];
        let worst = advice.iter().map(|f| f.severity).max();
        let advice_style = match worst {
            Some(crate::diagnose::Severity::Error) => t.error(),
            Some(crate::diagnose::Severity::Warn) => t.warn(),
            _ => t.ok(),
        };
        rows.push(Row::new(vec![
            Line::from(fit(label)),
            Line::from(format!("{:>9}", format_size(r.size_bytes))),
            Line::from(change),
            Line::from(vec![
                Span::raw(format!(
                    "{bar} {:>9} · {eff} eff · {wasted} wasted · ",
                    crate::layers::units::count(r.layers, "layer")
                )),
                Span::styled(format!("{} advice", advice.len()), advice_style),
            ]),
        ]));
    }
    let header = Row::new(["OPTIMIZATION", "IMAGE SIZE", "IMPROVEMENT", ""]).style(t.header());

    let widths = [
        Constraint::Length(label_w),
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Fill(1),
    ];
    f.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::ALL).title(title)),
        top,
    );

    let mut lines: Vec<Line> = Vec::new();
    for d in cmp.differences.iter().skip(c.scroll) {
        let style = if d.delta < 0 { t.ok() } else { t.warn() };
        lines.push(Line::from(vec![
            Span::styled(format!("{:>9} ", signed(d.delta)), style),
            Span::styled(format!("{:<5} ", d.kind), t.dim()),
            Span::raw(format!("{}  ", d.name)),
            Span::styled(
                format!(
                    "{} → {}  ({})",
                    format_size(d.before),
                    format_size(d.after),
                    d.image
                ),
                t.dim(),
            ),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            "the differences appear when two images are analysed",
            t.dim(),
        ));
    }
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        " Largest differences against the first image ",
        t.title(),
    ));
    f.render_widget(Paragraph::new(lines).block(block), bottom);
    bottom.height.saturating_sub(2) as usize
}

fn signed(delta: i64) -> String {
    let s = format_size(delta.unsigned_abs());
    if delta < 0 {
        format!("-{s}")
    } else {
        format!("+{s}")
    }
}
