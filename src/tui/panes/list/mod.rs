//! The container list: all containers or the running ones, a filter by name, image or ID,
//! and a selection that stays on its container when the list changes. The list itself is
//! the app's (`Env::containers`); this pane owns how it is looked at.

mod keys;
mod view;

use std::any::Any;
use std::collections::HashMap;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::health::streaks::{self, Streak};
use super::images::Images;
use crate::model::Container;
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject, step};
use crate::tui::widgets::text_input::{TextInput, Typed};

pub use keys::KEYS;

pub struct List {
    /// Index into `visible()`.
    selected: usize,
    /// The selected container, so the selection follows it across refreshes.
    selected_id: Option<String>,
    show_all: bool,
    filter: TextInput,
    /// Failing streaks by container ID, kept current by the health tab's `health-streaks`
    /// job (started with the first list of each connection).
    streaks: HashMap<String, u32>,
    streaks_on: bool,
}

impl Default for List {
    fn default() -> Self {
        List {
            selected: 0,
            selected_id: None,
            show_all: true,
            filter: TextInput::filter(),
            streaks: HashMap::new(),
            streaks_on: false,
        }
    }
}

impl List {
    pub fn new() -> List {
        List::default()
    }

    /// The containers shown: all or running, then the filter.
    pub fn visible<'a>(&self, containers: &'a [Container]) -> Vec<&'a Container> {
        let id_prefix = self.filter.text().to_lowercase();
        containers
            .iter()
            .filter(|c| self.show_all || c.state.is_up())
            .filter(|c| {
                self.filter.matches(&c.name)
                    || self.filter.matches(&c.image)
                    || c.id.starts_with(&id_prefix)
            })
            .collect()
    }

    pub fn selected<'a>(&self, containers: &'a [Container]) -> Option<&'a Container> {
        self.visible(containers).get(self.selected).copied()
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn show_all(&self) -> bool {
        self.show_all
    }

    pub fn filter(&self) -> &TextInput {
        &self.filter
    }

    /// The failing streak of a container, when it has one above zero.
    pub fn streak(&self, id: &str) -> Option<u32> {
        self.streaks.get(id).copied().filter(|n| *n > 0)
    }

    fn select(&mut self, i: usize, containers: &[Container]) {
        self.selected = i;
        self.selected_id = self.selected(containers).map(|c| c.id.clone());
    }
}

impl Pane for List {
    fn title(&self) -> &str {
        "Containers"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let n = self.visible(env.containers).len();
        if let Some(i) = step(self.selected, n, act, env.page) {
            self.select(i, env.containers);
            return Handled::done();
        }
        let fx = match act {
            Act::Open => match self.selected(env.containers) {
                Some(c) => vec![Effect::OpenContainer(c.id.clone())],
                None => Vec::new(),
            },
            Act::Filter => {
                self.filter.start();
                Vec::new()
            }
            keys::ALL => {
                self.show_all = !self.show_all;
                self.select(0, env.containers);
                Vec::new()
            }
            keys::IMAGES => vec![Effect::Open(Box::new(Images::new()), Subject::Engine)],
            // At the bottom of every screen: Back only clears the filter.
            Act::Back => {
                self.filter.clear();
                Vec::new()
            }
            _ => return Handled::No,
        };
        Handled::Yes(fx)
    }

    fn typing(&self) -> Option<&TextInput> {
        self.filter.active().then_some(&self.filter)
    }

    fn on_typed(&mut self, key: &KeyEvent, env: &Env) -> Vec<Effect> {
        if self.filter.on_key(key) != Typed::Ignored {
            self.select(0, env.containers);
        }
        Vec::new()
    }

    fn on_done(&mut self, _t: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        if let Ok(s) = result.downcast::<Streak>() {
            for (id, n) in s.0 {
                match n {
                    Some(n) => self.streaks.insert(id, n),
                    None => self.streaks.remove(&id),
                };
            }
        }
        Vec::new()
    }

    fn on_notice(&mut self, notice: Notice, env: &Env) -> Vec<Effect> {
        if notice == Notice::Reconnected {
            self.streaks_on = false;
        }
        if notice == Notice::Containers {
            let vis = self.visible(env.containers);
            let keep = self
                .selected_id
                .as_ref()
                .and_then(|id| vis.iter().position(|c| c.id == *id));
            let i = keep.unwrap_or(self.selected.min(vis.len().saturating_sub(1)));
            self.select(i, env.containers);
            if !self.streaks_on {
                self.streaks_on = true;
                return vec![Effect::job(streaks::Follow)];
            }
        }
        Vec::new()
    }

    fn container(&self, env: &Env) -> Option<String> {
        self.selected(env.containers).map(|c| c.id.clone())
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, self, env)
    }
}

#[cfg(test)]
mod tests;
