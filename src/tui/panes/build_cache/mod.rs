//! The Build cache tab (to come): the engine's build cache and a confirmed prune.
//! A placeholder until then: it says what it will show.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::keys::{Act, KeySection};
use crate::tui::pane::{Env, Handled, Pane};
use crate::tui::widgets::placeholder;

pub static KEYS: KeySection = KeySection {
    title: "Build cache tab",
    bindings: &[],
};

pub const PROMISE: &str =
    "How big the build cache is, and a confirmed `docker builder prune` (guide: Cache problems).";

pub struct BuildCache;

impl BuildCache {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(BuildCache)
    }
}

impl Pane for BuildCache {
    fn title(&self) -> &str {
        "Build cache"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_act(&mut self, _act: Act, _env: &Env) -> Handled {
        Handled::No
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        placeholder(f, area, "Build cache", PROMISE, env.theme)
    }
}
