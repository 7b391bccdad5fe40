//! The Files tab (to come): ownership and permissions inside the app directory.
//! A placeholder until then: it says what it will show.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::keys::{Act, KeySection};
use crate::tui::pane::{Env, Handled, Pane};
use crate::tui::widgets::placeholder;

pub static KEYS: KeySection = KeySection {
    title: "Files tab",
    bindings: &[],
};

pub const PROMISE: &str = "Ownership inside /app: who owns what, and what the app user (app, UID 1001) cannot write (guide: Permission errors — verify file ownership).";

pub struct Files;

impl Files {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Files)
    }
}

impl Pane for Files {
    fn title(&self) -> &str {
        "Files"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_act(&mut self, _act: Act, _env: &Env) -> Handled {
        Handled::No
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        placeholder(f, area, "Files", PROMISE, env.theme)
    }
}
