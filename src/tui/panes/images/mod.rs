//! The Images view (`i`): every image with its size, age and all its tags, sorted, filtered
//! on any tag or the ID, dangling ones marked; `Enter` opens an image's layers, `Space` marks
//! images and `c` compares them. The view follows the daemon's image events: a removed image
//! leaves it, and its mark with it.

mod job;
mod keys;
pub mod state;
mod view;

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::compare::Compare;
use super::layers::Layers;
use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Pane, Subject, step};
use crate::tui::widgets::text_input::{TextInput, Typed};
pub use job::Listed;
pub use keys::KEYS;
use state::{ImagesState, image_label};

#[derive(Default)]
pub struct Images {
    st: ImagesState,
    asked: bool,
}

impl Images {
    pub fn new() -> Images {
        Images::default()
    }

    pub fn state(&self) -> &ImagesState {
        &self.st
    }
}

impl Pane for Images {
    fn title(&self) -> &str {
        "Images"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_open(&mut self, _subject: &Subject, _env: &Env) -> Vec<Effect> {
        if self.asked {
            return Vec::new();
        }
        self.asked = true;
        self.st.loading = true;
        vec![Effect::job(job::ListImages), Effect::job(job::WatchImages)]
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        let st = &mut self.st;
        if let Some(i) = step(st.selected, st.visible().len(), act, env.page) {
            st.selected = i;
            return Handled::done();
        }
        let fx = match act {
            Act::Sort => {
                st.cycle_sort();
                Vec::new()
            }
            Act::Filter => {
                st.filter.start();
                Vec::new()
            }
            keys::MARK => {
                st.toggle_mark();
                Vec::new()
            }
            Act::Open => match st.selected_row() {
                Some(r) => vec![Effect::Open(
                    Box::new(Layers::for_image(image_label(r))),
                    Subject::Image(r.id.clone()),
                )],
                None => Vec::new(),
            },
            keys::COMPARE if st.marked.len() < 2 => vec![Effect::error(
                "mark two or more images with Space, then c (the first marked is the baseline)",
            )],
            keys::COMPARE => {
                let labels = st.marked.iter().map(|id| st.label_of(id)).collect();
                let compare = Compare::new(st.marked.clone(), labels);
                vec![Effect::Open(Box::new(compare), Subject::Engine)]
            }
            Act::Back if !st.filter.is_empty() => {
                st.filter.clear();
                Vec::new()
            }
            _ => return Handled::No,
        };
        Handled::Yes(fx)
    }

    fn typing(&self) -> Option<&TextInput> {
        self.st.filter.active().then_some(&self.st.filter)
    }

    fn on_typed(&mut self, key: &KeyEvent, _env: &Env) -> Vec<Effect> {
        if self.st.filter.on_key(key) != Typed::Ignored {
            self.st.selected = 0;
        }
        Vec::new()
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        if let Ok(listed) = result.downcast::<Listed>() {
            match listed.0 {
                Ok(rows) => self.st.set_rows(rows),
                Err(e) => {
                    self.st.loading = false;
                    self.st.error = Some(e);
                }
            }
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        view::draw(f, area, &self.st, env)
    }
}

#[cfg(test)]
mod tests;
