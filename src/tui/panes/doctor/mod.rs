//! The Doctor tab (to come): the guide's checklist for this container, the first thing to read after choosing one.
//! A placeholder until then: it says what it will show.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::keys::{Act, KeySection};
use crate::tui::pane::{Env, Handled, Pane};
use crate::tui::widgets::placeholder;

pub static KEYS: KeySection = KeySection {
    title: "Doctor tab",
    bindings: &[],
};

pub const PROMISE: &str = "Every rule of the optimization guide checked on this container and its image: what passed, what failed (with the evidence and the fix), what does not apply, and what could not be checked and why.";

pub struct Doctor;

impl Doctor {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Doctor)
    }
}

impl Pane for Doctor {
    fn title(&self) -> &str {
        "Doctor"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_act(&mut self, _act: Act, _env: &Env) -> Handled {
        Handled::No
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        placeholder(f, area, "Doctor", PROMISE, env.theme)
    }
}
