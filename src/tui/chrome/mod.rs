//! The frame around the panes: the screen on top (or the container's header and tab bar
//! around its tab), the status bar, the hint bar, and the overlays (help, confirmation).
//! Pure rendering of the app's state: no I/O, no clock (time comes from the app).

mod detail;
mod help;
mod hints;
mod offline;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

pub use hints::fit;

use crate::tui::app::{App, Conn, Screen};
use crate::tui::widgets::confirm;

/// Draws the whole screen; returns the rows of the main list area (for paging).
pub fn draw(f: &mut Frame, app: &App) -> usize {
    let [main, status_area, hints_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    let env = app.core.env();
    let never_connected = matches!(env.conn, Conn::Down { ever: false, .. })
        && env.containers.is_empty()
        && app.top().pane.needs_engine();
    let page = if never_connected {
        offline::draw(f, main, &env);
        1
    } else {
        match app.screens.last() {
            Some(Screen::Tabs {
                container,
                tabs,
                active,
            }) => detail::draw(f, main, container, (tabs, *active), app.labels, &env),
            Some(Screen::One(slot)) => slot.pane.draw(f, main, &env),
            None => app.list.pane.draw(f, main, &env),
        }
    };
    status::draw(f, status_area, app);
    hints::draw(f, hints_area, app);
    if app.help_open() {
        help::draw(f, main, &env, &app.sections(), app.help_page());
    } else if let Some(c) = app.confirming() {
        confirm::draw(f, main, c, env.theme);
    }
    page
}
