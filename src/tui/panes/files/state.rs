//! State of the Files tab: the tree as it streams in (shown from the first batch), the
//! runtime user, how the walk goes, the outline (open folders, sort, filter), the selection,
//! and — once the walk is done and checked — the findings, the expectations and the entries
//! they name.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::diagnose::{Finding, Outcome};
use crate::files::expect::Checked;
use crate::files::outline::{Outline, Row};
use crate::files::rights::rights_of;
use crate::files::tree::{NodeId, Tree};
use crate::files::walk::Progress;
use crate::files::{Entry, Runtime, Via, Walked};
use crate::tui::widgets::text_input::TextInput;

/// Where the walk is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Inspecting and reading /etc/passwd and /etc/group.
    Preparing,
    Walking,
    /// Reading the paths outside the tree and running the rules.
    Checking,
    Done,
    /// Stopped by Esc (what was read stays).
    Cancelled,
    /// Could not be read at all (the message says why and what to do).
    Failed(String),
}

/// What the lower half shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The selected entry in detail.
    Detail,
    /// Every finding and expectation.
    Findings,
}

pub struct FilesState {
    /// The container (ID) and the path walked (empty until the job says which, for the
    /// profile's app dir).
    pub container: String,
    pub path: String,
    /// Walking the profile's app dir (not a path asked for with `p`).
    pub home: bool,
    pub phase: Phase,
    pub runtime: Option<Arc<Runtime>>,
    /// The tree while it grows; moved into `walked` when the walk ends.
    growing: Option<Tree>,
    pub walked: Option<Arc<Walked>>,
    pub via: Option<Via>,
    pub fallback: Option<String>,
    pub progress: Progress,
    pub outline: Outline,
    pub filter: TextInput,
    /// The path prompt (`p`).
    pub goto: TextInput,
    pub only_flagged: bool,
    pub side: Side,
    pub sel: usize,
    pub finding_sel: usize,
    pub outcomes: Vec<Outcome>,
    pub findings: Vec<Finding>,
    pub expectations: Vec<Checked>,
    /// Entries named by a finding, with the worst finding's index.
    pub flagged: HashMap<NodeId, usize>,
    rows: Vec<Row>,
    dirty: bool,
}

impl FilesState {
    pub fn new(container: String, path: Option<String>) -> FilesState {
        FilesState {
            growing: path.as_deref().map(Tree::new),
            home: path.is_none(),
            path: path.unwrap_or_default(),
            container,
            phase: Phase::Preparing,
            runtime: None,
            walked: None,
            via: None,
            fallback: None,
            progress: Progress::default(),
            outline: Outline::default(),
            filter: TextInput::filter(),
            goto: TextInput::new("path", "go"),
            only_flagged: false,
            side: Side::Detail,
            sel: 0,
            finding_sel: 0,
            outcomes: Vec::new(),
            findings: Vec::new(),
            expectations: Vec::new(),
            flagged: HashMap::new(),
            rows: Vec::new(),
            dirty: true,
        }
    }

    pub fn running(&self) -> bool {
        matches!(
            self.phase,
            Phase::Preparing | Phase::Walking | Phase::Checking
        )
    }

    pub fn tree(&self) -> Option<&Tree> {
        self.walked
            .as_ref()
            .map(|w| &w.tree)
            .or(self.growing.as_ref())
    }

    /// The runtime is known and the path settled: the tree can grow.
    pub fn prepared(&mut self, runtime: Arc<Runtime>, path: String) {
        if self.growing.as_ref().is_none_or(|t| t.root() != path) {
            self.growing = Some(Tree::new(&path));
        }
        self.path = path;
        self.runtime = Some(runtime);
        self.phase = Phase::Walking;
        self.dirty = true;
    }

    /// Adds a batch of entries as they arrived.
    pub fn add(&mut self, batch: Vec<Entry>, progress: Progress) {
        if let Some(t) = self.growing.as_mut() {
            for e in batch {
                t.insert(e);
            }
            self.dirty = true;
        }
        self.progress = progress;
        if self.phase == Phase::Preparing {
            self.phase = Phase::Walking;
        }
    }

    /// The tree as it is when the walk ends (the pane finishes it into a [`Walked`]).
    pub fn take_tree(&mut self) -> Option<Tree> {
        self.growing.take()
    }

    pub fn set_walked(&mut self, w: Arc<Walked>) {
        self.walked = Some(w);
        self.dirty = true;
    }

    /// Findings and expectations of the checked walk; entries they name are flagged.
    pub fn set_checked(
        &mut self,
        outcomes: Vec<Outcome>,
        findings: Vec<Finding>,
        expectations: Vec<Checked>,
    ) {
        self.flagged.clear();
        if let Some(w) = &self.walked {
            for (i, f) in findings.iter().enumerate() {
                for p in &f.paths {
                    if let Some(id) = w.tree.find(p.as_bytes()) {
                        self.flagged.entry(id).or_insert(i);
                    }
                }
            }
        }
        self.outcomes = outcomes;
        self.findings = findings;
        self.expectations = expectations;
        if self.phase == Phase::Checking {
            self.phase = Phase::Done;
        }
        self.dirty = true;
    }

    /// The visible rows, recomputed when something changed.
    pub fn rows(&mut self) -> &[Row] {
        if self.dirty {
            let empty = crate::files::accounts::Accounts::parse(None, None);
            let accounts = self.runtime.as_ref().map_or(&empty, |r| &r.accounts);
            let only: Option<HashSet<NodeId>> = self
                .only_flagged
                .then(|| self.flagged.keys().copied().collect());
            let tree = self
                .walked
                .as_ref()
                .map(|w| &w.tree)
                .or(self.growing.as_ref());
            self.rows = match tree {
                Some(t) => {
                    let mut o = self.outline.clone();
                    o.filter = self.filter.text().to_string();
                    o.rows(t, accounts, only.as_ref())
                }
                None => Vec::new(),
            };
            self.dirty = false;
            self.sel = self.sel.min(self.rows.len().saturating_sub(1));
        }
        &self.rows
    }

    /// The rows as last computed (views are pure: the pane refreshes before drawing).
    pub fn shown_rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn refresh(&mut self) {
        self.dirty = true;
        let _ = self.rows();
    }

    pub fn selected(&self) -> Option<NodeId> {
        self.rows.get(self.sel).map(|r| r.id)
    }

    pub fn step(&mut self, by: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.sel = (self.sel as isize + by).clamp(0, last.max(0)) as usize;
    }

    pub fn toggle_fold(&mut self) {
        if let Some(id) = self.selected() {
            self.outline.toggle(id);
            self.refresh();
        }
    }

    /// Selects `id`, opening the folders above it.
    pub fn reveal(&mut self, id: NodeId) {
        let Some(t) = self.tree() else { return };
        let mut up = Vec::new();
        let mut cur = id;
        while cur != crate::files::ROOT {
            cur = t.node(cur).parent;
            up.push(cur);
        }
        for d in up {
            self.outline.open(d);
        }
        self.refresh();
        if let Some(i) = self.rows.iter().position(|r| r.id == id) {
            self.sel = i;
        }
    }

    /// What the runtime user can do with `id` (`None` before the runtime is known).
    pub fn rights(&self, id: NodeId) -> Option<crate::files::access::Access> {
        let r = self.runtime.as_ref()?;
        let t = self.tree()?;
        let cx = crate::files::rights::Context {
            who: &r.user.id,
            mounts: &r.mounts,
            read_only_rootfs: r.read_only_rootfs,
            reach_root: self.walked.as_ref().is_none_or(|w| w.reach_root),
        };
        Some(rights_of(t, id, &cx))
    }
}
