//! The Env tab's view (pure): the variables grouped as the guide groups them (database,
//! Django, superuser, CORS, media, other) with their source, values masked unless revealed —
//! and a line that says which — then the database probe and the env rules' findings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::diagnose::{Finding, Part, Severity};
use crate::envcheck::{DbFacts, EnvFacts, Group, Masker, Source};
use crate::tui::theme::Theme;

/// What the Env tab shows.
pub struct EnvScreen<'a> {
    pub env: &'a Part<EnvFacts>,
    pub database: &'a Part<DbFacts>,
    pub findings: &'a [Finding],
    /// Masks unless the user pressed the reveal key (`Masker::reveals`).
    pub masker: &'a Masker,
    /// First variable row shown.
    pub scroll: usize,
}

/// The rows of the variable list: group headings and variables, in order.
pub fn rows<'a>(env: &'a EnvFacts, masker: &Masker, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let key_w = env
        .vars
        .iter()
        .map(|v| v.key.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 28);
    let value_w = width.saturating_sub(key_w + 9).max(8);
    let mut out = Vec::new();
    for g in Group::ALL {
        let vars: Vec<_> = env.vars.iter().filter(|v| v.group == g).collect();
        if vars.is_empty() {
            continue;
        }
        out.push(Line::styled(
            format!("{} ({})", g.title(), vars.len()),
            theme.header(),
        ));
        for v in vars {
            let shown = masker.value(&v.key, &v.value);
            let masked = masker.hides(&v.key, &v.value) && !masker.reveals();
            let style = if masked {
                theme.dim()
            } else {
                Style::default()
            };
            let src = match v.source {
                Source::Image => "image",
                Source::Run => "run  ",
                Source::Both => "both ",
            };
            out.push(Line::from(vec![
                Span::raw(format!(" {:key_w$} ", cut(&v.key, key_w))),
                Span::styled(format!("{src} "), theme.dim()),
                Span::styled(cut(&shown.replace('\n', "⏎"), value_w), style),
            ]));
        }
    }
    out
}

pub fn render(f: &mut Frame, area: Rect, s: &EnvScreen, theme: &Theme, block: Block) -> usize {
    let inner = block.inner(area);
    f.render_widget(block, area);
    let env = match s.env {
        Part::Ready(e) => e,
        Part::Pending => {
            f.render_widget(
                Paragraph::new("reading the container's environment…"),
                inner,
            );
            return 0;
        }
        Part::Unavailable(why) => {
            let text = format!("could not read the environment: {}", s.masker.text(why));
            f.render_widget(
                Paragraph::new(text)
                    .style(theme.error())
                    .wrap(Wrap { trim: true }),
                inner,
            );
            return 0;
        }
    };
    let below = (s.findings.len() as u16 + 3).clamp(4, inner.height / 2);
    let [top, list, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(below),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(banner(env, s.masker, theme)), top);
    let all = rows(env, s.masker, theme, list.width as usize);
    let height = list.height as usize;
    let first = s.scroll.min(all.len().saturating_sub(height));
    let shown: Vec<Line> = all.into_iter().skip(first).take(height).collect();
    f.render_widget(Paragraph::new(shown), list);
    let mut lines = vec![database_line(s.database, s.masker, theme)];
    if s.findings.is_empty() {
        lines.push(Line::styled("✔ no findings", theme.ok()));
    }
    for fd in s.findings {
        let style = match fd.severity {
            Severity::Error => theme.error(),
            Severity::Warn => theme.warn(),
            Severity::Info => theme.dim(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:5} ", fd.severity.as_str()), style),
            Span::styled(format!("{} ", fd.id), theme.dim()),
            Span::raw(s.masker.text(&fd.title)),
        ]));
    }
    let findings =
        Paragraph::new(lines).block(Block::default().borders(Borders::TOP).title(" Checks "));
    f.render_widget(findings, bottom);
    height
}

fn banner<'a>(env: &EnvFacts, masker: &Masker, theme: &Theme) -> Line<'a> {
    let spec = match &env.spec {
        Some(s) => format!("spec {}", s.path),
        None => "no spec (.env.example)".into(),
    };
    let secrets = env
        .vars
        .iter()
        .filter(|v| masker.hides(&v.key, &v.value))
        .count();
    let state = if masker.reveals() {
        Span::styled(
            format!(" REVEALED: {secrets} secret values shown — v hides them "),
            theme
                .warn()
                .add_modifier(ratatui::style::Modifier::REVERSED),
        )
    } else {
        Span::styled(
            format!("{secrets} secret values masked (v reveals)"),
            theme.dim(),
        )
    };
    Line::from(vec![
        Span::raw(format!("{} variables · {spec} · ", env.vars.len())),
        state,
    ])
}

fn database_line<'a>(db: &Part<DbFacts>, masker: &Masker, theme: &Theme) -> Line<'a> {
    let (text, style) = match db {
        Part::Pending => ("database: probing…".to_string(), theme.dim()),
        Part::Unavailable(why) => (
            format!("database: not checked — {}", masker.text(why)),
            theme.warn(),
        ),
        Part::Ready(DbFacts::NoTarget) => {
            ("database: no DB_HOST or DATABASE_URL".into(), theme.dim())
        }
        Part::Ready(DbFacts::BadTarget { why }) => {
            (format!("database: {}", masker.text(why)), theme.error())
        }
        Part::Ready(d @ DbFacts::Probed { target, .. }) => {
            let ok = matches!(d.result(), "postgres" | "open");
            let text = format!(
                "database {}:{}: {} (via {})",
                target.host,
                target.port,
                d.result(),
                d.how()
            );
            (text, if ok { theme.ok() } else { theme.error() })
        }
    };
    Line::styled(text, style)
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}
