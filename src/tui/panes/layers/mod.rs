//! The layers pane: the Layers tab of a container, and an image's layers opened from the
//! Images view. The layer list at once, then the files with progress (`Esc` cancels), the
//! file tree of the selected layer, the wasted and the largest files, the guide's advice.

pub mod job;
mod keys;
pub mod state;
mod view;

mod files_view;

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::jobs::Ticket;
use crate::tui::keys::{Act, KeySection};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, Pane, Subject};
use crate::tui::widgets::text_input::{TextInput, Typed};
pub use keys::KEYS;
use state::{Focus, LayersState, Side};

pub struct Layers {
    st: Option<LayersState>,
    /// The image's name when the pane is a screen of its own (opened from the Images view).
    label: Option<String>,
}

impl Layers {
    /// The Layers tab of a container.
    pub fn boxed() -> Box<dyn Pane> {
        Box::new(Layers {
            st: None,
            label: None,
        })
    }

    /// An image's layers as a screen of its own, titled with the image's name.
    pub fn for_image(label: String) -> Layers {
        Layers {
            st: None,
            label: Some(label),
        }
    }

    pub fn state(&self) -> Option<&LayersState> {
        self.st.as_ref()
    }

    fn cancel(&mut self) -> Vec<Effect> {
        match self.st.as_mut() {
            Some(st) if st.running() => {
                st.cancel();
                vec![
                    Effect::Cancel(job::key(&st.image)),
                    Effect::info("layer analysis cancelled"),
                ]
            }
            _ => Vec::new(),
        }
    }
}

impl Pane for Layers {
    fn title(&self) -> &str {
        "Layers"
    }

    fn keys(&self) -> &'static KeySection {
        &KEYS
    }

    fn on_open(&mut self, subject: &Subject, env: &Env) -> Vec<Effect> {
        let image = match subject {
            Subject::Container(id) => match env.container(id) {
                Some(c) if !c.image_id.is_empty() => c.image_id.clone(),
                Some(c) => c.image.clone(),
                None => return Vec::new(),
            },
            Subject::Image(image) => image.clone(),
            Subject::Engine => return Vec::new(),
        };
        let mut fx = Vec::new();
        if let Some(st) = &self.st {
            // Back on the tab: keep what is there (a running analysis goes on).
            if st.image == image && !st.cancelled && st.error.is_none() {
                return fx;
            }
            if st.image != image && st.running() {
                fx.push(Effect::Cancel(job::key(&st.image)));
            }
        }
        self.st = Some(LayersState::new(image.clone()));
        fx.push(Effect::job(job::Analyse { image }));
        fx
    }

    fn on_act(&mut self, act: Act, env: &Env) -> Handled {
        if act == Act::Back {
            return Handled::if_any(self.cancel());
        }
        let Some(p) = self.st.as_mut() else {
            return Handled::No;
        };
        let page = env.page.max(1) as isize;
        match act {
            Act::Up => p.step(-1),
            Act::Down => p.step(1),
            Act::PageUp => p.step(-page),
            Act::PageDown => p.step(page),
            Act::Top => p.step(isize::MIN / 2),
            Act::Bottom => p.step(isize::MAX / 2),
            keys::FOCUS_LEFT => p.focus = Focus::Layers,
            keys::FOCUS_RIGHT => p.focus = Focus::Files,
            keys::FOLD => p.toggle_collapse(),
            Act::Sort => p.toggle_sort(),
            keys::SCOPE => p.toggle_scope(),
            keys::WASTE | keys::ADVICE | keys::LARGEST => {
                let want = match act {
                    keys::WASTE => Side::Waste,
                    keys::ADVICE => Side::Advice,
                    _ => Side::Largest,
                };
                p.side = if p.side == want { Side::Tree } else { want };
                p.file_sel = 0;
                p.focus = Focus::Files;
            }
            Act::Filter => {
                p.filter.start();
                p.focus = Focus::Files;
            }
            _ => return Handled::No,
        }
        Handled::done()
    }

    fn typing(&self) -> Option<&TextInput> {
        self.st.as_ref().map(|p| &p.filter).filter(|f| f.active())
    }

    fn on_typed(&mut self, key: &KeyEvent, _env: &Env) -> Vec<Effect> {
        if let Some(p) = self.st.as_mut()
            && p.filter.on_key(key) != Typed::Ignored
        {
            p.file_sel = 0;
            p.refresh_tree();
        }
        Vec::new()
    }

    fn on_done(&mut self, _ticket: Ticket, result: Box<dyn Any + Send>, _env: &Env) -> Vec<Effect> {
        let Some(p) = self.st.as_mut() else {
            return Vec::new();
        };
        let result = match result.downcast::<job::Quick>() {
            Ok(q) => {
                p.quick = Some(*q.0);
                return Vec::new();
            }
            Err(r) => r,
        };
        let result = match result.downcast::<job::Progressed>() {
            Ok(pr) => {
                if p.running() {
                    p.progress = Some(pr.0);
                }
                return Vec::new();
            }
            Err(r) => r,
        };
        if let Ok(done) = result.downcast::<job::Analysed>() {
            match done.0 {
                Ok((a, findings)) => {
                    p.findings = findings;
                    p.set_analysis(a);
                }
                Err(e) if p.cancelled => p.error = Some(format!("analysis cancelled ({e})")),
                Err(e) => p.error = Some(e),
            }
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) -> usize {
        let t = env.theme;
        let (body, again) = match &self.label {
            None => (area, "Tab away and back to start again"),
            Some(label) => {
                let [head, body] =
                    Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
                f.render_widget(
                    Paragraph::new(Line::from(vec![
                        Span::styled(format!(" {label} "), t.title()),
                        Span::styled(" Esc back to the images", t.dim()),
                    ])),
                    head,
                );
                (body, "Esc, then Enter to start again")
            }
        };
        match &self.st {
            Some(p) => view::draw(f, body, p, t, again),
            None => 1,
        }
    }
}

#[cfg(test)]
mod tests;
