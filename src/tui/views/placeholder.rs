//! Tabs that later work fills: each says what it will show, so users know what is coming.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::tui::app::{App, Tab};

pub fn promise(tab: Tab) -> &'static str {
    match tab {
        Tab::Logs => "",
        Tab::Layers => {
            "Each layer of this container's image: its size, its share of the image, the instruction that made it, the files it adds, and the space wasted by files copied twice (guide: Layer Optimization, Multi-Stage Build)."
        }
        Tab::Health => {
            "Every health probe: when it ran, its exit code and output, since when it fails and why (guide: Health check failures — is the app responding on /health/?)."
        }
        Tab::Files => {
            "Ownership inside /app: who owns what, and what the app user (app, UID 1001) cannot write (guide: Permission errors — verify file ownership)."
        }
        Tab::Env => {
            "The container's environment checked against your env spec: missing or wrong variables, and secrets where they should not be — masked unless you reveal them (guide: Database connection — ensure environment variables are correct)."
        }
        Tab::BuildCache => {
            "How big the build cache is, and a confirmed `docker builder prune` (guide: Cache problems)."
        }
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, tab: Tab, block: Block) {
    let t = &app.theme;
    let lines = vec![
        Line::styled(format!("{} — not available yet", tab.title()), t.title()),
        Line::raw(""),
        Line::raw(promise(tab)),
    ];
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
