//! The layers pane: the layer list with sizes and share bars (shown at once from inspect and
//! history), the image's efficiency and waste once the files are read (with progress until
//! then), and the file tree of the selected layer or the list of wasted files.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Row, Table, TableState};

use crate::layers::tree::{Mark, SortBy};
use crate::layers::units::format_size;
use crate::layers::{EntryKind, Phase};
use crate::tui::layers_pane::{Focus, LayersPane, Side};
use crate::tui::theme::Theme;

pub fn render(f: &mut Frame, area: Rect, p: &LayersPane, t: &Theme) -> usize {
    let left_w = if area.width >= 140 {
        area.width * 45 / 100
    } else {
        area.width / 2
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    let [list, summary] = Layout::vertical([Constraint::Min(3), Constraint::Length(6)]).areas(left);
    render_layer_list(f, list, p, t);
    render_summary(f, summary, p, t);
    match p.side {
        Side::Tree => render_tree(f, right, p, t),
        Side::Waste => render_waste(f, right, p, t),
        Side::Advice => render_advice(f, right, p, t),
        Side::Largest => render_largest(f, right, p, t),
    }
    right.height.saturating_sub(3) as usize
}

fn focus_block<'a>(title: Vec<Span<'a>>, focused: bool, t: &Theme) -> Block<'a> {
    let b = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title));
    if focused { b.border_style(t.key()) } else { b }
}

/// A share bar of `width` cells for `share` in 0..=1, with eighth-cell resolution.
pub fn share_bar(share: f64, width: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(PARTS[eighths % 8]);
    format!("{s:<width$}")
}

fn render_layer_list(f: &mut Frame, area: Rect, p: &LayersPane, t: &Theme) {
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
            "{} · {} · {} metadata steps folded ",
            format_size(q.size_bytes),
            steps.len(),
            folded
        )),
    ];
    let rows: Vec<Row> = steps
        .iter()
        .enumerate()
        .map(|(i, si)| {
            let s = &q.steps[*si];
            let base = if s.base {
                Span::styled("base ", t.dim())
            } else {
                Span::raw("")
            };
            Row::new(vec![
                Line::from(format!("{i:>2}")),
                Line::from(format!("{:>8}", format_size(s.size_bytes))),
                Line::from(Span::styled(share_bar(s.share, 6), t.ok())),
                Line::from(vec![base, Span::raw(s.created_by.clone())]),
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

fn render_summary(f: &mut Frame, area: Rect, p: &LayersPane, t: &Theme) {
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
            Paragraph::new("analysis cancelled: Tab away and back to start again")
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
            let phase = match pr.phase {
                Phase::Inspect => "inspecting",
                Phase::Export => "reading the image export",
                Phase::LocalWalk => "walking the layer directories",
                Phase::Analyse => "computing",
                Phase::Done => "done",
            };
            let ratio = pr
                .bytes_total
                .filter(|t| *t > 0)
                .map(|tot| pr.bytes_done as f64 / tot as f64);
            let ratio = ratio.or_else(|| {
                pr.layers_total
                    .filter(|t| *t > 0)
                    .map(|tot| pr.layers_done as f64 / tot as f64)
            });
            (
                format!(
                    "{phase}: {} · {} entries",
                    format_size(pr.bytes_done),
                    pr.entries_done
                ),
                ratio.unwrap_or(0.0),
            )
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

fn mode_string(kind: EntryKind, mode: u32) -> String {
    let k = match kind {
        EntryKind::Dir => 'd',
        EntryKind::Symlink => 'l',
        EntryKind::Hardlink => 'h',
        EntryKind::Other => 'c',
        EntryKind::Whiteout | EntryKind::Opaque => 'w',
        EntryKind::File => '-',
    };
    let mut s = String::from(k);
    for shift in [6, 3, 0] {
        let bits = (mode >> shift) & 7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        s.push(if bits & 1 != 0 { 'x' } else { '-' });
    }
    s
}

fn mark(m: Mark, t: &Theme) -> (&'static str, Style) {
    match m {
        Mark::Added => ("+", t.ok()),
        Mark::Modified => ("~", t.warn()),
        Mark::Removed => ("-", t.error()),
        Mark::Unchanged => (" ", Style::default()),
    }
}

fn render_tree(f: &mut Frame, area: Rect, p: &LayersPane, t: &Theme) {
    let scope = if p.whole {
        "whole filesystem"
    } else {
        "changes"
    };
    let sort = if p.sort == SortBy::Size {
        "size"
    } else {
        "name"
    };
    let layer = p.layer_sel;
    let mut title = vec![Span::styled(
        format!(" Files · layer {layer} · {scope} · by {sort} "),
        t.title(),
    )];
    if p.filtering || !p.filter.is_empty() {
        title.push(Span::styled(
            format!(
                "filter: {}{} ",
                p.filter,
                if p.filtering { "▏" } else { "" }
            ),
            t.key(),
        ));
    }
    let block = focus_block(title, p.focus == Focus::Files, t);
    let (Some(a), Some(tree)) = (&p.analysis, p.tree()) else {
        let msg = if p.analysis.is_none() {
            "the files appear when the analysis is done"
        } else {
            "no layer selected"
        };
        f.render_widget(Paragraph::new(msg).style(t.dim()).block(block), area);
        return;
    };
    let _ = a;
    let height = area.height.saturating_sub(2) as usize;
    let wide = area.width >= 64;
    let vis = p.visible();
    let first = p.file_sel.saturating_sub(height.saturating_sub(1));
    let rows: Vec<Row> = vis
        .iter()
        .skip(first)
        .take(height)
        .map(|i| {
            let r = &tree.rows[*i];
            let (m, ms) = mark(r.mark, t);
            let fold = if r.descendants > 0 && p.collapsed.contains(&r.node) {
                "▸ "
            } else {
                ""
            };
            let mut name = format!("{}{fold}{}", "  ".repeat(r.depth as usize), r.name);
            if r.kind == EntryKind::Dir {
                name.push('/');
            }
            if let Some(l) = &r.link {
                name.push_str(&format!(" → {l}"));
            }
            let mut cells = vec![Line::from(Span::styled(m, ms))];
            if wide {
                cells.push(Line::from(mode_string(r.kind, r.mode)));
                cells.push(Line::from(format!("{}:{}", r.uid, r.gid)));
            }
            cells.push(Line::from(format!("{:>8}", format_size(r.size))));
            cells.push(Line::from(Span::styled(name, ms)));
            Row::new(cells)
        })
        .collect();
    // Narrow terminals keep the sizes and names; owner and mode need room.
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Length(1),
            Constraint::Length(10),
            Constraint::Length(9),
            Constraint::Length(8),
            Constraint::Fill(1),
        ]
    } else {
        vec![
            Constraint::Length(1),
            Constraint::Length(8),
            Constraint::Fill(1),
        ]
    };
    let table =
        Table::new(rows, widths)
            .block(block)
            .row_highlight_style(if p.focus == Focus::Files {
                t.selected()
            } else {
                Style::default()
            });
    let mut state = TableState::default().with_selected(Some(p.file_sel - first));
    f.render_stateful_widget(table, area, &mut state);
}

fn render_waste(f: &mut Frame, area: Rect, p: &LayersPane, t: &Theme) {
    let block = focus_block(
        vec![Span::styled(
            " Wasted files (copies the final image does not show) ",
            t.title(),
        )],
        p.focus == Focus::Files,
        t,
    );
    let Some(a) = &p.analysis else {
        f.render_widget(
            Paragraph::new("the list appears when the analysis is done")
                .style(t.dim())
                .block(block),
            area,
        );
        return;
    };
    let height = area.height.saturating_sub(3) as usize;
    let first = p.file_sel.saturating_sub(height.saturating_sub(1));
    let rows: Vec<Row> = a
        .figures
        .inefficient
        .iter()
        .skip(first)
        .take(height)
        .map(|w| {
            Row::new(vec![
                format!("{:>8}", format_size(w.wasted_bytes)),
                format!("{:>6}", w.copies),
                format!("{:>8}", format_size(w.total_bytes)),
                w.path.clone(),
            ])
        })
        .collect();
    let header = Row::new(["  WASTED", "COPIES", "   TOTAL", "PATH"]).style(t.header());
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Length(8),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .block(block)
    .row_highlight_style(t.selected());
    let sel = (p.file_sel - first).min(a.figures.inefficient.len().saturating_sub(1));
    let mut state =
        TableState::default().with_selected((!a.figures.inefficient.is_empty()).then_some(sel));
    f.render_stateful_widget(table, area, &mut state);
}

fn render_advice(f: &mut Frame, area: Rect, p: &LayersPane, t: &Theme) {
    let block = focus_block(
        vec![Span::styled(
            " Advice from the optimization guide ",
            t.title(),
        )],
        p.focus == Focus::Files,
        t,
    );
    if p.analysis.is_none() {
        f.render_widget(
            Paragraph::new("the advice appears when the analysis is done")
                .style(t.dim())
                .block(block),
            area,
        );
        return;
    }
    if p.findings.is_empty() {
        f.render_widget(
            Paragraph::new("nothing to advise: this image follows the guide's layer rules")
                .style(t.ok())
                .block(block),
            area,
        );
        return;
    }
    let mut lines = Vec::new();
    for (i, fd) in p.findings.iter().enumerate().skip(p.file_sel) {
        let sev = match fd.severity {
            crate::diagnose::Severity::Error => t.error(),
            crate::diagnose::Severity::Warn => t.warn(),
            crate::diagnose::Severity::Info => t.dim(),
        };
        let title = Line::from(vec![
            Span::styled(format!("[{}] ", fd.severity), sev),
            Span::styled(
                fd.title.clone(),
                if i == p.file_sel {
                    t.selected()
                } else {
                    t.header()
                },
            ),
            Span::styled(format!("  ({} · {})", fd.section, fd.id), t.dim()),
        ]);
        lines.push(title);
        lines.push(Line::from(vec![
            Span::styled("  evidence: ", t.dim()),
            Span::raw(fd.evidence.clone()),
        ]));
        lines.push(Line::from(vec![
            Span::styled("  fix: ", t.dim()),
            Span::raw(fd.fix.clone()),
        ]));
        lines.push(Line::raw(""));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block),
        area,
    );
}

fn render_largest(f: &mut Frame, area: Rect, p: &LayersPane, t: &Theme) {
    let title = format!(" Largest files of layer {} ", p.layer_sel);
    let block = focus_block(
        vec![Span::styled(title, t.title())],
        p.focus == Focus::Files,
        t,
    );
    let files = p.largest();
    if files.is_empty() {
        let msg = if p.analysis.is_none() {
            "the list appears when the analysis is done"
        } else {
            "this layer adds no file"
        };
        f.render_widget(Paragraph::new(msg).style(t.dim()).block(block), area);
        return;
    }
    let height = area.height.saturating_sub(2) as usize;
    let sel = p.file_sel.min(files.len() - 1);
    let first = sel.saturating_sub(height.saturating_sub(1));
    let rows: Vec<Row> = files
        .iter()
        .skip(first)
        .take(height)
        .map(|(path, size)| Row::new(vec![format!("{:>8}", format_size(*size)), path.clone()]))
        .collect();
    let table = Table::new(rows, [Constraint::Length(8), Constraint::Fill(1)])
        .block(block)
        .row_highlight_style(t.selected());
    let mut state = TableState::default().with_selected(Some(sel - first));
    f.render_stateful_widget(table, area, &mut state);
}

fn short(image: &str) -> &str {
    let s = image.strip_prefix("sha256:").unwrap_or(image);
    if image.starts_with("sha256:") {
        &s[..s.len().min(12)]
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_bars_have_a_fixed_width() {
        assert_eq!(share_bar(0.0, 4), "    ");
        assert_eq!(share_bar(1.0, 4), "████");
        assert_eq!(share_bar(0.5, 4), "██  ");
        assert_eq!(share_bar(0.3, 4).chars().count(), 4);
    }

    #[test]
    fn modes_read_like_ls() {
        assert_eq!(mode_string(EntryKind::Dir, 0o755), "drwxr-xr-x");
        assert_eq!(mode_string(EntryKind::File, 0o640), "-rw-r-----");
    }
}
