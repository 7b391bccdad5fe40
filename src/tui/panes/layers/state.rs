//! State of the layers pane (the Layers tab of a container, and an image opened from the
//! Images view): the quick layer list at once, then the file analysis as it arrives, with the
//! selection, the file tree of the selected layer, collapse, sort and filter.

use std::collections::HashSet;
use std::sync::Arc;

use crate::layers::tree::{FileTree, Scope, SortBy};
use crate::layers::{ImageAnalysis, ImageLayers, NodeId, Progress};
use crate::tui::widgets::text_input::TextInput;

/// The right-hand side of the pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Tree,
    Waste,
    Advice,
    /// The largest files the selected layer adds or changes.
    Largest,
}

/// How many of a layer's largest files the Largest side lists.
pub const LARGEST: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Layers,
    Files,
}

pub struct LayersState {
    /// What the user asked for (image ID or name).
    pub image: String,
    pub quick: Option<ImageLayers>,
    pub analysis: Option<Arc<ImageAnalysis>>,
    pub progress: Option<Progress>,
    pub error: Option<String>,
    pub cancelled: bool,
    pub focus: Focus,
    /// Index into `layer_steps()`.
    pub layer_sel: usize,
    /// Whole filesystem as of the selected layer (else only what the layer changes).
    pub whole: bool,
    pub sort: SortBy,
    /// What the right-hand side shows.
    pub side: Side,
    /// The guide's advice for this image.
    pub findings: Vec<crate::diagnose::Finding>,
    pub collapsed: HashSet<NodeId>,
    pub filter: TextInput,
    pub file_sel: usize,
    tree: Option<(usize, bool, SortBy, FileTree)>,
    visible: Vec<usize>,
}

impl LayersState {
    pub fn new(image: String) -> Self {
        LayersState {
            image,
            quick: None,
            analysis: None,
            progress: None,
            error: None,
            cancelled: false,
            focus: Focus::Layers,
            layer_sel: 0,
            whole: false,
            sort: SortBy::Size,
            side: Side::Tree,
            findings: Vec::new(),
            collapsed: HashSet::new(),
            filter: TextInput::filter(),
            file_sel: 0,
            tree: None,
            visible: Vec::new(),
        }
    }

    pub fn running(&self) -> bool {
        self.analysis.is_none() && self.error.is_none() && !self.cancelled
    }

    /// Marks the analysis cancelled (the pane asks the registry to stop its job).
    pub fn cancel(&mut self) {
        self.cancelled = true;
        self.progress = None;
    }

    /// Indexes (into `quick.steps`) of the steps that made a layer, oldest first.
    pub fn layer_steps(&self) -> Vec<usize> {
        self.quick
            .as_ref()
            .map(|q| {
                q.steps
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.layer.is_some())
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The diff index of the selected layer.
    pub fn selected_layer(&self) -> Option<usize> {
        let q = self.quick.as_ref()?;
        let steps = self.layer_steps();
        steps.get(self.layer_sel).and_then(|i| q.steps[*i].layer)
    }

    pub fn set_analysis(&mut self, a: Arc<ImageAnalysis>) {
        if self.quick.is_none() {
            self.quick = Some(a.layers.clone());
        }
        self.analysis = Some(a);
        self.progress = None;
        self.refresh_tree();
    }

    /// Rebuilds the tree when the layer, scope or sort changed, then the visible rows.
    pub fn refresh_tree(&mut self) {
        let (Some(a), Some(k)) = (self.analysis.clone(), self.selected_layer()) else {
            self.tree = None;
            self.visible.clear();
            return;
        };
        let stale = !matches!(&self.tree, Some((tk, tw, ts, _)) if *tk == k && *tw == self.whole && *ts == self.sort);
        if stale {
            let scope = if self.whole {
                Scope::Upto(k)
            } else {
                Scope::Layer(k)
            };
            self.tree = Some((
                k,
                self.whole,
                self.sort,
                FileTree::build(&a, scope, self.sort),
            ));
        }
        if let Some((_, _, _, t)) = &self.tree {
            let f = (!self.filter.is_empty()).then_some(self.filter.text());
            self.visible = t.visible(&a, &self.collapsed, f);
        }
        self.file_sel = self.file_sel.min(self.visible.len().saturating_sub(1));
    }

    pub fn tree(&self) -> Option<&FileTree> {
        self.tree.as_ref().map(|(_, _, _, t)| t)
    }

    /// Row indexes of the tree to show, in order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Moves the selection of the focused list by `delta` (clamped).
    pub fn step(&mut self, delta: isize) {
        match self.focus {
            Focus::Layers => {
                let n = self.layer_steps().len();
                let next = (self.layer_sel as isize + delta).clamp(0, n.saturating_sub(1) as isize)
                    as usize;
                if next != self.layer_sel {
                    self.layer_sel = next;
                    self.file_sel = 0;
                    self.collapsed.clear();
                    self.refresh_tree();
                }
            }
            Focus::Files => {
                let n = match self.side {
                    Side::Tree => self.visible.len(),
                    Side::Waste => self.waste_len(),
                    Side::Advice => self.findings.len(),
                    Side::Largest => self.largest().len(),
                };
                self.file_sel = (self.file_sel as isize + delta)
                    .clamp(0, n.saturating_sub(1) as isize)
                    as usize;
            }
        }
    }

    /// The selected layer's largest files: (path, bytes), largest first.
    pub fn largest(&self) -> Vec<(String, u64)> {
        match (&self.analysis, self.selected_layer()) {
            (Some(a), Some(k)) => crate::layers::tree::largest_files(a, k, LARGEST),
            _ => Vec::new(),
        }
    }

    /// What the selected layer writes when it adds no regular file, e.g.
    /// `3 symlinks, 1 directory`; `None` when it adds files (or nothing is known yet).
    pub fn no_file_summary(&self) -> Option<String> {
        use crate::layers::EntryKind as K;
        use crate::layers::units::count;
        let entries = &self
            .analysis
            .as_ref()?
            .contents
            .get(self.selected_layer()?)?
            .entries;
        if entries.iter().any(|e| e.kind == K::File) {
            return None;
        }
        let n = |k: &[K]| entries.iter().filter(|e| k.contains(&e.kind)).count();
        let parts: Vec<String> = [
            (n(&[K::Symlink]), "symlink"),
            (n(&[K::Hardlink]), "hard link"),
            (n(&[K::Dir]), "directory"),
            (n(&[K::Whiteout, K::Opaque]), "removal"),
            (n(&[K::Other]), "device or fifo"),
        ]
        .into_iter()
        .filter(|(c, _)| *c > 0)
        .map(|(c, what)| count(c, what))
        .collect();
        Some(if parts.is_empty() {
            "this layer changes no file (a metadata step, or an empty COPY)".into()
        } else {
            format!("this layer adds no regular file: {}", parts.join(", "))
        })
    }

    pub fn waste_len(&self) -> usize {
        self.analysis
            .as_ref()
            .map(|a| a.figures.inefficient.len())
            .unwrap_or(0)
    }

    /// Collapses or expands the selected directory.
    pub fn toggle_collapse(&mut self) {
        let Some(node) = self
            .visible
            .get(self.file_sel)
            .and_then(|i| self.tree().and_then(|t| t.rows.get(*i)))
            .filter(|r| r.descendants > 0)
            .map(|r| r.node)
        else {
            return;
        };
        if !self.collapsed.remove(&node) {
            self.collapsed.insert(node);
        }
        self.refresh_tree();
    }

    pub fn toggle_sort(&mut self) {
        self.sort = if self.sort == SortBy::Size {
            SortBy::Name
        } else {
            SortBy::Size
        };
        self.refresh_tree();
    }

    pub fn toggle_scope(&mut self) {
        self.whole = !self.whole;
        self.collapsed.clear();
        self.file_sel = 0;
        self.refresh_tree();
    }
}
