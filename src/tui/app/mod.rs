//! The app: the connection, the container list, the screens (routing), the overlays and the
//! status line. `update` takes a message and returns effects; it does no I/O. Everything a
//! tab or screen shows and does is in its pane (`tui::panes`).

mod actions;
mod query;
mod route;
mod screens;

use std::collections::VecDeque;

pub use route::Hints;
pub(crate) use screens::{Screen, Slot};

use super::jobs::PaneId;
use super::msg::{Effect, Msg};
use super::pane::{Env, Notice, Pane, Subject};
use super::panes::compare::Compare;
use super::panes::list::List;
use super::theme::Theme;
use super::widgets::confirm::Confirm;
use crate::model::{Container, EngineInfo};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conn {
    Connecting(String),
    Up(EngineInfo),
    /// Lost (or never had) the daemon; `ever` says whether the list is from an earlier connection.
    Down {
        uri: String,
        reason: String,
        ever: bool,
    },
}

/// What the app knows that panes may read (see `Env`).
pub(crate) struct Core {
    pub conn: Conn,
    pub containers: Vec<Container>,
    pub listed: bool,
    pub now: i64,
    pub page: usize,
    pub read_only: bool,
    pub theme: Theme,
}

impl Core {
    pub fn env(&self) -> Env<'_> {
        Env {
            containers: &self.containers,
            listed: self.listed,
            conn: &self.conn,
            now: self.now,
            page: self.page,
            read_only: self.read_only,
            theme: &self.theme,
        }
    }
}

/// Where the user is: for tests, traces and the clock's redraw decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    List,
    /// A container's tabs: its ID and the title of the tab on screen.
    Container {
        id: String,
        tab: String,
    },
    /// Another screen, by title (Images, Layers, Comparison).
    Screen(String),
}

pub struct App {
    pub(crate) core: Core,
    /// The container list: the bottom screen, always there.
    pub(crate) list: Slot,
    /// The screens opened above the list; the last is on screen.
    pub(crate) screens: Vec<Screen>,
    pub(crate) help: bool,
    /// The help's page (any number: the overlay wraps it round its pages).
    pub(crate) help_page: i64,
    /// The container header shows the labels.
    pub(crate) labels: bool,
    /// Confirmations asked for, and the pane that asked; the first is on screen.
    pub(crate) confirms: VecDeque<(PaneId, Confirm)>,
    /// One-line message in the status bar (`true` = an error).
    pub(crate) flash: Option<(String, bool)>,
    quit: bool,
    last_id: u64,
    /// Effects that wait for the engine (e.g. the comparison `docktor demo` opens with).
    on_connect: Vec<Effect>,
}

impl App {
    pub fn new(uri: String, read_only: bool, theme: Theme) -> App {
        App {
            core: Core {
                conn: Conn::Connecting(uri),
                containers: Vec::new(),
                listed: false,
                now: 0,
                page: 20,
                read_only,
                theme,
            },
            list: Slot {
                id: PaneId(1),
                pane: Box::new(List::new()),
            },
            screens: Vec::new(),
            help: false,
            help_page: 0,
            labels: false,
            confirms: VecDeque::new(),
            flash: None,
            quit: false,
            last_id: 1,
            on_connect: Vec::new(),
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) => return self.on_key(k),
            Msg::Resize | Msg::Ended(_) => {}
            Msg::Connected(info) => {
                self.core.conn = Conn::Up(info);
                if !self.on_connect.is_empty() {
                    let fx = std::mem::take(&mut self.on_connect);
                    return fx;
                }
                return self.notify(Notice::Reconnected);
            }
            Msg::Disconnected { uri, reason } => {
                let ever = matches!(self.core.conn, Conn::Up(_) | Conn::Down { ever: true, .. });
                self.core.conn = Conn::Down { uri, reason, ever };
            }
            Msg::Containers(mut list) => {
                crate::engine::containers::carry_over(&mut list, &self.core.containers);
                self.core.listed = true;
                self.core.containers = list;
                return self.notify(Notice::Containers);
            }
            Msg::Inspected { id, facts } => {
                if let Some(c) = self.core.containers.iter_mut().find(|c| c.id == id) {
                    c.learn(&facts);
                }
            }
            Msg::Done { ticket, result } => {
                if ticket.owner == PaneId::APP {
                    actions::on_done(self, result);
                    return Vec::new();
                }
                let env = self.core.env();
                // A pane that is gone gets nothing (its jobs were cancelled when it closed).
                let Some(slot) = screens::all_mut(&mut self.list, &mut self.screens)
                    .find(|s| s.id == ticket.owner)
                else {
                    return Vec::new();
                };
                let fx = slot.pane.on_done(ticket, result, &env);
                return self.absorb(ticket.owner, fx);
            }
        }
        Vec::new()
    }

    /// Tells every pane; returns what they ask for.
    fn notify(&mut self, notice: Notice) -> Vec<Effect> {
        let env = self.core.env();
        let asked: Vec<(PaneId, Vec<Effect>)> = screens::all_mut(&mut self.list, &mut self.screens)
            .map(|s| (s.id, s.pane.on_notice(notice, &env)))
            .collect();
        asked
            .into_iter()
            .flat_map(|(id, fx)| self.absorb(id, fx))
            .collect()
    }

    fn slot(&mut self, pane: Box<dyn Pane>) -> Slot {
        self.last_id += 1;
        Slot {
            id: PaneId(self.last_id),
            pane,
        }
    }

    /// Opens `pane` on top, about `subject`. Returns the effects it asks for.
    pub fn open(&mut self, pane: Box<dyn Pane>, subject: Subject) -> Vec<Effect> {
        self.push(pane, subject)
    }

    /// Opens a comparison of `images` (the first is the baseline), shown with `labels`.
    pub fn open_compare(&mut self, images: Vec<String>, labels: Vec<String>) -> Vec<Effect> {
        self.open(Box::new(Compare::new(images, labels)), Subject::Engine)
    }

    /// Keeps `fx` until the engine answers (they need it).
    pub fn defer_until_connected(&mut self, fx: Vec<Effect>) {
        self.on_connect.extend(fx);
    }
}
