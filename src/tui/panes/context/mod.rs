//! The build context screen (`docktor context DIR --tui`): the context check of a
//! directory given on the command line — what `docker build DIR` would send with its
//! `.dockerignore`, each `context.*` rule's verdict, the findings with their fix, the
//! largest, sensitive and unreadable paths. Needs no engine; `u` checks again.

mod job;
mod keys;
#[cfg(test)]
mod tests;
mod view;

use std::any::Any;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use job::{ContextChecked, Walked};
pub use keys::KEYS;

use crate::context::{ContextReport, Options};
use crate::diagnose::{Finding, Outcome};
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Pane, Subject};

/// What the check found.
pub struct Checked {
    pub report: Arc<ContextReport>,
    pub outcomes: Vec<Outcome>,
    pub findings: Vec<Finding>,
}

pub struct ContextCheck {
    pub dir: PathBuf,
    opts: Options,
    /// `Some(entries walked)` while the check runs.
    pub walking: Option<u64>,
    pub checked: Option<Checked>,
    pub error: Option<String>,
    /// First line shown.
    pub scroll: usize,
}

impl ContextCheck {
    pub fn new(dir: PathBuf, opts: Options) -> ContextCheck {
        ContextCheck {
            dir,
            opts,
            walking: None,
            checked: None,
            error: None,
            scroll: 0,
        }
    }

    fn start(&mut self) -> Vec<Effect> {
        self.walking = Some(0);
        vec![Effect::job(job::CheckContext {
            dir: self.dir.clone(),
            opts: self.opts.clone(),
        })]
    }
}

impl Pane for ContextCheck {
    fn title(&self) -> &str {
        "Build context"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn needs_engine(&self) -> bool {
        false
    }

    fn on_open(&mut self, _subject: &Subject, _env: &Env) -> Vec<Effect> {
        if self.checked.is_none() && self.walking.is_none() {
            return self.start();
        }
        Vec::new()
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let page = env.page.max(1);
        let last = view::line_count(self).saturating_sub(1);
        self.scroll = match act {
            Act::Up => self.scroll.saturating_sub(1),
            Act::Down => (self.scroll + 1).min(last),
            Act::PageUp => self.scroll.saturating_sub(page),
            Act::PageDown => (self.scroll + page).min(last),
            Act::Top => 0,
            Act::Bottom => last,
            keys::AGAIN if self.walking.is_none() => return Handled::Yes(self.start()),
            keys::AGAIN => return Handled::Yes(vec![Effect::info("the check is running")]),
            _ => return Handled::No,
        };
        Handled::done()
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        let result = match result.downcast::<Walked>() {
            Ok(w) => {
                self.walking = Some(w.0);
                return Vec::new();
            }
            Err(r) => r,
        };
        if let Ok(c) = result.downcast::<ContextChecked>() {
            self.walking = None;
            match c.0 {
                Ok(checked) => {
                    self.error = None;
                    self.checked = Some(checked);
                }
                Err(e) => self.error = Some(e),
            }
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, self, env)
    }
}
