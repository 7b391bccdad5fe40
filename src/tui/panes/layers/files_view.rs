//! The right-hand side of the layers pane: the selected layer's file tree (marks, mode,
//! owner, size), the wasted files, the guide's advice, the layer's largest files.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::state::{Focus, LayersState};
use super::view::focus_block;
use crate::layers::EntryKind;
use crate::layers::tree::{Mark, SortBy};
use crate::layers::units::format_size;
use crate::tui::theme::Theme;
use crate::tui::widgets::{clean, ellipsize};

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

pub fn render_tree(f: &mut Frame, area: Rect, p: &LayersState, t: &Theme) {
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
    if let Some(filter) = p.filter.shown() {
        title.push(Span::styled(format!("{filter} "), t.key()));
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
    let name_w = if wide {
        area.width.saturating_sub(2 + 1 + 10 + 9 + 8 + 4)
    } else {
        area.width.saturating_sub(2 + 1 + 8 + 2)
    } as usize;
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
            cells.push(Line::from(Span::styled(
                ellipsize(&clean(&name), name_w),
                ms,
            )));
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

pub fn render_waste(f: &mut Frame, area: Rect, p: &LayersState, t: &Theme) {
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
    if a.figures.inefficient.is_empty() {
        f.render_widget(
            Paragraph::new(
                "no waste: every file of every layer is in the final image, none written twice",
            )
            .style(t.ok())
            .block(block),
            area,
        );
        return;
    }
    let height = area.height.saturating_sub(3) as usize;
    let first = p.file_sel.saturating_sub(height.saturating_sub(1));
    let path_w = area.width.saturating_sub(2 + 8 + 6 + 8 + 3) as usize;
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
                ellipsize(&clean(&w.path), path_w),
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

pub fn render_advice(f: &mut Frame, area: Rect, p: &LayersState, t: &Theme) {
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

pub fn render_largest(f: &mut Frame, area: Rect, p: &LayersState, t: &Theme) {
    let title = format!(" Largest files of layer {} ", p.layer_sel);
    let block = focus_block(
        vec![Span::styled(title, t.title())],
        p.focus == Focus::Files,
        t,
    );
    let files = p.largest();
    if files.is_empty() {
        let msg = if p.analysis.is_none() {
            "the list appears when the analysis is done".to_string()
        } else {
            p.no_file_summary()
                .unwrap_or_else(|| "no file of this layer is left in the image".into())
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
        .map(|(path, size)| {
            let path_w = area.width.saturating_sub(2 + 8 + 1) as usize;
            Row::new(vec![
                format!("{:>8}", format_size(*size)),
                ellipsize(&clean(path), path_w),
            ])
        })
        .collect();
    let table = Table::new(rows, [Constraint::Length(8), Constraint::Fill(1)])
        .block(block)
        .row_highlight_style(t.selected());
    let mut state = TableState::default().with_selected(Some(sel - first));
    f.render_stateful_widget(table, area, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_read_like_ls() {
        assert_eq!(mode_string(EntryKind::Dir, 0o755), "drwxr-xr-x");
        assert_eq!(mode_string(EntryKind::File, 0o640), "-rw-r-----");
    }
}
