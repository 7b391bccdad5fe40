//! Questions about the app's state, for the views, the event loop and tests: where the user
//! is, what is selected, what is on screen, and the few setters the event loop needs.

use ratatui::Frame;

use super::{App, Conn, List, Location, Screen, Slot};
use crate::model::Container;
use crate::tui::pane::Pane;
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::Confirm;

impl App {
    pub fn draw(&self, f: &mut Frame) -> usize {
        crate::tui::chrome::draw(f, self)
    }

    /// Rows of the main list area, from the last draw (for paging).
    pub fn set_page(&mut self, rows: usize) {
        self.core.page = rows.max(1);
    }

    pub fn set_now(&mut self, now: i64) {
        self.core.now = now;
    }

    pub fn now(&self) -> i64 {
        self.core.now
    }

    pub fn conn(&self) -> &Conn {
        &self.core.conn
    }

    pub fn containers(&self) -> &[Container] {
        &self.core.containers
    }

    pub fn read_only(&self) -> bool {
        self.core.read_only
    }

    pub fn theme(&self) -> &Theme {
        &self.core.theme
    }

    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// Shows the outcome of something the event loop did itself (the shell hand-over).
    pub fn set_flash(&mut self, outcome: Result<String, String>) {
        self.flash = Some(match outcome {
            Ok(m) => (m, false),
            Err(m) => (m, true),
        });
    }

    pub fn flash(&self) -> Option<(&str, bool)> {
        self.flash.as_ref().map(|(m, e)| (m.as_str(), *e))
    }

    pub fn help_open(&self) -> bool {
        self.help
    }

    pub fn help_page(&self) -> i64 {
        self.help_page
    }

    /// The confirmation on screen, if any.
    pub fn confirming(&self) -> Option<&Confirm> {
        self.confirms.front().map(|(_, c)| c)
    }

    fn list(&self) -> Option<&List> {
        self.list.pane.as_any().downcast_ref::<List>()
    }

    /// The containers the list shows (all or running, then the filter).
    pub fn visible(&self) -> Vec<&Container> {
        match self.list() {
            Some(l) => l.visible(&self.core.containers),
            None => Vec::new(),
        }
    }

    pub fn selected_container(&self) -> Option<&Container> {
        self.list()?.selected(&self.core.containers)
    }

    /// The container of the container screen on top, if it is one.
    pub fn detail_container(&self) -> Option<&Container> {
        match self.screens.last()? {
            Screen::Tabs { container, .. } => {
                self.core.containers.iter().find(|c| c.id == *container)
            }
            Screen::One(_) => None,
        }
    }

    pub fn location(&self) -> Location {
        match self.screens.last() {
            Some(Screen::Tabs { container, .. }) => Location::Container {
                id: container.clone(),
                tab: self.top().pane.title().to_string(),
            },
            Some(Screen::One(_)) => Location::Screen(self.top().pane.title().to_string()),
            None => Location::List,
        }
    }

    /// The pane on screen, if it is a `T`.
    pub fn pane<T: Pane>(&self) -> Option<&T> {
        self.top().pane.as_any().downcast_ref::<T>()
    }

    /// The pane on screen (the list when nothing else is).
    pub(crate) fn top(&self) -> &Slot {
        self.screens.last().map_or(&self.list, Screen::active)
    }

    /// True while a text input is being typed into.
    pub fn typing(&self) -> bool {
        self.top().pane.typing().is_some()
    }

    /// The uptimes on screen: the clock only asks for a redraw when one changes.
    pub fn clock_signature(&self) -> String {
        use crate::model::uptime;
        let mut s = String::new();
        if self.top().pane.ticking() {
            s.push_str(&self.core.now.to_string());
        }
        if let Some(c) = self.detail_container() {
            s.push_str(&uptime(c, self.core.now));
        }
        if self.screens.is_empty() {
            let upto = self.list().map_or(0, |l| l.selected_index()) + self.core.page + 2;
            for c in self.visible().iter().take(upto) {
                s.push_str(&uptime(c, self.core.now));
                s.push(' ');
            }
        }
        s
    }
}
