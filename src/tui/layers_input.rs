//! Keys of the layers pane: moving in the layer list and the file tree, folding, sorting,
//! scope, the wasted-files list, the file filter, and `Esc` to cancel a running analysis.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect};
use super::keys::Act;
use super::layers_pane::{Focus, LayersPane, Side};

impl App {
    pub(crate) fn layers_filtering(&self) -> bool {
        self.layers.as_ref().is_some_and(|p| p.filtering)
    }

    /// Opens (or keeps) the pane for the open container's image; asks for an analysis when
    /// the pane is new.
    pub(crate) fn open_layers_of_detail(&mut self) -> Vec<Effect> {
        let Some(c) = self.detail_container() else {
            return Vec::new();
        };
        let image = if c.image_id.is_empty() {
            c.image.clone()
        } else {
            c.image_id.clone()
        };
        self.open_layers(image)
    }

    pub(crate) fn open_layers(&mut self, image: String) -> Vec<Effect> {
        if self
            .layers
            .as_ref()
            .is_some_and(|p| p.image == image && !p.cancelled && p.error.is_none())
        {
            return Vec::new();
        }
        if let Some(old) = self.layers.as_mut().filter(|p| p.running()) {
            old.cancel();
        }
        self.layers = Some(LayersPane::new(image.clone()));
        vec![Effect::Analyze(image)]
    }

    /// Handles `act` in the layers pane; `None` lets the detail and global bindings have it.
    pub(crate) fn on_layers_act(&mut self, act: Act) -> Option<Vec<Effect>> {
        let page = self.page.max(1) as isize;
        let p = self.layers.as_mut()?;
        match act {
            Act::Up => p.step(-1),
            Act::Down => p.step(1),
            Act::PageUp => p.step(-page),
            Act::PageDown => p.step(page),
            Act::Top => p.step(isize::MIN / 2),
            Act::Bottom => p.step(isize::MAX / 2),
            Act::FocusLeft => p.focus = Focus::Layers,
            Act::FocusRight => p.focus = Focus::Files,
            Act::Collapse => p.toggle_collapse(),
            Act::Sort => p.toggle_sort(),
            Act::Scope => p.toggle_scope(),
            Act::Waste | Act::Advice | Act::Largest => {
                let want = match act {
                    Act::Waste => Side::Waste,
                    Act::Advice => Side::Advice,
                    _ => Side::Largest,
                };
                p.side = if p.side == want { Side::Tree } else { want };
                p.file_sel = 0;
                p.focus = Focus::Files;
            }
            Act::Filter => {
                p.filtering = true;
                p.focus = Focus::Files;
            }
            Act::Back if p.running() => {
                p.cancel();
                self.flash = Some(("layer analysis cancelled".into(), false));
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    pub(crate) fn on_layers_text_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(p) = self.layers.as_mut() else {
            return Vec::new();
        };
        match k.code {
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => p.filter.push(c),
            KeyCode::Backspace => {
                p.filter.pop();
            }
            KeyCode::Esc => {
                p.filter.clear();
                p.filtering = false;
            }
            KeyCode::Enter => p.filtering = false,
            _ => {}
        }
        p.file_sel = 0;
        p.refresh_tree();
        Vec::new()
    }
}
