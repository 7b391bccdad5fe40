//! The lower half of the Files tab: the selected entry in detail (owner and group by name
//! and number, mode, size, what the runtime user can do and why not, mount, link target,
//! the findings about it), or every finding and expectation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::state::{FilesState, Phase};
use crate::diagnose::Severity;
use crate::files::expect::ExpectStatus;
use crate::files::mode::mode_string;
use crate::files::{Kind, ROOT};
use crate::layers::units::format_size;
use crate::tui::theme::Theme;

fn sev_style(s: Severity, t: &Theme) -> ratatui::style::Style {
    match s {
        Severity::Error => t.error(),
        Severity::Warn => t.warn(),
        Severity::Info => t.dim(),
    }
}

pub fn render_detail(f: &mut Frame, area: Rect, s: &FilesState, t: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Entry ", t.title()));
    let mut lines: Vec<Line> = Vec::new();
    if let Some(why) = s.walked.as_ref().and_then(|w| w.incomplete.clone()) {
        lines.push(Line::styled(format!("incomplete: {why}"), t.warn()));
    }
    if let Some(why) = &s.fallback {
        lines.push(Line::styled(
            format!("read through the archive endpoint: {why}"),
            t.dim(),
        ));
    }
    match (s.tree(), s.selected()) {
        (Some(tree), Some(id)) => {
            let n = tree.node(id);
            let path = tree.path_of(id);
            lines.push(Line::from(vec![
                Span::styled(path.clone(), t.header()),
                Span::raw(format!("  {}", n.kind.word())),
            ]));
            let (user, group) = match &s.runtime {
                Some(r) => (r.accounts.user_name(n.uid), r.accounts.group_name(n.gid)),
                None => (n.uid.to_string(), n.gid.to_string()),
            };
            let size = if n.kind == Kind::Dir {
                format!("{} in {} entries", format_size(n.total), n.count)
            } else {
                format_size(n.size)
            };
            lines.push(Line::raw(format!(
                "{} ({:04o}) · owner {user} ({}) · group {group} ({}) · {size}",
                mode_string(n.kind, n.perm),
                n.perm,
                n.uid,
                n.gid
            )));
            lines.push(can_line(s, tree, id, t));
            if let Some(l) = &n.link {
                let what = if n.kind == Kind::Hardlink {
                    "hard link to"
                } else {
                    "symlink to (not followed)"
                };
                lines.push(Line::raw(format!(
                    "{what} {}",
                    crate::files::escape::escape(l)
                )));
            }
            if let Some((ma, mi)) = n.device {
                lines.push(Line::raw(format!("device {ma},{mi}")));
            }
            if let Some(m) = n
                .mount
                .and_then(|m| s.runtime.as_ref()?.mounts.get(m as usize))
            {
                lines.push(Line::raw(format!("mount point: {}", m.label())));
            }
            if !n.seen && id != ROOT {
                lines.push(Line::styled(
                    "not in the stream itself (made up from its entries)",
                    t.dim(),
                ));
            }
            for fi in s.findings.iter().filter(|fi| fi.paths.contains(&path)) {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{} {} ", fi.severity, fi.id),
                        sev_style(fi.severity, t),
                    ),
                    Span::raw(format!("{} — fix: {}", fi.title, fi.fix)),
                ]));
            }
        }
        _ => lines.push(Line::styled("nothing to show yet", t.dim())),
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn can_line(
    s: &FilesState,
    tree: &crate::files::Tree,
    id: crate::files::NodeId,
    t: &Theme,
) -> Line<'static> {
    let (Some(r), Some(a)) = (&s.runtime, s.rights(id)) else {
        return Line::styled("the runtime user is not known yet", t.dim());
    };
    let n = tree.node(id);
    if n.kind == Kind::Symlink {
        return Line::raw(format!(
            "{}: a symlink's own mode means nothing; its target is not followed",
            r.user.label()
        ));
    }
    let mut can = Vec::new();
    let exec = if n.kind == Kind::Dir {
        "enter"
    } else {
        "execute"
    };
    for (ok, what) in [(a.read, "read"), (a.write, "write"), (a.exec, exec)] {
        can.push(if ok {
            what.to_string()
        } else {
            format!("not {what}")
        });
    }
    let mut line = vec![
        Span::raw(format!("{} can: ", r.user.label())),
        Span::styled(can.join(", "), if a.read { t.ok() } else { t.warn() }),
    ];
    let mut cur = id;
    let mut blocker = None;
    while cur != ROOT {
        cur = tree.node(cur).parent;
        if s.rights(cur).is_some_and(|p| !p.exec) {
            blocker = Some(cur);
        }
    }
    if let Some(b) = blocker {
        line.push(Span::styled(
            format!(" — cannot enter {}", tree.path_of(b)),
            t.warn(),
        ));
    }
    Line::from(line)
}

pub fn render_findings(f: &mut Frame, area: Rect, s: &FilesState, t: &Theme) {
    let title = format!(
        " Findings {} · Enter shows the entry · v back ",
        s.findings.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title()));
    let mut lines: Vec<Line> = Vec::new();
    if s.phase != Phase::Done {
        lines.push(Line::styled("the rules run once the walk is done", t.dim()));
    } else if s.findings.is_empty() {
        lines.push(Line::styled("no findings: every files rule passes", t.ok()));
    }
    for (i, fi) in s
        .findings
        .iter()
        .enumerate()
        .skip(s.finding_sel.saturating_sub(1))
    {
        let marker = if i == s.finding_sel { "▶ " } else { "  " };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(
                format!("{:5} {} ", fi.severity.as_str(), fi.id),
                sev_style(fi.severity, t),
            ),
            Span::raw(fi.title.clone()),
        ]));
        if i == s.finding_sel {
            lines.push(Line::styled(format!("    {}", fi.evidence), t.dim()));
            lines.push(Line::raw(format!("    fix: {}", fi.fix)));
        }
    }
    for c in &s.expectations {
        let style = match c.status {
            ExpectStatus::Pass => t.ok(),
            ExpectStatus::Fail => t.error(),
            ExpectStatus::Unknown => t.dim(),
        };
        let word = match c.status {
            ExpectStatus::Pass => "pass",
            ExpectStatus::Fail => "fail",
            ExpectStatus::Unknown => "unknown",
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  expect {word:7} "), style),
            Span::raw(format!("{}: {}", c.expectation.label(), c.detail)),
        ]));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
