//! Keys of the Images view (open an image's layers, mark, compare, sort, filter) and of the
//! comparison (scroll, export the Markdown table, back).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, View};
use super::images::CompareState;
use super::keys::Act;

impl App {
    /// Handles `act` when the comparison or the Images view is on screen.
    pub(crate) fn on_images_act(&mut self, act: Act) -> Option<Vec<Effect>> {
        if let Some(c) = self.compare.as_mut() {
            match act {
                Act::Back => self.compare = None,
                Act::Up => c.scroll = c.scroll.saturating_sub(1),
                Act::Down => c.scroll += 1,
                Act::Top => c.scroll = 0,
                Act::Export => {
                    if c.done() < c.images.len() {
                        self.flash = Some(("the comparison is not finished yet".into(), true));
                    } else {
                        return Some(vec![Effect::Export(c.comparison().to_markdown())]);
                    }
                }
                Act::Quit | Act::Help => return None,
                _ => {}
            }
            return Some(Vec::new());
        }
        if self.view != View::Images {
            return None;
        }
        if self.images.opened {
            if act == Act::Back && !self.layers.as_ref().is_some_and(|p| p.running()) {
                self.images.opened = false;
                return Some(Vec::new());
            }
            return self.on_layers_act(act);
        }
        let n = self.images.visible().len();
        let page = self.page.max(1);
        let sel = &mut self.images.selected;
        match act {
            Act::Back => {
                if !self.images.filter.is_empty() {
                    self.images.filter.clear();
                } else {
                    self.view = View::Containers;
                }
            }
            Act::Up => *sel = sel.saturating_sub(1),
            Act::Down => *sel = (*sel + 1).min(n.saturating_sub(1)),
            Act::PageUp => *sel = sel.saturating_sub(page),
            Act::PageDown => *sel = (*sel + page).min(n.saturating_sub(1)),
            Act::Top => *sel = 0,
            Act::Bottom => *sel = n.saturating_sub(1),
            Act::Sort => self.images.cycle_sort(),
            Act::Filter => self.images.filtering = true,
            Act::Mark => self.images.toggle_mark(),
            Act::Open => {
                let id = self.images.selected_row()?.id.clone();
                self.images.opened = true;
                return Some(self.open_layers(id));
            }
            Act::Compare => {
                let marked = self.images.marked.clone();
                if marked.len() < 2 {
                    self.flash = Some(("mark two or more images with Space, then c (the first marked is the baseline)".into(), true));
                    return Some(Vec::new());
                }
                let labels = marked.iter().map(|id| self.images.label_of(id)).collect();
                return Some(self.open_compare(marked, labels));
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Opens a comparison of `images` (the first is the baseline).
    pub fn open_compare(&mut self, images: Vec<String>, labels: Vec<String>) -> Vec<Effect> {
        self.compare = Some(CompareState::new(images.clone(), labels));
        vec![Effect::Compare(images)]
    }

    pub(crate) fn on_images_text_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let st = &mut self.images;
        match k.code {
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => st.filter.push(c),
            KeyCode::Backspace => {
                st.filter.pop();
            }
            KeyCode::Esc => {
                st.filter.clear();
                st.filtering = false;
            }
            KeyCode::Enter => st.filtering = false,
            _ => {}
        }
        st.selected = 0;
        Vec::new()
    }
}
