//! The container list: all containers or the running ones, a filter by name, image, ID
//! prefix, state or health (`/unhealthy`, `/exited`) or label (`/project=shop`), sorted by
//! name, state or health (trouble first), and a selection that stays on its container when
//! the list changes. The list itself is the app's (`Env::containers`); this pane owns how it
//! is looked at.

mod keys;
mod view;

use std::any::Any;
use std::collections::HashMap;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::health::streaks::{self, Streak};
use super::images::Images;
use crate::model::{Container, Health, State};
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject, step};
use crate::tui::widgets::text_input::{TextInput, Typed};

pub use keys::KEYS;

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    /// Trouble first: restarting, dead, exited, created, paused, running.
    State,
    /// Trouble first: unhealthy, starting, healthy, no health check.
    Health,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::State => "state",
            Sort::Health => "health",
        }
    }

    fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::State,
            Sort::State => Sort::Health,
            Sort::Health => Sort::Name,
        }
    }
}

fn state_rank(s: State) -> u8 {
    match s {
        State::Restarting => 0,
        State::Dead => 1,
        State::Exited => 2,
        State::Removing | State::Unknown => 3,
        State::Created => 4,
        State::Paused => 5,
        State::Running => 6,
    }
}

fn health_rank(h: Health) -> u8 {
    match h {
        Health::Unhealthy => 0,
        Health::Starting => 1,
        Health::Healthy => 2,
        Health::None => 3,
    }
}

/// Whether the filter text `f` (lowercase) picks container `c`: in its name, image or a
/// label (`key=value`), at the start of its ID, its state or its health (so `healthy` is
/// not `unhealthy`).
pub fn picks(c: &Container, f: &str) -> bool {
    if f.is_empty() {
        return true;
    }
    let has = |s: &str| s.to_lowercase().contains(f);
    has(&c.name)
        || has(&c.image)
        || c.id.starts_with(f)
        || c.state.as_str().starts_with(f)
        || c.health.as_str().starts_with(f)
        || c.labels.iter().any(|(k, v)| has(&format!("{k}={v}")))
}

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
    sort: Sort,
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
            sort: Sort::Name,
        }
    }
}

impl List {
    pub fn new() -> List {
        List::default()
    }

    /// The containers shown: all or running, then the filter, in the chosen order (names
    /// break ties).
    pub fn visible<'a>(&self, containers: &'a [Container]) -> Vec<&'a Container> {
        let f = self.filter.text().to_lowercase();
        let mut v: Vec<&Container> = containers
            .iter()
            .filter(|c| self.show_all || c.state.is_up())
            .filter(|c| picks(c, &f))
            .collect();
        match self.sort {
            Sort::Name => {}
            Sort::State => v.sort_by_key(|c| (state_rank(c.state), health_rank(c.health))),
            Sort::Health => v.sort_by_key(|c| (health_rank(c.health), state_rank(c.state))),
        }
        v
    }

    pub fn sort(&self) -> Sort {
        self.sort
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
            Act::Sort => {
                self.sort = self.sort.next();
                // The selection stays on its container.
                let vis = self.visible(env.containers);
                let i = self
                    .selected_id
                    .as_ref()
                    .and_then(|id| vis.iter().position(|c| c.id == *id))
                    .unwrap_or(0);
                self.select(i, env.containers);
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
