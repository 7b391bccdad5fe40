//! Routing between screens: opening a screen or a container's tabs on top of the list,
//! switching tabs, closing (which cancels every job of the closed panes), and carrying out
//! what panes ask of the app (`absorb`).

use super::App;
use crate::tui::jobs::PaneId;
use crate::tui::keys::READ_ONLY;
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Pane, Subject};
use crate::tui::panes::{OPENS_ON, TABS};

/// A pane and the ID its jobs' results come back to.
pub(crate) struct Slot {
    pub id: PaneId,
    pub pane: Box<dyn Pane>,
}

pub(crate) enum Screen {
    /// One pane full screen (Images, an image's layers, a comparison).
    One(Slot),
    /// A container's tabs, one on screen.
    Tabs {
        container: String,
        tabs: Vec<Slot>,
        active: usize,
    },
}

impl Screen {
    pub fn active(&self) -> &Slot {
        match self {
            Screen::One(s) => s,
            Screen::Tabs { tabs, active, .. } => &tabs[*active],
        }
    }

    pub fn active_mut(&mut self) -> &mut Slot {
        match self {
            Screen::One(s) => s,
            Screen::Tabs { tabs, active, .. } => &mut tabs[*active],
        }
    }

    pub fn slots_mut(&mut self) -> std::slice::IterMut<'_, Slot> {
        match self {
            Screen::One(s) => std::slice::from_mut(s).iter_mut(),
            Screen::Tabs { tabs, .. } => tabs.iter_mut(),
        }
    }

    fn into_slots(self) -> Vec<Slot> {
        match self {
            Screen::One(s) => vec![s],
            Screen::Tabs { tabs, .. } => tabs,
        }
    }
}

/// Every live pane: the list, then each screen's.
pub(crate) fn all_mut<'a>(
    list: &'a mut Slot,
    screens: &'a mut [Screen],
) -> impl Iterator<Item = &'a mut Slot> {
    std::iter::once(list).chain(screens.iter_mut().flat_map(Screen::slots_mut))
}

impl App {
    /// Runs `f` on the pane on screen with the app's `Env`.
    pub(super) fn with_top<R>(&mut self, f: impl FnOnce(&mut Slot, &Env) -> R) -> R {
        let env = self.core.env();
        let slot = match self.screens.last_mut() {
            Some(s) => s.active_mut(),
            None => &mut self.list,
        };
        f(slot, &env)
    }

    /// Carries out what pane `owner` asked for; returns the effects for the event loop.
    pub(super) fn absorb(&mut self, owner: PaneId, fx: Vec<Effect>) -> Vec<Effect> {
        let mut out = Vec::new();
        for e in fx {
            match e {
                Effect::Job { owner: None, job } => out.push(Effect::Job {
                    owner: Some(owner),
                    job,
                }),
                Effect::Open(pane, subject) => out.extend(self.push(pane, subject)),
                Effect::OpenContainer(id) => out.extend(self.open_container(id)),
                Effect::Close if self.top().id == owner => out.extend(self.close_top()),
                Effect::Close => {}
                Effect::Confirm(_) if self.core.read_only => {
                    self.flash = Some((READ_ONLY.into(), true));
                }
                Effect::Confirm(c) => self.confirms.push_back((owner, c)),
                Effect::Flash { text, error } => self.flash = Some((text, error)),
                other => out.push(other),
            }
        }
        out
    }

    pub(super) fn push(&mut self, pane: Box<dyn Pane>, subject: Subject) -> Vec<Effect> {
        let slot = self.slot(pane);
        self.screens.push(Screen::One(slot));
        self.open_top(subject)
    }

    /// Opens the tabs of container `id`, on the tab `OPENS_ON` names.
    pub(super) fn open_container(&mut self, id: String) -> Vec<Effect> {
        let tabs: Vec<Slot> = TABS.iter().map(|new| self.slot(new())).collect();
        let active = tabs
            .iter()
            .position(|s| s.pane.title() == OPENS_ON)
            .unwrap_or(0);
        self.screens.push(Screen::Tabs {
            container: id.clone(),
            tabs,
            active,
        });
        self.open_top(Subject::Container(id))
    }

    fn open_top(&mut self, subject: Subject) -> Vec<Effect> {
        let (id, fx) = self.with_top(|slot, env| (slot.id, slot.pane.on_open(&subject, env)));
        self.absorb(id, fx)
    }

    /// Closes the screen on top (never the list); every job of its panes is cancelled.
    pub(super) fn close_top(&mut self) -> Vec<Effect> {
        let Some(screen) = self.screens.pop() else {
            return Vec::new();
        };
        let closed: Vec<PaneId> = screen.into_slots().into_iter().map(|s| s.id).collect();
        self.confirms.retain(|(owner, _)| !closed.contains(owner));
        closed.into_iter().map(Effect::CancelOwner).collect()
    }

    pub(super) fn switch_tab(&mut self, forward: bool) -> Vec<Effect> {
        let Some(Screen::Tabs {
            container,
            tabs,
            active,
        }) = self.screens.last_mut()
        else {
            return Vec::new();
        };
        let old = &mut tabs[*active];
        let (old_id, leave) = (old.id, old.pane.on_leave());
        let n = tabs.len();
        *active = (*active + if forward { 1 } else { n - 1 }) % n;
        let subject = Subject::Container(container.clone());
        let mut out = self.absorb(old_id, leave);
        out.extend(self.open_top(subject));
        out
    }
}
