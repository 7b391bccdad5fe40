//! The Health tab: every probe known for the container (the daemon's last 5, those captured
//! while the tab is open, those `docktor record` stored), since when it fails, and why; the
//! check run once now, and the HTTP probe of the profile's endpoint.
//!
//! Its jobs (`job.rs`, `trial.rs`) read the container, its image, the store and the tools,
//! then follow the event stream while the tab is on screen; leaving the tab cancels them.
//! The view is pure over a [`model::Model`], rebuilt when something new arrives. Every
//! output is masked (the container's secret values, secret pairs, URL passwords) before it
//! reaches the model.

mod act;
mod job;
mod keys;
pub mod model;
mod output_view;
pub mod streaks;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_act;
mod trial;
mod view;
mod wake;

use std::any::Any;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use job::{Captured, Loaded, Opened, ToolsFound, open};
pub use keys::KEYS;
pub use trial::{Trial, Tried};

/// What the tab says until its data arrives.
pub const READING: &str =
    "Reading the health check, the daemon's last probes and the recorded history…";
use model::Model;

use crate::envcheck::Masker;
use crate::health::Tools;
use crate::health::capture::Watched;
use crate::health::inspect::ProbeContext;
use crate::profile::Profile;
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, Avail, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject};

#[derive(Default)]
pub struct Health {
    id: Option<String>,
    model: Option<Model>,
    /// What the tab says while it has no model (why, when a read failed).
    status: Option<String>,
    /// Index in the probe list, newest first.
    selected: usize,
    /// First line of the output shown (J/K).
    scroll: usize,
    profile: Option<Arc<Profile>>,
    context: Option<ProbeContext>,
    watched: Option<Watched>,
    tools: Option<Tools>,
    /// The last probe now / HTTP probe, shown in place of the selected probe's output
    /// until the selection moves.
    trial: Option<Trial>,
    trying: bool,
    open: bool,
    /// Masks every output shown (probes, tries, the check's command): the profile's
    /// patterns and, once read, the container's secret values.
    masker: Masker,
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

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn trial(&self) -> Option<&Trial> {
        self.trial.as_ref()
    }

    pub fn trying(&self) -> bool {
        self.trying
    }

    pub fn masker(&self) -> &Masker {
        &self.masker
    }

    /// Shows `model`: the selection stays on the newest probe when it was there (new
    /// probes arrive on top), else on the same probe when it is still there.
    pub fn set_model(&mut self, model: Model) {
        let keep = self
            .model
            .as_ref()
            .filter(|_| self.selected > 0)
            .and_then(|m| m.probe(self.selected))
            .map(|p| p.start);
        let at = keep
            .and_then(|s| (0..model.len()).find(|i| model.probe(*i).is_some_and(|p| p.start == s)));
        if at.is_none() {
            self.scroll = 0;
        }
        self.selected = at.unwrap_or(0);
        self.model = Some(model);
    }

    pub fn set_status(&mut self, why: impl Into<String>) {
        self.status = Some(why.into());
    }

    fn jobs(&self) -> Vec<Effect> {
        let Some(id) = self.id.clone() else {
            return Vec::new();
        };
        let mut fx = vec![Effect::job(job::Load { id: id.clone() })];
        if self.tools.is_none() {
            fx.push(Effect::job(job::FindTools { id }));
        }
        fx
    }
}

impl Pane for Health {
    fn title(&self) -> &str {
        "Health"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn available(&self, a: Act, env: &Env) -> Avail {
        act::available(self, a, env)
    }

    fn on_open(&mut self, subject: &Subject, _env: &Env) -> Vec<Effect> {
        let Subject::Container(id) = subject else {
            return Vec::new();
        };
        if self.id.as_deref() != Some(id) {
            *self = Health {
                id: Some(id.clone()),
                ..Health::default()
            };
        }
        self.open = true;
        self.jobs()
    }

    fn on_leave(&mut self) -> Vec<Effect> {
        self.open = false;
        self.trying = false;
        let Some(id) = &self.id else {
            return Vec::new();
        };
        [
            job::load_key(id),
            job::tools_key(id),
            job::capture_key(id),
            trial::key(id),
            wake::key(id),
        ]
        .into_iter()
        .map(Effect::Cancel)
        .collect()
    }

    fn on_act(&mut self, a: Act, env: &Env) -> Handled {
        act::on_act(self, a, env)
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        act::on_done(self, result)
    }

    fn on_notice(&mut self, notice: Notice, _env: &Env) -> Vec<Effect> {
        // The engine is back: read again and follow anew (the old stream died with it).
        if notice == Notice::Reconnected && self.open {
            return self.jobs();
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, self, env)
    }
}
