//! The Health tab (to come): the container's health probes.
//! A placeholder until then: it says what it will show.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::keys::{Act, KeySection};
use crate::tui::pane::{Env, Handled, Pane};
use crate::tui::widgets::placeholder;

pub static KEYS: KeySection = KeySection {
    title: "Health tab",
    bindings: &[],
};

pub const PROMISE: &str = "Every health probe: when it ran, its exit code and output, since when it fails and why (guide: Health check failures — is the app responding on /health/?).";

pub struct Health;

impl Health {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Health)
    }
}

impl Pane for Health {
    fn title(&self) -> &str {
        "Health"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_act(&mut self, _act: Act, _env: &Env) -> Handled {
        Handled::No
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        placeholder(f, area, "Health", PROMISE, env.theme)
    }
}
