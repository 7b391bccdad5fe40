//! The Logs tab: the container's last lines, then following; stdout and stderr told apart,
//! pause and scroll, search with highlighted matches. The follower runs only while the tab
//! is on screen.

pub mod buffer;
pub mod job;
mod keys;
mod view;

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject};
use crate::tui::widgets::text_input::{TextInput, Typed};
use buffer::LogBuf;
pub use keys::KEYS;

pub struct Logs {
    /// The container followed (set on open).
    id: Option<String>,
    buf: LogBuf,
    search: TextInput,
    /// On screen, with its follower running.
    open: bool,
}

impl Logs {
    pub fn new() -> Logs {
        Logs {
            id: None,
            buf: LogBuf::new(),
            search: TextInput::search(),
            open: false,
        }
    }

    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Logs::new())
    }

    pub fn buffer(&self) -> &LogBuf {
        &self.buf
    }

    pub fn search(&self) -> &TextInput {
        &self.search
    }

    fn follow(&self) -> Vec<Effect> {
        match &self.id {
            Some(id) => vec![Effect::job(job::Follow { id: id.clone() })],
            None => Vec::new(),
        }
    }
}

impl Default for Logs {
    fn default() -> Self {
        Logs::new()
    }
}

impl Pane for Logs {
    fn title(&self) -> &str {
        "Logs"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_open(&mut self, subject: &Subject, _env: &Env) -> Vec<Effect> {
        let Subject::Container(id) = subject else {
            return Vec::new();
        };
        self.id = Some(id.clone());
        self.buf = LogBuf::new();
        self.open = true;
        self.follow()
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
        let b = &mut self.buf;
        match act {
            Act::Up => b.scroll(-1, page),
            Act::Down => b.scroll(1, page),
            Act::PageUp => b.scroll(-(page as isize), page),
            Act::PageDown => b.scroll(page as isize, page),
            Act::Top => b.to_top(),
            Act::Bottom => b.to_bottom(),
            keys::FOLLOW => b.follow = !b.follow,
            Act::Filter => {
                self.search.start_empty();
                b.search.clear();
            }
            keys::NEXT | keys::PREV => {
                if !b.jump(act == keys::NEXT, page) {
                    return Handled::Yes(vec![Effect::error("no match: search with /")]);
                }
            }
            _ => return Handled::No,
        }
        Handled::done()
    }

    fn typing(&self) -> Option<&TextInput> {
        self.search.active().then_some(&self.search)
    }

    fn on_typed(&mut self, key: &KeyEvent, env: &Env) -> Vec<Effect> {
        let typed = self.search.on_key(key);
        self.buf.search = self.search.text().to_string();
        match typed {
            Typed::Kept => {
                self.buf.current = None;
                if !self.buf.jump(false, env.page.max(1)) {
                    let msg = format!("no line matches '{}'", self.buf.search);
                    return vec![Effect::error(msg)];
                }
            }
            Typed::Cleared => self.buf.current = None,
            _ => {}
        }
        Vec::new()
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        match result.downcast::<job::Lines>() {
            Ok(lines) => lines.0.into_iter().for_each(|l| self.buf.push(l)),
            Err(other) => {
                if let Ok(ended) = other.downcast::<job::Ended>() {
                    self.buf.ended = Some(ended.0);
                }
            }
        }
        Vec::new()
    }

    fn on_notice(&mut self, notice: Notice, _env: &Env) -> Vec<Effect> {
        // The engine is back: follow again (the old stream died with the connection).
        if notice == Notice::Reconnected && self.open {
            return self.follow();
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, self, env)
    }
}

#[cfg(test)]
mod tests;
