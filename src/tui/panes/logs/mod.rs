//! The Logs tab: the container's last lines, then following; stdout and stderr told apart,
//! colours as colours, pause (where the view is) and scroll, wrapped or scrolled sideways,
//! the daemon's timestamps on demand, search with highlighted matches. The follower runs only
//! while the tab is on screen. Secret values are masked (the container's own, learnt from its
//! inspect before the first line is shown, secret `KEY=value` pairs, URL passwords) until `v`
//! reveals them; the title says "REVEALED" meanwhile.

pub mod buffer;
#[cfg(test)]
mod buffer_tests;
pub mod job;
mod keys;
pub mod line;
pub mod mask;
pub mod rows;
mod view;

use std::any::Any;
use std::cell::Cell;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, Avail, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Notice, Pane, Subject};
use crate::tui::widgets::text_input::{TextInput, Typed};
use buffer::LogBuf;
pub use keys::KEYS;

/// How the lines are laid out on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Long lines wrap (else they are cut at the edge and scroll sideways).
    pub wrap: bool,
    /// The daemon's timestamp before each line.
    pub times: bool,
    /// Columns scrolled sideways (unwrapped only).
    pub hscroll: usize,
}

pub struct Logs {
    /// The container followed (set on open).
    id: Option<String>,
    buf: LogBuf,
    search: TextInput,
    layout: Layout,
    /// The text area's width and height at the last draw (scrolling counts rows).
    area: Cell<(usize, usize)>,
    /// On screen, with its follower running.
    open: bool,
    /// The container whose secret values the buffer's masker has learnt.
    learnt: Option<String>,
}

impl Logs {
    pub fn new() -> Logs {
        Logs {
            id: None,
            buf: LogBuf::new(),
            search: TextInput::search(),
            layout: Layout {
                wrap: false,
                times: false,
                hscroll: 0,
            },
            area: Cell::new((80, 20)),
            open: false,
            learnt: None,
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

    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Whether secret values show as written.
    pub fn revealed(&self) -> bool {
        self.buf.reveal
    }

    /// A fresh tail: an empty buffer that masks (or reveals) as the old one did, then the
    /// follower — once the container's secrets are learnt, so no line shows unmasked.
    fn follow(&mut self) -> Vec<Effect> {
        let Some(id) = self.id.clone() else {
            return Vec::new();
        };
        let old = std::mem::take(&mut self.buf);
        self.buf = LogBuf::new();
        self.buf.reveal = old.reveal;
        if self.learnt.as_deref() != Some(id.as_str()) {
            return vec![Effect::job(job::Secrets { id })];
        }
        self.buf.masker = old.masker;
        vec![Effect::job(job::Follow { id })]
    }

    /// Acts on the buffer with the screen's geometry: `f(buffer, height, rows of a line)`.
    fn with_rows<R>(
        &mut self,
        f: impl FnOnce(&mut LogBuf, usize, &dyn Fn(&buffer::Entry) -> usize) -> R,
    ) -> R {
        let (w, h) = self.area.get();
        let text_w = view::text_width(w, self.layout);
        let wrap = self.layout.wrap;
        let reveal = self.buf.reveal;
        let rows = move |e: &buffer::Entry| {
            if wrap {
                rows::count(&e.view(reveal).text, text_w)
            } else {
                1
            }
        };
        f(&mut self.buf, h.max(1), &rows)
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

    fn available(&self, act: Act, _env: &Env) -> Avail {
        match act {
            keys::LEFT | keys::RIGHT if self.layout.wrap => {
                Avail::not("lines wrap: w to unwrap them, then ←/→ scroll sideways")
            }
            keys::LEFT if self.layout.hscroll == 0 => Avail::not("already at the left edge"),
            _ => Avail::Ready,
        }
    }

    fn on_open(&mut self, subject: &Subject, _env: &Env) -> Vec<Effect> {
        let Subject::Container(id) = subject else {
            return Vec::new();
        };
        if self.id.as_deref() != Some(id.as_str()) {
            self.buf.reveal = false;
        }
        self.id = Some(id.clone());
        self.open = true;
        self.follow()
    }

    fn on_leave(&mut self) -> Vec<Effect> {
        self.open = false;
        match &self.id {
            Some(id) => vec![
                Effect::Cancel(job::secrets_key(id)),
                Effect::Cancel(job::key(id)),
            ],
            None => Vec::new(),
        }
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let page = env.page.max(1) as isize;
        let step = (self.area.get().0 / 2).max(8);
        match act {
            Act::Up => self.with_rows(|b, h, r| b.scroll(-1, h, r)),
            Act::Down => self.with_rows(|b, h, r| b.scroll(1, h, r)),
            Act::PageUp => self.with_rows(|b, h, r| b.scroll(-page, h, r)),
            Act::PageDown => self.with_rows(|b, h, r| b.scroll(page, h, r)),
            Act::Top => self.buf.to_top(),
            Act::Bottom => self.buf.to_bottom(),
            keys::FOLLOW => self.with_rows(|b, h, r| b.toggle_follow(h, r)),
            keys::WRAP => {
                // The line at the top stays at the top.
                let top = self.with_rows(|b, h, r| b.first_visible(h, r));
                self.layout.wrap = !self.layout.wrap;
                self.layout.hscroll = 0;
                if !self.buf.follow {
                    self.buf.top = buffer::Pos {
                        line: top.line,
                        row: 0,
                    };
                }
            }
            keys::TIMES => self.layout.times = !self.layout.times,
            keys::REVEAL => {
                // The line at the top stays at the top (a masked line may wrap differently).
                let top = self.with_rows(|b, h, r| b.first_visible(h, r));
                self.buf.reveal = !self.buf.reveal;
                if !self.buf.follow {
                    self.buf.top = buffer::Pos {
                        line: top.line,
                        row: 0,
                    };
                }
                let says = if self.buf.reveal {
                    "secret values REVEALED in the logs — v hides them"
                } else {
                    "secret values masked in the logs"
                };
                return Handled::Yes(vec![Effect::info(says)]);
            }
            keys::LEFT => self.layout.hscroll = self.layout.hscroll.saturating_sub(step),
            keys::RIGHT => self.layout.hscroll += step,
            Act::Filter => {
                self.search.start_empty();
                self.buf.search.clear();
            }
            keys::NEXT | keys::PREV => {
                let forward = act == keys::NEXT;
                if !self.with_rows(|b, h, r| b.jump(forward, h, r)) {
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

    fn on_typed(&mut self, key: &KeyEvent, _env: &Env) -> Vec<Effect> {
        let typed = self.search.on_key(key);
        self.buf.search = self.search.text().to_string();
        match typed {
            Typed::Kept => {
                self.buf.current = None;
                if !self.with_rows(|b, h, r| b.jump(false, h, r)) {
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
        let other = match result.downcast::<job::Lines>() {
            Ok(lines) => {
                lines.0.into_iter().for_each(|l| self.buf.push(l));
                return Vec::new();
            }
            Err(other) => other,
        };
        let other = match other.downcast::<job::Learnt>() {
            Ok(learnt) => {
                let job::Learnt(masker, why) = *learnt;
                self.buf.set_masker(masker);
                // Learnt only when read: after a failure the next follow (the engine back,
                // the tab opened again) asks again.
                self.learnt = self.id.clone().filter(|_| why.is_none());
                let mut fx = Vec::new();
                if let Some(why) = why {
                    fx.push(Effect::error(format!(
                        "could not read the container's environment ({}): only secret \
                         KEY=value pairs and URL passwords are masked in its logs",
                        crate::envcheck::mask_text(&why)
                    )));
                }
                if let Some(id) = self.id.clone().filter(|_| self.open) {
                    fx.push(Effect::job(job::Follow { id }));
                }
                return fx;
            }
            Err(other) => other,
        };
        if let Ok(ended) = other.downcast::<job::Ended>() {
            self.buf.ended = Some(ended.0);
        }
        Vec::new()
    }

    fn on_notice(&mut self, notice: Notice, _env: &Env) -> Vec<Effect> {
        // The engine is back: follow again (the old stream died with the connection), from a
        // fresh tail so no line is shown twice.
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
