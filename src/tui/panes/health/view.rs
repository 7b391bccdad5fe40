//! The Health tab: status and streak, the check as configured, since when it fails, a
//! pass/fail timeline with restarts, probe durations against the timeout, every probe
//! known (newest first), the selected probe's whole output, and why it fails.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Health;
use super::model::{Model, symbol};
use crate::diagnose::Severity;
use crate::envcheck::Masker;
use crate::health::config::Origin;
use crate::health::output;
use crate::health::probe::Outcome;
use crate::health::time::{SECOND, clock, datetime, nanos_in, span};
use crate::model::human_duration;
use crate::tui::pane::Env;
use crate::tui::theme::{Theme, health_badge};

pub fn draw(f: &mut Frame, area: Rect, pane: &Health, env: &Env) -> usize {
    let t = env.theme;
    let Some(m) = pane.model() else {
        let why = pane.status().unwrap_or(super::READING);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Health ", t.title()));
        f.render_widget(
            Paragraph::new(why.to_string())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .style(t.dim())
                .block(block),
            area,
        );
        return 0;
    };
    let title = Line::from(vec![
        Span::styled(format!(" Health · {} ", m.name), t.title()),
        Span::styled(
            format!("{} ", health_badge(m.facts.status)),
            t.health(m.facts.status),
        ),
        Span::styled(streak_text(m), t.dim()),
    ]);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let why = (m.findings.len() as u16).min(3);
    let head_lines = header(m, pane.masker(), env, inner.width as usize);
    let [head, spark, list_title, list, out_title, out, why_area] = Layout::vertical([
        Constraint::Length(head_lines.len() as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(why + u16::from(why > 0)),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(head_lines), head);
    sparkline(f, spark, m, t);
    let sources = source_counts(m);
    f.render_widget(
        Paragraph::new(Line::styled(
            format!("Probes ({}{sources}), newest first", m.len()),
            t.header(),
        )),
        list_title,
    );
    let rows = list.height as usize;
    f.render_widget(Paragraph::new(probe_rows(m, pane, rows, t)), list);
    let (title, out_lines) = super::output_view::output_area(m, pane, out.height as usize, t);
    f.render_widget(Paragraph::new(title), out_title);
    let mut body = Paragraph::new(out_lines);
    // A try's note and answer wrap (they are sentences); probe output keeps its lines.
    if pane.trial().is_some() || pane.trying() {
        body = body.wrap(ratatui::widgets::Wrap { trim: false });
    }
    f.render_widget(body, out);
    if why > 0 {
        let mut lines = vec![Line::styled("Why", t.header())];
        for x in m.findings.iter().take(why as usize) {
            let style = match x.severity {
                Severity::Error => t.error(),
                Severity::Warn => t.warn(),
                Severity::Info => t.dim(),
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "{} ",
                        if x.severity == Severity::Error {
                            "✘"
                        } else {
                            "!"
                        }
                    ),
                    style,
                ),
                Span::styled(format!("{} ", x.id), style),
                Span::raw(x.title.clone()),
            ]));
        }
        f.render_widget(Paragraph::new(lines), why_area);
    }
    rows
}

fn streak_text(m: &Model) -> String {
    let streak = m.facts.failing_streak.unwrap_or(m.summary.failing_streak);
    match (streak, m.summary.flapping) {
        (_, Some(fl)) => format!("flapping: {} changes in {} probes ", fl.changes, fl.window),
        (0, None) => String::new(),
        (n, None) => format!("failing streak {n} "),
    }
}

fn header<'a>(m: &'a Model, masker: &Masker, env: &Env, width: usize) -> Vec<Line<'a>> {
    let t = env.theme;
    let ago = |ns: i64| human_duration(env.now.saturating_sub(ns / SECOND));
    let mut lines = Vec::new();
    match &m.facts.config {
        None => {
            lines.push(Line::styled(
                "no health check: Docker cannot tell whether the app answers",
                t.warn(),
            ));
            lines.push(Line::raw(""));
        }
        Some(c) if c.is_disabled() => {
            lines.push(Line::styled("health check switched off (NONE)", t.warn()));
            lines.push(Line::raw(""));
        }
        Some(c) => {
            let from = match c.origin {
                Origin::Container => "container",
                Origin::Image => "image",
            };
            let cmd: String = masker
                .text(&c.command_text())
                .chars()
                .take(width.saturating_sub(16))
                .collect();
            lines.push(Line::from(vec![
                Span::styled("check ", t.dim()),
                Span::raw(cmd),
                Span::styled(format!(" ({from})"), t.dim()),
            ]));
            let si = c
                .set
                .start_interval
                .map(|d| format!(" · start interval {}", span(nanos_in(d))))
                .unwrap_or_default();
            let sp = match c.start_period() {
                d if d.is_zero() => String::new(),
                d => format!(" · start period {}", span(nanos_in(d))),
            };
            lines.push(Line::styled(
                format!(
                    "      every {} · timeout {} · {} retries{sp}{si} · unhealthy after {}",
                    span(nanos_in(c.interval())),
                    span(nanos_in(c.timeout())),
                    c.retries(),
                    span(nanos_in(c.time_to_unhealthy()))
                ),
                t.dim(),
            ));
        }
    }
    let s = &m.summary;
    let since = match s.failing_from() {
        Some((ts, false)) => Span::styled(
            format!("failing since {} ({} ago)", datetime(ts), ago(ts)),
            t.error(),
        ),
        Some((ts, true)) => Span::styled(
            // Short enough for 80 columns; how it is estimated is in health.failing's evidence.
            format!(
                "failing since about {} (~{} ago, estimated)",
                datetime(ts),
                ago(ts)
            ),
            t.error(),
        ),
        None if s.probes > 0 => Span::styled("passing".to_string(), t.ok()),
        None => Span::styled("no probe known yet".to_string(), t.dim()),
    };
    let healthy = match s.last_healthy {
        Some(ts) => format!(" · last healthy {} ({} ago)", clock(ts), ago(ts)),
        None if s.probes > 0 => " · never healthy in the probes known".into(),
        None => String::new(),
    };
    lines.push(Line::from(vec![since, Span::styled(healthy, t.dim())]));
    if m.facts.running == Some(false) && m.facts.config.is_some() {
        lines.push(Line::styled(
            "not running: no probe runs now; the status is the last Docker kept",
            t.warn(),
        ));
    }
    let width = width.saturating_sub(9);
    let mut tl = vec![Span::styled("timeline ", t.dim())];
    for (c, o) in m.timeline(width) {
        tl.push(Span::styled(c.to_string(), outcome_style(o, t)));
    }
    lines.push(Line::from(tl));
    lines
}

fn outcome_style(o: Outcome, t: &Theme) -> Style {
    match o {
        Outcome::Pass => t.ok(),
        Outcome::Fail => t.error(),
        Outcome::Timeout => t.warn(),
        Outcome::Unknown => t.dim(),
    }
}

/// Probe durations as bars against the timeout (a full bar is the timeout): every finished
/// probe shows at least the lowest bar, a timed-out one a full bar in the warning style.
fn sparkline(f: &mut Frame, area: Rect, m: &Model, t: &Theme) {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let timeout = m.facts.config.as_ref().map_or(0, |c| nanos_in(c.timeout()));
    let label = format!("duration vs timeout {} ", span(timeout));
    let room = (area.width as usize).saturating_sub(label.chars().count());
    let probes = m.facts.history.probes();
    let n = room.min(probes.len());
    let mut spans = vec![Span::styled(label, t.dim())];
    for p in &probes[probes.len() - n..] {
        let (c, style) = match p.duration() {
            _ if p.timed_out() => ('█', t.warn()),
            Some(d) if timeout > 0 => {
                let level = ((d as f64 / timeout as f64) * 8.0).ceil().clamp(1.0, 8.0) as usize;
                (BARS[level - 1], if level >= 7 { t.warn() } else { t.key() })
            }
            _ => (' ', t.dim()),
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn source_counts(m: &Model) -> String {
    use crate::health::Source;
    let count = |s: Source| {
        m.facts
            .history
            .probes()
            .iter()
            .filter(|p| p.source == s)
            .count()
    };
    let parts: Vec<String> = [Source::Daemon, Source::Captured, Source::Recorded]
        .into_iter()
        .filter_map(|s| match count(s) {
            0 => None,
            n => Some(format!("{n} {}", s.as_str())),
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join(", "))
    }
}

fn probe_rows<'a>(m: &'a Model, pane: &Health, rows: usize, t: &Theme) -> Vec<Line<'a>> {
    if m.is_empty() {
        return vec![Line::styled("no probe known yet", t.dim())];
    }
    let sel = pane.selected().min(m.len() - 1);
    let first = sel.saturating_sub(rows.saturating_sub(1));
    (first..(first + rows).min(m.len()))
        .filter_map(|i| {
            let p = m.probe(i)?;
            let o = p.outcome();
            let said = p
                .output
                .as_deref()
                .map(output::telling_line)
                .unwrap_or("(output not captured)");
            let line = Line::from(vec![
                Span::raw(if i == sel { "▶ " } else { "  " }),
                Span::styled(format!("{} ", symbol(o)), outcome_style(o, t)),
                Span::raw(format!(
                    "{}  {:>7}  {:>4}  {:<8}  ",
                    clock(p.start),
                    p.duration().map(span).unwrap_or_else(|| "?".into()),
                    p.exit_code.map_or("?".into(), |c| c.to_string()),
                    p.source.as_str()
                )),
                Span::raw(said.to_string()),
            ]);
            Some(if i == sel {
                line.style(t.selected())
            } else {
                line
            })
        })
        .collect()
}
