//! The Health tab: every probe known for the container (the daemon's last 5, those captured
//! while docktor runs, those `docktor record` stored), since when it fails, and why.
//!
//! The view is pure over a [`model::Model`]; the jobs that fill it (inspect, the store, the
//! event capture, probe now) arrive with the engine's full inspect and event surfaces. Until
//! a model is there the tab says what it is waiting for.

mod keys;
pub mod model;
#[cfg(test)]
mod tests;
mod view;

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use keys::KEYS;

/// What the tab says until its data arrives (the jobs that fill it come with the engine's
/// full inspect and event surfaces).
pub const PROMISE: &str = "Every health probe: when it ran, its exit code and output, since when it fails and why (guide: Health check failures — is the app responding on /health/?).";
use model::Model;

use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Pane, Subject, step};

#[derive(Default)]
pub struct Health {
    id: Option<String>,
    model: Option<Model>,
    /// What the tab says while it has no model (why, when a read failed).
    status: Option<String>,
    /// Index in the probe list, newest first.
    selected: usize,
}

impl Health {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Health::default())
    }

    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Shows `model` (keeping the selection on the same probe when it is still there).
    pub fn set_model(&mut self, model: Model) {
        let keep = self
            .model
            .as_ref()
            .and_then(|m| m.probe(self.selected))
            .map(|p| p.start);
        self.selected = keep
            .and_then(|s| (0..model.len()).find(|i| model.probe(*i).is_some_and(|p| p.start == s)))
            .unwrap_or(0);
        self.model = Some(model);
    }

    pub fn set_status(&mut self, why: impl Into<String>) {
        self.status = Some(why.into());
    }
}

impl Pane for Health {
    fn title(&self) -> &str {
        "Health"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_open(&mut self, subject: &Subject, _env: &Env) -> Vec<Effect> {
        if let Subject::Container(id) = subject
            && self.id.as_deref() != Some(id)
        {
            *self = Health {
                id: Some(id.clone()),
                ..Health::default()
            };
        }
        Vec::new()
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let n = self.model.as_ref().map_or(0, Model::len);
        match step(self.selected, n, act, env.page) {
            Some(s) => {
                self.selected = s;
                Handled::done()
            }
            None => Handled::No,
        }
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        if let Ok(m) = result.downcast::<Model>() {
            self.set_model(*m);
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, self, env)
    }
}
