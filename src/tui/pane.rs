//! What every tab and screen is: a `Pane` owns its state, its keys (a `KeySection`) and its
//! view, and talks to the rest only through `Effect`s. The app routes keys and job results
//! to it and gives it an `Env` (the container list, the clock, the theme) to read.

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::Conn;
use super::jobs::Ticket;
use super::keys::{Act, Avail, KeySection};
use super::msg::Effect;
use super::theme::Theme;
use super::widgets::text_input::TextInput;
use crate::model::Container;

/// What a screen or tab is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The engine as a whole: the container list, the Images view, a comparison.
    Engine,
    /// A container, by ID (its current state is in `Env::containers`).
    Container(String),
    /// An image, by ID or reference.
    Image(String),
}

/// Something that happened to the app that a pane may care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The engine answers again (after a disconnection): restart what follows it.
    Reconnected,
    /// A new container list arrived.
    Containers,
}

/// What a pane may read: the app's state, read-only. Views get it too (`now` and the theme
/// are injected, so views are pure).
pub struct Env<'a> {
    pub containers: &'a [Container],
    /// A list has arrived at least once (before that, "no containers" would be a lie).
    pub listed: bool,
    pub conn: &'a Conn,
    /// Wall clock, Unix seconds.
    pub now: i64,
    /// Rows of the main list area at the last draw, for paging.
    pub page: usize,
    pub read_only: bool,
    pub theme: &'a Theme,
}

impl Env<'_> {
    pub fn container(&self, id: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.id == id)
    }
}

/// Whether a pane took an action; `No` lets the app have it (Back closes the screen).
#[derive(Debug)]
pub enum Handled {
    Yes(Vec<Effect>),
    No,
}

impl Handled {
    /// Handled, nothing more to do.
    pub fn done() -> Handled {
        Handled::Yes(Vec::new())
    }

    /// Handled when there is something to do (`Back` cancelling work still running),
    /// else left to the app (`Back` closes the screen).
    pub fn if_any(fx: Vec<Effect>) -> Handled {
        if fx.is_empty() {
            Handled::No
        } else {
            Handled::Yes(fx)
        }
    }
}

/// Lets the app and tests reach a pane's concrete type (`pane.as_any().downcast_ref`).
pub trait AsAny: Any {
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any> AsAny for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub trait Pane: AsAny + Send {
    /// The tab's or screen's name.
    fn title(&self) -> &str;

    /// The pane's own keys (checked before the tab, container and global keys).
    fn keys(&self) -> &'static KeySection;

    /// Whether `act` (one of its keys, or a global one such as Back) can be done now.
    fn available(&self, _act: Act, _env: &Env) -> Avail {
        Avail::Ready
    }

    /// The pane comes on screen (first time, and on every return to its tab).
    fn on_open(&mut self, _subject: &Subject, _env: &Env) -> Vec<Effect> {
        Vec::new()
    }

    /// Another tab is shown instead. (When the pane is closed for good, the app cancels all
    /// its jobs without asking.)
    fn on_leave(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled;

    /// The text input being typed into, if any: keys go to `on_typed` meanwhile, and the
    /// hint bar shows its typing hints.
    fn typing(&self) -> Option<&TextInput> {
        None
    }

    fn on_typed(&mut self, _key: &KeyEvent, _env: &Env) -> Vec<Effect> {
        Vec::new()
    }

    /// A result of one of this pane's jobs; downcast it to the job's result type.
    fn on_done(
        &mut self,
        _ticket: Ticket,
        _result: Box<dyn Any + Send>,
        _env: &Env,
    ) -> Vec<Effect> {
        Vec::new()
    }

    fn on_notice(&mut self, _notice: Notice, _env: &Env) -> Vec<Effect> {
        Vec::new()
    }

    /// The container that the container actions (start, stop, restart, shell) act on while
    /// this pane is on screen, if any. (On a container's tabs it is that container.)
    fn container(&self, _env: &Env) -> Option<String> {
        None
    }

    /// Whether the pane shows something that moves with the clock (a spinner): the app
    /// then redraws it every tick.
    fn ticking(&self) -> bool {
        false
    }

    /// False for a pane that works without the engine (the build context check): the
    /// "cannot reach the engine" screen does not cover it.
    fn needs_engine(&self) -> bool {
        true
    }

    /// Draws the pane in `area`; returns the rows its list shows (for paging). Pure.
    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize;
}

/// Moves a selection of `n` rows by an action; `None` when `act` is no movement.
pub fn step(sel: usize, n: usize, act: Act, page: usize) -> Option<usize> {
    let last = n.saturating_sub(1);
    let page = page.max(1);
    Some(match act {
        Act::Up => sel.saturating_sub(1),
        Act::Down => (sel + 1).min(last),
        Act::PageUp => sel.saturating_sub(page),
        Act::PageDown => (sel + page).min(last),
        Act::Top => 0,
        Act::Bottom => last,
        _ => return None,
    })
}

/// What pane unit tests need: an `Env` over a list of their own.
#[cfg(test)]
pub(crate) mod testing {
    use super::Env;
    use crate::model::{Container, Health, State};
    use crate::tui::app::Conn;
    use crate::tui::theme::Theme;

    pub struct Fixture {
        pub conn: Conn,
        pub containers: Vec<Container>,
        pub theme: Theme,
        pub page: usize,
    }

    impl Fixture {
        pub fn new(containers: Vec<Container>) -> Fixture {
            Fixture {
                conn: Conn::Connecting("unix:///x.sock".into()),
                containers,
                theme: Theme { mono: true },
                page: 10,
            }
        }

        pub fn env(&self) -> Env<'_> {
            Env {
                containers: &self.containers,
                listed: true,
                conn: &self.conn,
                now: 1_000,
                page: self.page,
                read_only: false,
                theme: &self.theme,
            }
        }
    }

    pub fn container(id: &str, name: &str, state: State) -> Container {
        Container {
            id: id.into(),
            name: name.into(),
            image: format!("shop/{name}:1"),
            image_id: format!("sha256:{name}"),
            state,
            health: Health::None,
            status: String::new(),
            created: 0,
            started_at: None,
            ports: vec![],
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_bounds() {
        assert_eq!(step(0, 3, Act::Up, 10), Some(0));
        assert_eq!(step(2, 3, Act::Down, 10), Some(2));
        assert_eq!(step(0, 30, Act::PageDown, 10), Some(10));
        assert_eq!(step(25, 30, Act::PageDown, 10), Some(29));
        assert_eq!(step(5, 0, Act::Bottom, 10), Some(0));
        assert_eq!(step(1, 3, Act::Open, 10), None);
    }
}
