//! Pure rendering of the app state: one file per view, no I/O, no clocks (time comes from
//! `App::now`), so every screen can be snapshot-tested on a `TestBackend`.

mod compare;
mod confirm;
mod detail;
pub mod env;
mod help;
mod images;
mod layer_files;
pub mod layers;
mod list;
mod logs;
mod offline;
mod placeholder;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Conn, Overlay, View};

/// Draws the whole screen; returns the height of the main list/log area (for paging).
pub fn draw(f: &mut Frame, app: &App) -> usize {
    let [main, status_area, hints_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    let never_connected =
        matches!(app.conn, Conn::Down { ever: false, .. }) && app.containers.is_empty();
    let page = if never_connected {
        offline::render(f, main, app);
        1
    } else if let Some(c) = &app.compare {
        compare::render(f, main, app, c)
    } else if app.view == View::Images {
        images::render(f, main, app)
    } else if app.detail.is_some() {
        detail::render(f, main, app)
    } else {
        list::render(f, main, app)
    };
    status::render_status(f, status_area, app);
    status::render_hints(f, hints_area, app);
    match &app.overlay {
        Some(Overlay::Help) => help::render(f, main, app),
        Some(Overlay::Confirm { action, name, .. }) => confirm::render(f, main, app, *action, name),
        None => {}
    }
    page
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
