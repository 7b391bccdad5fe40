//! The build context screen: what would be sent (size, files, what the `.dockerignore`
//! keeps out), each `context.*` rule's verdict, the findings with evidence and fix, then
//! the largest, sensitive and unreadable paths — one scrolling page, wrapped to the width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ContextCheck;
use crate::context::Builder;
use crate::context::walk::Kind;
use crate::diagnose::{Severity, Status};
use crate::layers::units::format_size;
use crate::tui::pane::Env;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;

/// The width `on_act` assumes when it limits scrolling (the narrowest supported screen).
const NARROW: usize = 78;

/// Lines at the narrowest width: the most there can be to scroll through.
pub fn line_count(c: &ContextCheck) -> usize {
    lines(c, NARROW, &Theme { mono: true }).len()
}

fn mark(s: Status, t: &Theme) -> (&'static str, Style) {
    match s {
        Status::Pass => ("✔", t.ok()),
        Status::Fail => ("✘", t.error()),
        Status::Warn => ("!", t.warn()),
        Status::NotApplicable => ("–", t.dim()),
        Status::Unknown | Status::Pending => ("?", t.dim()),
    }
}

fn push_wrapped(out: &mut Vec<Line<'static>>, indent: &str, text: &str, w: usize, style: Style) {
    let room = w.saturating_sub(indent.chars().count()).max(10);
    for l in wrap(text, room, 0) {
        out.push(Line::styled(format!("{indent}{l}"), style));
    }
}

/// Every line of the page at width `w`.
pub fn lines(c: &ContextCheck, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    if let Some(e) = &c.error {
        push_wrapped(
            &mut out,
            "",
            &format!("The context could not be checked: {e}"),
            w,
            t.error(),
        );
        return out;
    }
    let Some(ch) = &c.checked else {
        let n = c.walking.unwrap_or(0);
        out.push(Line::styled(
            format!("walking the context… {n} entries"),
            t.dim(),
        ));
        return out;
    };
    let r = &ch.report;
    let builder = match r.builder {
        Builder::Buildkit => "BuildKit",
        Builder::Classic => "classic builder",
    };
    let ignore = r.ignore_file.as_deref().unwrap_or("no .dockerignore");
    out.push(Line::styled(
        format!("{builder} · {ignore} · -f {}", r.dockerfile),
        t.dim(),
    ));
    match &r.refused {
        Some(x) => push_wrapped(
            &mut out,
            "",
            &format!(
                "docker build refuses the .dockerignore: line {}: {}",
                x.line, x.error
            ),
            w,
            t.error(),
        ),
        None => push_wrapped(
            &mut out,
            "",
            &format!(
                "sent: {} in {} files, {} directories, {} symlinks; kept out: {} in {} files",
                format_size(r.bytes),
                r.files,
                r.dirs,
                r.symlinks,
                format_size(r.excluded_bytes),
                r.excluded_files
            ),
            w,
            Style::default(),
        ),
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Checks", t.header()));
    for o in &ch.outcomes {
        let (m, style) = mark(o.status(), t);
        out.push(Line::from(vec![
            Span::styled(format!(" {m} "), style),
            Span::styled(format!("{:<30}", o.rule.id), style),
            Span::raw(o.verdict.summary()),
        ]));
    }
    if !ch.findings.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Findings", t.header()));
    }
    for f in &ch.findings {
        let style = match f.severity {
            Severity::Error => t.error(),
            Severity::Warn => t.warn(),
            _ => Style::default(),
        };
        push_wrapped(
            &mut out,
            " ",
            &format!("{} {}: {}", f.severity, f.id, f.title),
            w,
            style,
        );
        push_wrapped(&mut out, "   ", &f.evidence, w, t.dim());
        push_wrapped(
            &mut out,
            "   ",
            &format!("fix: {}", f.fix),
            w,
            Style::default(),
        );
    }
    let largest: Vec<String> = r
        .largest
        .iter()
        .filter(|l| l.bytes > 0)
        .map(|l| {
            let slash = if l.kind == Kind::Dir { "/" } else { "" };
            format!("  {:>9}  {}{slash}", format_size(l.bytes), l.path)
        })
        .collect();
    if !largest.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Largest paths sent", t.header()));
        out.extend(largest.into_iter().map(Line::raw));
    }
    if !r.sensitive.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Sensitive paths sent", t.header()));
    }
    for s in &r.sensitive {
        push_wrapped(
            &mut out,
            "  ",
            &format!("{} ({}): {}", s.path, s.concern.describe(), s.why),
            w,
            t.warn(),
        );
    }
    if !r.unreadable.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Unreadable by the building user", t.header()));
    }
    for u in &r.unreadable {
        push_wrapped(
            &mut out,
            "  ",
            &format!("{}: {}", u.path, u.error),
            w,
            t.error(),
        );
    }
    out
}

pub fn draw(f: &mut Frame, area: Rect, c: &ContextCheck, env: &Env) -> usize {
    let t = env.theme;
    let title = match &c.checked {
        Some(ch) => format!(" Build context {} ", ch.report.dir),
        None => format!(" Build context {} ", c.dir.display()),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    let all = lines(c, inner.width as usize, t);
    let h = inner.height as usize;
    let top = c.scroll.min(all.len().saturating_sub(h));
    let shown: Vec<Line> = all.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(shown).block(block), area);
    h.max(1)
}
