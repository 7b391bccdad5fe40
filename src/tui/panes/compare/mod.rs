//! The comparison: the guide's "Image Size Comparison" on the user's own images (size, bar,
//! improvement against the first, layers, efficiency, waste, advice), then the largest
//! differences, scrolled within bounds; `x` writes the Markdown table to a new file.

pub mod job;
mod keys;
pub mod state;
mod view;

use std::any::Any;
use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, Avail, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Pane, Subject};
pub use keys::KEYS;
use state::CompareState;

pub struct Compare {
    st: CompareState,
    asked: bool,
    /// Where `x` writes (the current directory unless a test says otherwise).
    export_dir: PathBuf,
}

impl Compare {
    /// A comparison of `images` (IDs or references; the first is the baseline), shown with
    /// `labels`.
    pub fn new(images: Vec<String>, labels: Vec<String>) -> Compare {
        Compare {
            st: CompareState::new(images, labels),
            asked: false,
            export_dir: PathBuf::from("."),
        }
    }

    pub fn exporting_to(mut self, dir: PathBuf) -> Compare {
        self.export_dir = dir;
        self
    }

    pub fn state(&self) -> &CompareState {
        &self.st
    }

    /// The last first-row of the differences that still fills the page.
    fn max_scroll(&self, page: usize) -> usize {
        let n = self.st.comparison().differences.len();
        n.saturating_sub(page.max(1))
    }
}

impl Pane for Compare {
    fn title(&self) -> &str {
        "Comparison"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn available(&self, act: Act, _env: &Env) -> Avail {
        if act == keys::EXPORT && !self.st.finished() {
            return Avail::not("the comparison is not finished yet");
        }
        Avail::Ready
    }

    fn on_open(&mut self, _subject: &Subject, _env: &Env) -> Vec<Effect> {
        if self.asked {
            return Vec::new();
        }
        self.asked = true;
        vec![Effect::job(job::Analyse {
            images: self.st.images.clone(),
        })]
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let page = env.page.max(1);
        let max = self.max_scroll(page);
        let s = &mut self.st.scroll;
        match act {
            Act::Up => *s = s.saturating_sub(1),
            Act::Down => *s = (*s + 1).min(max),
            Act::PageUp => *s = s.saturating_sub(page),
            Act::PageDown => *s = (*s + page).min(max),
            Act::Top => *s = 0,
            Act::Bottom => *s = max,
            keys::EXPORT => {
                return Handled::Yes(vec![Effect::job(job::Export {
                    dir: self.export_dir.clone(),
                    markdown: self.st.comparison().to_markdown(),
                })]);
            }
            _ => return Handled::No,
        }
        Handled::done()
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        let result = match result.downcast::<job::One>() {
            Ok(one) => {
                let job::One { slot, result } = *one;
                if slot < self.st.images.len() {
                    match result {
                        Ok((s, findings)) => {
                            self.st.summaries[slot] = Some(*s);
                            self.st.findings[slot] = findings;
                        }
                        Err(e) => self.st.errors[slot] = Some(e),
                    }
                }
                return Vec::new();
            }
            Err(r) => r,
        };
        match result.downcast::<job::Exported>().map(|e| e.0) {
            Ok(Ok(path)) => vec![Effect::info(format!(
                "comparison written to {}",
                path.display()
            ))],
            Ok(Err(e)) => vec![Effect::error(e)],
            Err(_) => Vec::new(),
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, &self.st, env)
    }
}

#[cfg(test)]
mod tests;
