//! The Env tab: the container's variables grouped as the guide groups them, with where each
//! comes from, secret values masked until `v` reveals them (the tab says which), the
//! database probed from where the app runs, and the env rules' findings.

mod job;
mod keys;
pub mod view;

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use crate::diagnose::{Finding, Part};
use crate::envcheck::{DbFacts, EnvFacts, Masker};
use crate::profile::Profile;
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject};
pub use keys::KEYS;
use view::{EnvScreen, render};

pub struct EnvTab {
    id: Option<String>,
    env: Part<EnvFacts>,
    database: Part<DbFacts>,
    findings: Vec<Finding>,
    masker: Masker,
    reveal: bool,
    scroll: usize,
    open: bool,
}

impl EnvTab {
    pub fn new() -> EnvTab {
        EnvTab {
            id: None,
            env: Part::Pending,
            database: Part::Pending,
            findings: Vec::new(),
            masker: Masker::new(&Profile::default()),
            reveal: false,
            scroll: 0,
            open: false,
        }
    }

    pub fn boxed() -> Box<dyn Pane> {
        Box::new(EnvTab::new())
    }

    /// Whether secret values are on screen.
    pub fn revealed(&self) -> bool {
        self.reveal
    }

    fn load(&mut self, env: &Env) -> Vec<Effect> {
        let Some(id) = &self.id else {
            return Vec::new();
        };
        self.database = Part::Pending;
        vec![Effect::job(job::Load {
            id: id.clone(),
            read_only: env.read_only,
        })]
    }

    fn rows(&self) -> usize {
        self.env.get().map_or(0, |e| e.vars.len() + 6)
    }
}

impl Default for EnvTab {
    fn default() -> Self {
        EnvTab::new()
    }
}

impl Pane for EnvTab {
    fn title(&self) -> &str {
        "Env"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_open(&mut self, subject: &Subject, env: &Env) -> Vec<Effect> {
        let Subject::Container(id) = subject else {
            return Vec::new();
        };
        if self.id.as_deref() != Some(id.as_str()) {
            *self = EnvTab::new();
            self.id = Some(id.clone());
        }
        self.open = true;
        self.env = Part::Pending;
        self.load(env)
    }

    fn on_leave(&mut self) -> Vec<Effect> {
        self.open = false;
        match &self.id {
            Some(id) => vec![Effect::Cancel(job::key(id))],
            None => Vec::new(),
        }
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let page = env.page.max(1);
        let last = self.rows();
        match act {
            keys::REVEAL => {
                self.reveal = !self.reveal;
                let says = if self.reveal {
                    "secret values REVEALED on screen — v hides them"
                } else {
                    "secret values masked"
                };
                return Handled::Yes(vec![Effect::info(says)]);
            }
            keys::PROBE => return Handled::Yes(self.load(env)),
            Act::Up => self.scroll = self.scroll.saturating_sub(1),
            Act::Down => self.scroll = (self.scroll + 1).min(last),
            Act::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Act::PageDown => self.scroll = (self.scroll + page).min(last),
            Act::Top => self.scroll = 0,
            Act::Bottom => self.scroll = last,
            _ => return Handled::No,
        }
        Handled::done()
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        let result = match result.downcast::<job::Read>() {
            Ok(r) => {
                let r = *r;
                self.masker = r.masker;
                self.findings = r.findings;
                self.env = Part::Ready(r.env);
                return Vec::new();
            }
            Err(other) => other,
        };
        let result = match result.downcast::<job::Probed>() {
            Ok(p) => {
                self.database = p.database;
                self.findings = p.findings;
                return Vec::new();
            }
            Err(other) => other,
        };
        if let Ok(failed) = result.downcast::<job::Failed>() {
            self.env = Part::Unavailable(failed.0);
        }
        Vec::new()
    }

    fn on_notice(&mut self, notice: Notice, env: &Env) -> Vec<Effect> {
        if notice == Notice::Reconnected && self.open && !matches!(self.env, Part::Ready(_)) {
            return self.load(env);
        }
        Vec::new()
    }

    fn container(&self, _env: &Env) -> Option<String> {
        self.id.clone()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        let masker = self.masker.clone().revealing(self.reveal);
        let screen = EnvScreen {
            env: &self.env,
            database: &self.database,
            findings: &self.findings,
            masker: &masker,
            scroll: self.scroll,
        };
        let block = Block::default().borders(Borders::ALL).title(" Env ");
        render(f, area, &screen, env.theme, block)
    }
}

#[cfg(test)]
mod tests;
