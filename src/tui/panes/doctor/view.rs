//! The Doctor view: a title with the tally, the checklist grouped by the guide's parts (a
//! row per check: status, what it checks, one line of evidence), and below it the selected
//! check's finding, its fix, and the keys to its details and its fix. Pure.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Doctor;
use super::state::{DoctorState, Line as Item, details_tab, fix_of};
use crate::checklist::Row;
use crate::diagnose::Status;
use crate::tui::pane::Env;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The mark and word of a status, readable without colour.
fn badge(s: Status, now: i64) -> (&'static str, &'static str) {
    match s {
        Status::Pass => ("✔", "pass"),
        Status::Warn => ("!", "warn"),
        Status::Fail => ("✘", "fail"),
        Status::NotApplicable => ("-", "n/a"),
        Status::Unknown => ("?", "unknown"),
        Status::Pending => (
            SPINNER[now.rem_euclid(SPINNER.len() as i64) as usize],
            "pending",
        ),
    }
}

pub fn style(s: Status, t: &Theme) -> Style {
    match s {
        Status::Pass => t.ok(),
        Status::Warn => t.warn(),
        Status::Fail => t.error(),
        Status::Unknown | Status::Pending | Status::NotApplicable => t.dim(),
    }
}

pub fn draw(f: &mut Frame, area: Rect, pane: &Doctor, env: &Env) -> usize {
    let t = env.theme;
    let Some(st) = pane.state() else {
        f.render_widget(
            Block::default().borders(Borders::ALL).title(" Doctor "),
            area,
        );
        return 1;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title(pane, st, env));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let detail_h = if inner.height >= 24 { 7 } else { 5 };
    let [list, detail] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(inner);
    let shown = draw_list(f, list, st, env);
    draw_detail(f, detail, st, pane.label().is_some(), t);
    shown
}

fn title<'a>(pane: &Doctor, st: &DoctorState, env: &Env) -> Line<'a> {
    let t = env.theme;
    let who = pane
        .label()
        .map_or_else(|| st.subject.label().to_string(), str::to_string);
    let c = st.counts();
    let mut spans = vec![
        Span::styled(format!(" Doctor · {who} "), t.title()),
        Span::styled(format!("✘ {} fail ", c.fail), t.error()),
        Span::styled(format!("! {} warn ", c.warn), t.warn()),
        Span::styled(format!("✔ {} pass ", c.pass), t.ok()),
        Span::styled(
            format!("? {} unknown · {} n/a ", c.unknown, c.not_applicable),
            t.dim(),
        ),
    ];
    if st.reading() {
        let (spin, _) = badge(Status::Pending, env.now);
        spans.push(Span::styled(
            format!("{spin} reading {} ", st.waiting.len()),
            t.dim(),
        ));
    } else if st.left && !st.waiting.is_empty() {
        spans.push(Span::styled("stopped (left the tab) ".to_string(), t.dim()));
    }
    Line::from(spans)
}

fn draw_list(f: &mut Frame, area: Rect, st: &DoctorState, env: &Env) -> usize {
    let t = env.theme;
    let items = st.lines();
    let selected_line = items
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l, Item::Row(_)))
        .nth(st.selected)
        .map_or(0, |(i, _)| i);
    let h = area.height as usize;
    let offset = (selected_line + 1).saturating_sub(h.max(1));
    let w = area.width as usize;
    let check_w = (w * 2 / 5).clamp(20, 52);
    let mut row_index = 0;
    let mut lines: Vec<Line> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let line = match item {
            Item::Part(g) => Line::styled(g.title().to_string(), t.header()),
            Item::Row(r) => {
                let sel = row_index == st.selected;
                row_index += 1;
                row_line(r, sel, check_w, w, env)
            }
        };
        if i >= offset && lines.len() < h {
            lines.push(line);
        }
    }
    f.render_widget(Paragraph::new(lines), area);
    h.saturating_sub(1).max(1)
}

fn row_line<'a>(r: &Row, selected: bool, check_w: usize, w: usize, env: &Env) -> Line<'a> {
    let t = env.theme;
    let s = r.status();
    let (mark, word) = badge(s, env.now);
    let check = ellipsize(r.outcome.rule.checks, check_w);
    let rest = w.saturating_sub(check_w + 12);
    let summary = ellipsize(&r.outcome.verdict.summary(), rest);
    let line = Line::from(vec![
        Span::styled(format!(" {mark} {word:<7} "), style(s, t)),
        Span::raw(format!("{check:<check_w$} ")),
        Span::styled(summary, t.dim()),
    ]);
    if selected {
        line.style(t.selected())
    } else {
        line
    }
}

fn draw_detail(f: &mut Frame, area: Rect, st: &DoctorState, image: bool, t: &Theme) {
    let Some(r) = st.selected_row() else {
        return;
    };
    let rule = r.outcome.rule;
    let mut lines = vec![Line::styled(
        format!("{} · {} · {}", rule.id, rule.section.path(), rule.severity),
        t.dim(),
    )];
    match r.findings() {
        [] => lines.push(Line::raw(r.outcome.verdict.summary())),
        [first, rest @ ..] => {
            let sev = if first.severity >= crate::diagnose::Severity::Error {
                t.error()
            } else {
                t.warn()
            };
            let more = if rest.is_empty() {
                String::new()
            } else {
                format!(" (+{} more)", rest.len())
            };
            lines.push(Line::styled(format!("{}{more}", first.title), sev));
            lines.push(Line::raw(first.evidence.clone()));
            lines.push(Line::from(vec![
                Span::styled("fix: ", t.key()),
                Span::raw(first.fix.clone()),
            ]));
        }
    }
    let mut keys: Vec<Span> = Vec::new();
    if let Some(tab) = details_tab(rule.id).filter(|tab| !image || *tab == "Layers") {
        keys.push(Span::styled("Enter ", t.key()));
        keys.push(Span::raw(format!("{tab} tab  ")));
    }
    if let Some((_, _, what)) = fix_of(rule.id).filter(|_| !r.findings().is_empty() && !image) {
        keys.push(Span::styled("f ", t.key()));
        keys.push(Span::raw(what.to_string()));
    }
    let body_h = area.height.saturating_sub(2);
    let [sep, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(body_h),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new("─".repeat(sep.width as usize)).style(t.dim()),
        sep,
    );
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
    f.render_widget(Paragraph::new(Line::from(keys)), foot);
}
