//! Driving the app without a terminal: keys in, results delivered as the runtime delivers
//! them, screens drawn on a `TestBackend`.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use docktor::tui::app::App;
use docktor::tui::jobs::{PaneId, Ticket};
use docktor::tui::msg::{Effect, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn key(a: &mut App, c: KeyCode) -> Vec<Effect> {
    a.update(Msg::Key(KeyEvent::new(c, KeyModifiers::NONE)))
}

/// The pane the first job of `fx` works for.
pub fn owner(fx: &[Effect]) -> PaneId {
    fx.iter()
        .find_map(|e| match e {
            Effect::Job { owner: Some(o), .. } => Some(*o),
            _ => None,
        })
        .expect("a job")
}

/// Delivers `result` to pane `owner`, as the runtime does with a job's result.
pub fn deliver<T: std::any::Any + Send>(a: &mut App, owner: PaneId, result: T) -> Vec<Effect> {
    a.update(Msg::Done {
        ticket: Ticket { owner, seq: 1 },
        result: Box::new(result),
    })
}

pub fn buffer(a: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| {
        a.draw(f);
    })
    .expect("draw");
    t.backend().buffer().clone()
}

/// The screen as text, one line per row.
pub fn screen(a: &App, w: u16, h: u16) -> String {
    let b = buffer(a, w, h);
    (0..h)
        .map(|y| (0..w).map(|x| b[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Draws and keeps the page height, as the event loop does; returns it.
pub fn draw_as_the_loop_does(a: &mut App, w: u16, h: u16) -> usize {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let mut page = 0;
    t.draw(|f| page = a.draw(f)).expect("draw");
    a.set_page(page);
    page
}
