//! The Build cache tab's view: the title with the build cache's totals, the images,
//! containers and volumes totals (`docker system df`'s table when there is room), the
//! registries the daemon reaches with its proxy and mirrors, the prune's state (what it
//! can do, the spinner, what it freed, what the daemon said), then the entries by type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::state::{PruneState, State};
use super::table;
use crate::buildcache::CacheFacts;
use crate::buildcache::units::docker_size;
use crate::model::disk::UsageTotals;
use crate::registry::{RegistryOutcome, describe};
use crate::tui::pane::Env;
use crate::tui::theme::Theme;
use crate::tui::widgets::ellipsize;
use crate::tui::widgets::wrap::wrap;

/// The spinner's frames, one per tick.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/// Inner height from which `docker system df`'s table and one line per registry are shown.
const ROOMY: u16 = 26;

pub fn draw(f: &mut Frame, area: Rect, st: &State, env: &Env) -> usize {
    let t = env.theme;
    let title = match &st.view {
        Some(v) => format!(
            " Build cache · {} records · {} · {} reclaimable · by {} ",
            v.count,
            docker_size(v.total_bytes),
            docker_size(v.reclaimable_bytes),
            st.sort.label()
        ),
        None => " Build cache ".to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, t.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let roomy = inner.height >= ROOMY;
    let mut top: Vec<Line> = Vec::new();
    if let Some(facts) = &st.facts {
        totals(&mut top, facts, roomy, t);
    }
    if let Some(e) = &st.read_error {
        top.push(Line::styled(
            ellipsize(
                &format!("could not read the disk: {e} (showing the last read)"),
                w,
            ),
            t.error(),
        ));
    }
    registries(&mut top, st, roomy, w, t);
    top.extend(prune_lines(st, env, w));
    top.push(Line::raw(""));
    let [head, body] =
        Layout::vertical([Constraint::Length(top.len() as u16), Constraint::Min(1)]).areas(inner);
    f.render_widget(Paragraph::new(top), head);
    match &st.view {
        Some(v) if v.count > 0 => table::draw(f, body, v, st.selected, env),
        _ => {
            let msg = match (&st.facts, st.reading) {
                (None, true) => "reading the build cache…",
                (None, false) => "the build cache could not be read",
                _ => {
                    "The build cache is empty: no BuildKit build has left records here (or they were pruned)."
                }
            };
            f.render_widget(Paragraph::new(Line::styled(msg, t.dim())), body);
            body.height as usize
        }
    }
}

fn reclaimable(u: &UsageTotals) -> String {
    if u.reclaimable == 0 {
        docker_size(u.size)
    } else {
        format!(
            "{} ({} reclaimable)",
            docker_size(u.size),
            docker_size(u.reclaimable)
        )
    }
}

/// Images, containers and volumes: the df table when roomy, else one line.
fn totals(out: &mut Vec<Line>, f: &CacheFacts, roomy: bool, t: &Theme) {
    if !roomy {
        out.push(Line::from(vec![
            Span::styled("images ", t.header()),
            Span::raw(reclaimable(&f.images)),
            Span::styled(" · containers ", t.header()),
            Span::raw(reclaimable(&f.containers)),
            Span::styled(" · volumes ", t.header()),
            Span::raw(reclaimable(&f.volumes)),
        ]));
        return;
    }
    out.push(Line::styled(
        format!(
            "{:<14}{:>6}{:>8}{:>10}  {}",
            "TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"
        ),
        t.header(),
    ));
    for (name, u) in [
        ("Images", &f.images),
        ("Containers", &f.containers),
        ("Local Volumes", &f.volumes),
        ("Build Cache", &f.build_cache),
    ] {
        let share = if name != "Build Cache" && u.size > 0 {
            format!(" ({}%)", u.reclaimable * 100 / u.size)
        } else {
            String::new()
        };
        out.push(Line::raw(format!(
            "{name:<14}{:>6}{:>8}{:>10}  {}{share}",
            u.count,
            u.active,
            docker_size(u.size),
            docker_size(u.reclaimable)
        )));
    }
    if f.dangling_images > 0 || f.stopped_containers > 0 {
        out.push(Line::styled(
            format!(
                "{} ({}), {} ({})",
                count(f.dangling_images, "dangling image"),
                docker_size(f.dangling_image_bytes),
                count(f.stopped_containers, "stopped container"),
                docker_size(f.stopped_container_bytes)
            ),
            t.dim(),
        ));
    }
}

/// `1 stopped container`, `2 stopped containers`.
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn verdict_style(o: RegistryOutcome, t: &Theme) -> (Style, &'static str) {
    match o {
        RegistryOutcome::Reachable => (t.ok(), "✔"),
        o if o.registry_answered() => (t.warn(), "!"),
        _ => (t.error(), "✘"),
    }
}

/// The registries the build needs, as the daemon reaches them, and its network settings.
fn registries(out: &mut Vec<Line>, st: &State, roomy: bool, w: usize, t: &Theme) {
    let head = Span::styled("registries ", t.header());
    let facts = match &st.registry {
        None if st.checking => {
            out.push(Line::from(vec![
                head,
                Span::styled("asking the daemon (up to 10 s)…", t.dim()),
            ]));
            return;
        }
        None => return,
        Some(Err(e)) => {
            out.push(Line::from(vec![
                head,
                Span::styled(
                    ellipsize(&format!("could not ask the daemon: {e}"), w),
                    t.error(),
                ),
            ]));
            return;
        }
        Some(Ok(f)) => f,
    };
    let settings = Span::styled(
        facts
            .settings()
            .trim_start_matches("the daemon uses ")
            .to_string(),
        t.dim(),
    );
    if roomy {
        out.push(Line::from(vec![head, settings]));
        for p in &facts.probes {
            let (style, mark) = verdict_style(p.outcome, t);
            let said = if p.message.is_empty() {
                String::new()
            } else {
                format!(" — {}", p.message)
            };
            let text = format!(
                " {mark} {} ({}): {} in {} ms{said}",
                p.registry,
                p.image,
                describe(p.outcome),
                p.elapsed_ms
            );
            for (i, l) in wrap(&text, w.saturating_sub(3), 2).into_iter().enumerate() {
                let indent = if i == 0 { "" } else { "   " };
                out.push(Line::styled(format!("{indent}{l}"), style));
            }
        }
        return;
    }
    let mut spans = vec![head];
    for p in &facts.probes {
        let (style, mark) = verdict_style(p.outcome, t);
        spans.push(Span::styled(
            format!("{mark} {}: {} · ", p.registry, describe(p.outcome)),
            style,
        ));
    }
    spans.push(settings);
    out.push(Line::from(spans));
}

/// What a prune can do, is doing, or did.
fn prune_lines(st: &State, env: &Env, w: usize) -> Vec<Line<'static>> {
    let t = env.theme;
    let (text, style) = match &st.prune {
        PruneState::Idle if env.read_only => {
            ("read-only mode: prunes are disabled".to_string(), t.dim())
        }
        PruneState::Idle => (
            "l prunes the layers, keeps the cache mounts (the uv cache) for the next build".into(),
            t.dim(),
        ),
        PruneState::Planning(_) => ("working out what a prune would remove…".into(), t.dim()),
        PruneState::Running { summary, ticks } => (
            format!(
                "{} pruning {summary}… {:.1} s",
                SPINNER[(*ticks % SPINNER.len() as u64) as usize],
                *ticks as f64 / 10.0
            ),
            t.key(),
        ),
        PruneState::Done(p) => (format!("✔ {}", p.line()), t.ok()),
        PruneState::Failed(m) => (format!("✘ prune failed: {m}"), t.error()),
        PruneState::Nothing(why) => (why.clone(), t.dim()),
    };
    wrap(&text, w.max(1), 3)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}
