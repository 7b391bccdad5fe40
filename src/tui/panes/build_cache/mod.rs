//! The Build cache tab (and screen, `docktor cache --tui`): the engine's build cache
//! grouped by type (the uv cache mount as what it is), `docker system df`'s totals, whether
//! the daemon reaches the registries the build needs, and the prunes — build cache, layers
//! only (the uv cache stays), dangling images, stopped containers — each previewed, then
//! confirmed (default No), then run in the background with a spinner; the tab then says
//! what was freed and shows the new totals, or what the daemon said.

mod job;
pub mod keys;
mod state;
mod table;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_prune;
mod view;

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;

pub use job::{Checked, DiskRead, PlanPrune, Planned, PruneEnded, PruneStarted, PruneTick};
pub use keys::KEYS;
pub use state::{PruneState, State};

use crate::buildcache::prune::{PruneRequest, PruneWhat};
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, Avail, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject, step};

#[derive(Default)]
pub struct BuildCache {
    st: State,
    /// The container whose tab this is (`None` on the engine-wide screen).
    container: Option<String>,
    opened: bool,
}

impl BuildCache {
    /// The tab of a container.
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(BuildCache::default())
    }

    /// The engine-wide screen (`docktor cache --tui`).
    pub fn screen() -> Box<dyn Pane> {
        Box::new(BuildCache::default())
    }

    pub fn state(&self) -> &State {
        &self.st
    }

    /// Reads the disk (unless a read or a prune is under way) and, the first time, the
    /// registries.
    fn refresh(&mut self, image: Option<String>, registries: bool) -> Vec<Effect> {
        let mut fx = Vec::new();
        if !self.st.reading && !self.st.prune.busy() {
            self.st.reading = true;
            fx.push(Effect::job(job::ReadDisk));
        }
        if registries {
            self.st.checking = true;
            fx.push(Effect::job(job::CheckRegistries { image }));
        }
        fx
    }

    fn image(&self, env: &Env) -> Option<String> {
        let id = self.container.as_deref()?;
        env.container(id).map(|c| c.image.clone())
    }

    fn prune(&mut self, what: PruneWhat, layers_only: bool) -> Vec<Effect> {
        let mut req = PruneRequest::new(what);
        req.keep_cache_mounts = layers_only;
        self.st.prune = PruneState::Planning(what);
        vec![Effect::job(PlanPrune(req))]
    }
}

impl Pane for BuildCache {
    fn title(&self) -> &str {
        "Build cache"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn available(&self, act: Act, _env: &Env) -> Avail {
        let prunes = [
            keys::PRUNE,
            keys::PRUNE_LAYERS,
            keys::PRUNE_IMAGES,
            keys::PRUNE_CONTAINERS,
        ];
        if prunes.contains(&act) && self.st.prune.busy() {
            return Avail::not("a prune is under way: wait for it to finish");
        }
        self.st.nothing_to(act).map_or(Avail::Ready, Avail::Not)
    }

    fn on_open(&mut self, subject: &Subject, env: &Env) -> Vec<Effect> {
        let container = match subject {
            Subject::Container(id) => Some(id.clone()),
            _ => None,
        };
        if container != self.container {
            *self = BuildCache {
                container,
                ..BuildCache::default()
            };
        }
        let first = !self.opened;
        self.opened = true;
        self.refresh(self.image(env), first)
    }

    fn on_notice(&mut self, notice: Notice, env: &Env) -> Vec<Effect> {
        match notice {
            Notice::Reconnected if self.opened => self.refresh(self.image(env), true),
            _ => Vec::new(),
        }
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        if let Some(i) = step(self.st.selected, self.st.entry_count(), act, env.page) {
            self.st.selected = i;
            return Handled::done();
        }
        let fx = match act {
            Act::Sort => {
                self.st.cycle_sort();
                Vec::new()
            }
            keys::PRUNE => self.prune(PruneWhat::Builder, false),
            keys::PRUNE_LAYERS => self.prune(PruneWhat::Builder, true),
            keys::PRUNE_IMAGES => self.prune(PruneWhat::Images, false),
            keys::PRUNE_CONTAINERS => self.prune(PruneWhat::Containers, false),
            _ => return Handled::No,
        };
        Handled::Yes(fx)
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        state::on_result(&mut self.st, result)
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, &self.st, env)
    }
}
