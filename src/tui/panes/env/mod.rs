//! The Env tab (to come): the container's environment against the env spec.
//! A placeholder until then: it says what it will show.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::keys::{Act, KeySection};
use crate::tui::pane::{Env, Handled, Pane};
use crate::tui::widgets::placeholder;

pub static KEYS: KeySection = KeySection {
    title: "Env tab",
    bindings: &[],
};

pub const PROMISE: &str = "The container's environment checked against your env spec: missing or wrong variables, and secrets where they should not be — masked unless you reveal them (guide: Database connection — ensure environment variables are correct).";

pub struct EnvTab;

impl EnvTab {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(EnvTab)
    }
}

impl Pane for EnvTab {
    fn title(&self) -> &str {
        "Env"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_act(&mut self, _act: Act, _env: &Env) -> Handled {
        Handled::No
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        placeholder(f, area, "Env", PROMISE, env.theme)
    }
}
