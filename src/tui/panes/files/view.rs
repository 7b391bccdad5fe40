//! The Files tab: a header (path, runtime user, how it was read, progress while walking),
//! the tree with mode, owner and group names, size, what the runtime user can do, and the
//! name (symlink targets, mount sources, flags of findings); below, the selected entry in
//! detail or the list of findings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row as TRow, Table, TableState};

use super::detail;
use super::state::{FilesState, Phase, Side};
use crate::diagnose::Severity;
use crate::files::mode::mode_string;
use crate::files::{Kind, Via};
use crate::layers::units::format_size;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;

/// Draws the tab; returns the rows the tree shows (for paging).
pub fn draw(f: &mut Frame, area: Rect, s: &FilesState, t: &Theme) -> usize {
    let lower = if area.height >= 30 { 10 } else { 7 };
    let [tree, below] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(lower)]).areas(area);
    let shown = render_tree(f, tree, s, t);
    match s.side {
        Side::Detail => detail::render_detail(f, below, s, t),
        Side::Findings => detail::render_findings(f, below, s, t),
    }
    shown
}

fn header(s: &FilesState, t: &Theme) -> Vec<Span<'static>> {
    let mut out = vec![Span::styled(format!(" Files {} ", s.path), t.title())];
    if let Some(r) = &s.runtime {
        out.push(Span::raw(format!("· {} ", r.user.label())));
    }
    let entries = s.tree().map_or(0, |tr| tr.len());
    let size = s.tree().map_or(0, |tr| tr.node(crate::files::ROOT).total);
    let via = match s.via {
        Some(Via::Local) => "local walk",
        Some(Via::Archive) => "archive",
        None => "…",
    };
    match &s.phase {
        Phase::Preparing => out.push(Span::styled(
            "· reading the user and /etc/passwd… ",
            t.dim(),
        )),
        Phase::Walking => out.push(Span::styled(
            format!(
                "· reading… {entries} entries, {} · Esc cancels ",
                format_size(s.progress.bytes.max(size))
            ),
            t.warn(),
        )),
        Phase::Checking => out.push(Span::styled(
            format!("· {entries} entries · checking… "),
            t.dim(),
        )),
        Phase::Done => {
            out.push(Span::raw(format!(
                "· {via} · {entries} entries, {} ",
                format_size(size)
            )));
            let worst = s.findings.iter().map(|f| f.severity).max();
            let style = match worst {
                Some(Severity::Error) => t.error(),
                Some(Severity::Warn) => t.warn(),
                _ => t.ok(),
            };
            let n = s.findings.len();
            let word = if n == 1 { "finding" } else { "findings" };
            out.push(Span::styled(format!("· {n} {word} "), style));
        }
        Phase::Cancelled => out.push(Span::styled(
            format!("· cancelled after {entries} entries · p walks again "),
            t.warn(),
        )),
        Phase::Failed(_) => out.push(Span::styled("· could not be read ", t.error())),
    }
    if let Some(f) = s.filter.shown() {
        out.push(Span::styled(format!("· {f} "), t.key()));
    }
    if let Some(g) = s.goto.shown() {
        out.push(Span::styled(format!("· {g} "), t.key()));
    }
    if s.only_flagged {
        out.push(Span::styled("· flagged only ", t.key()));
    }
    out
}

fn render_tree(f: &mut Frame, area: Rect, s: &FilesState, t: &Theme) -> usize {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(header(s, t)));
    let inner_rows = area.height.saturating_sub(3) as usize;
    let (Some(tree), false) = (
        s.tree(),
        matches!(s.phase, Phase::Failed(_)) && s.tree().is_none_or(|tr| tr.len() <= 1),
    ) else {
        let msg = match &s.phase {
            Phase::Failed(why) => why.clone(),
            _ => format!("reading {}…", s.path),
        };
        let style = if matches!(s.phase, Phase::Failed(_)) {
            t.error()
        } else {
            t.dim()
        };
        f.render_widget(
            Paragraph::new(msg)
                .style(style)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block),
            area,
        );
        return inner_rows;
    };
    let accounts = s.runtime.as_ref().map(|r| &r.accounts);
    let owner_w = 15usize;
    let name_w = (area.width as usize).saturating_sub(2 + 10 + 1 + owner_w + 1 + 9 + 1 + 3 + 1 + 2);
    let rows: Vec<TRow> = s
        .shown_rows()
        .iter()
        .map(|row| {
            let n = tree.node(row.id);
            let owner = match accounts {
                Some(a) => format!("{}:{}", a.user_name(n.uid), a.group_name(n.gid)),
                None => format!("{}:{}", n.uid, n.gid),
            };
            let size = if n.kind == Kind::Dir { n.total } else { n.size };
            let can = match (n.kind, s.rights(row.id)) {
                (Kind::Symlink, _) | (_, None) => "".to_string(),
                (k, Some(a)) => a.letters(k),
            };
            let fold = match (n.kind, n.children.is_empty(), s.outline.is_open(row.id)) {
                (Kind::Dir, false, true) => "▾ ",
                (Kind::Dir, false, false) => "▸ ",
                _ => "  ",
            };
            let mut name = if row.id == crate::files::ROOT {
                s.path.clone()
            } else {
                n.display_name().into_owned()
            };
            if let Some(l) = &n.link {
                name.push_str(&format!(" → {}", crate::files::escape::escape(l)));
            }
            if let Some(m) = n
                .mount
                .and_then(|m| s.runtime.as_ref()?.mounts.get(m as usize))
            {
                name.push_str(&format!("  [{}]", m.label()));
            }
            let flag = s
                .flagged
                .get(&row.id)
                .and_then(|&i| s.findings.get(i))
                .map(|f| f.severity);
            let (mark, mark_style) = match flag {
                Some(Severity::Error) => ("✘ ", t.error()),
                Some(Severity::Warn) => ("! ", t.warn()),
                Some(Severity::Info) => ("· ", t.dim()),
                None => ("  ", Style::default()),
            };
            let indent = " ".repeat(2 * row.depth as usize);
            let text = ellipsize(&format!("{indent}{fold}{name}"), name_w);
            TRow::new(vec![
                Line::raw(mode_string(n.kind, n.perm)),
                Line::raw(ellipsize(&owner, owner_w)),
                Line::raw(format_size(size)),
                Line::styled(
                    can,
                    if n.kind != Kind::Symlink && s.rights(row.id).is_some_and(|a| !a.read) {
                        t.warn()
                    } else {
                        Style::default()
                    },
                ),
                Line::from(vec![Span::styled(mark, mark_style), Span::raw(text)]),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(owner_w as u16),
            Constraint::Length(9),
            Constraint::Length(3),
            Constraint::Min(10),
        ],
    )
    .header(TRow::new(["MODE", "OWNER", "SIZE", "CAN", "  NAME"]).style(t.header()))
    .row_highlight_style(t.selected())
    .block(block);
    let mut state = TableState::default().with_selected(Some(s.sel));
    f.render_stateful_widget(table, area, &mut state);
    inner_rows
}
