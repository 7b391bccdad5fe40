//! The Doctor view, a container's first tab (and an image's, from the Images view): the
//! guide's checklist for it, grouped by the guide's parts — each check pass, warn, fail,
//! not applicable, unknown (why) or pending (a spinner) with one line of evidence; the
//! selected one's finding, its fix, a key to the tab with the details and, where one
//! exists, a key that starts the fix (prune: the Build cache tab's prune flow).
//!
//! It fills in as the facts arrive, quick ones first: every gatherer of the subject runs
//! as a job of its own (`job.rs`); leaving the tab cancels those still running, and coming
//! back starts them again.

mod job;
pub mod keys;
pub mod state;
#[cfg(test)]
mod tests;
mod view;

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use job::{Arrived, Missed};
pub use keys::KEYS;
use state::{DoctorState, details_tab, fix_of};

use super::layers::Layers;
use crate::diagnose::Subject as Target;
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, Avail, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject, step};

#[derive(Default)]
pub struct Doctor {
    st: Option<DoctorState>,
    /// The image's name when the view is a screen of its own (opened from the Images view).
    label: Option<String>,
}

impl Doctor {
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Doctor::default())
    }

    /// An image's checklist as a screen of its own, titled with the image's name.
    pub fn for_image(label: String) -> Doctor {
        Doctor {
            st: None,
            label: Some(label),
        }
    }

    pub fn state(&self) -> Option<&DoctorState> {
        self.st.as_ref()
    }

    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    fn start(st: &mut DoctorState) -> Vec<Effect> {
        st.left = false;
        st.waiting
            .iter()
            .map(|g| {
                Effect::job(job::Gather {
                    gatherer: *g,
                    subject: st.subject.clone(),
                    read_only: st.read_only,
                })
            })
            .collect()
    }

    fn details(&self) -> Result<Effect, String> {
        let row = self.selected().ok_or("no check selected")?;
        let id = row.outcome.rule.id;
        let mut tab =
            details_tab(id).ok_or("the evidence here is all docktor shows of this check")?;
        // An image's baked secrets are in its history: the Layers view shows each step.
        if self.label.is_some() && matches!(id, "env.baked-env" | "env.baked-build-arg") {
            tab = "Layers";
        }
        match (&self.label, self.st.as_ref().map(|s| &s.subject)) {
            (None, _) => Ok(Effect::ShowTab {
                title: tab,
                then: None,
            }),
            (Some(label), Some(Target::Image { reference })) if tab == "Layers" => {
                Ok(Effect::Open(
                    Box::new(Layers::for_image(label.clone())),
                    Subject::Image(reference.clone()),
                ))
            }
            (Some(_), _) => Err(format!(
                "the {tab} tab is a container's: open a container of this image"
            )),
        }
    }

    fn fix(&self) -> Result<Effect, String> {
        let row = self.selected().ok_or("no check selected")?;
        if row.findings().is_empty() {
            return Err("nothing to fix: the check did not fail".into());
        }
        let (tab, act, _) = fix_of(row.outcome.rule.id)
            .ok_or("no button for this fix: the fix line says what to change")?;
        if self.label.is_some() {
            return Err("open a container to reach its Build cache tab".into());
        }
        Ok(Effect::ShowTab {
            title: tab,
            then: Some(act),
        })
    }

    fn selected(&self) -> Option<&crate::checklist::Row> {
        self.st.as_ref()?.selected_row()
    }
}

impl Pane for Doctor {
    fn title(&self) -> &str {
        "Doctor"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn available(&self, act: Act, _env: &Env) -> Avail {
        let r = match act {
            keys::DETAILS => self.details().map(|_| ()),
            keys::FIX => self.fix().map(|_| ()),
            _ => Ok(()),
        };
        match r {
            Ok(()) => Avail::Ready,
            Err(why) => Avail::Not(why),
        }
    }

    fn on_open(&mut self, subject: &Subject, env: &Env) -> Vec<Effect> {
        let target = match subject {
            Subject::Container(id) => Target::Container {
                id: id.clone(),
                name: env
                    .container(id)
                    .map_or_else(|| id.clone(), |c| c.name.clone()),
            },
            Subject::Image(image) => Target::Image {
                reference: image.clone(),
            },
            Subject::Engine => return Vec::new(),
        };
        match &mut self.st {
            // Back on the tab: go on where it was left.
            Some(st) if st.subject == target => {
                if st.left {
                    Doctor::start(st)
                } else {
                    Vec::new()
                }
            }
            _ => {
                let mut st = DoctorState::new(target);
                st.read_only = env.read_only;
                let fx = Doctor::start(&mut st);
                self.st = Some(st);
                fx
            }
        }
    }

    fn on_leave(&mut self) -> Vec<Effect> {
        let Some(st) = self.st.as_mut() else {
            return Vec::new();
        };
        if st.waiting.is_empty() {
            return Vec::new();
        }
        st.left = true;
        st.waiting
            .iter()
            .map(|g| Effect::Cancel(job::key(g.area, &st.subject)))
            .collect()
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let Some(st) = self.st.as_mut() else {
            return Handled::No;
        };
        if let Some(s) = step(st.selected, st.rows(), act, env.page) {
            st.selected = s;
            return Handled::done();
        }
        let done = |r: Result<Effect, String>| match r {
            Ok(e) => Handled::Yes(vec![e]),
            Err(why) => Handled::Yes(vec![Effect::error(why)]),
        };
        match act {
            keys::DETAILS => done(self.details()),
            keys::FIX => done(self.fix()),
            keys::AGAIN => {
                let mut fresh = DoctorState::new(st.subject.clone());
                fresh.selected = st.selected;
                fresh.read_only = st.read_only;
                let mut fx: Vec<Effect> = st
                    .waiting
                    .iter()
                    .map(|g| Effect::Cancel(job::key(g.area, &st.subject)))
                    .collect();
                fx.extend(Doctor::start(&mut fresh));
                self.st = Some(fresh);
                Handled::Yes(fx)
            }
            _ => Handled::No,
        }
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        let Some(st) = self.st.as_mut() else {
            return Vec::new();
        };
        match result.downcast::<Arrived>() {
            Ok(a) => {
                let Arrived(g, profile) = *a;
                st.arrive(g, profile);
            }
            Err(other) => {
                if let Ok(m) = other.downcast::<Missed>() {
                    st.missed(m.0, &m.1);
                }
            }
        }
        Vec::new()
    }

    fn on_notice(&mut self, notice: Notice, _env: &Env) -> Vec<Effect> {
        match self.st.as_mut() {
            Some(st) if notice == Notice::Reconnected && !st.left => {
                if st.retry() {
                    Doctor::start(st)
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    fn ticking(&self) -> bool {
        self.st.as_ref().is_some_and(DoctorState::reading)
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, self, env)
    }
}
