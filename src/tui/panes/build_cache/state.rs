//! The Build cache tab's state and what each job's result does to it: the disk as last
//! read (kept, and said to be old, when a read fails), the registry verdicts, and the
//! prune's progress — planning, confirming, running (spinner), done or failed.

use std::any::Any;
use std::sync::Arc;

use super::job::{Checked, DiskRead, Planned, PruneEnded, PruneStarted, PruneTick, RunPrune};
use super::keys;
use crate::buildcache::prune::PruneWhat;
use crate::buildcache::pruning::{Plan, Pruned};
use crate::buildcache::{CacheFacts, CacheView, EntryKind, SortBy};
use crate::registry::RegistryFacts;
use crate::tui::keys::Act;
use crate::tui::msg::Effect;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::ellipsize;

/// Widest line of a prune's confirmation.
const PREVIEW_W: usize = 74;
/// Items a confirmation lists.
const PREVIEW_ITEMS: usize = 4;

/// Where a prune is.
#[derive(Debug, Clone, Default)]
pub enum PruneState {
    #[default]
    Idle,
    /// Working out what it would remove.
    Planning(PruneWhat),
    /// Sent to the daemon; `ticks` drive the spinner (one per 100 ms).
    Running {
        summary: String,
        ticks: u64,
    },
    Done(Box<Pruned>),
    /// What the daemon (or the connection) said.
    Failed(String),
    /// Nothing to prune (what the plan found).
    Nothing(String),
}

impl PruneState {
    pub fn busy(&self) -> bool {
        matches!(self, PruneState::Planning(_) | PruneState::Running { .. })
    }
}

#[derive(Default)]
pub struct State {
    pub facts: Option<Arc<CacheFacts>>,
    pub view: Option<CacheView>,
    pub reading: bool,
    /// Why the last read failed (what is shown is older).
    pub read_error: Option<String>,
    pub sort: SortBy,
    /// Index into the entries, group by group.
    pub selected: usize,
    pub checking: bool,
    pub registry: Option<Result<RegistryFacts, String>>,
    pub prune: PruneState,
}

impl State {
    pub fn set_facts(&mut self, f: CacheFacts) {
        self.view = Some(CacheView::from_facts(&f, self.sort));
        self.facts = Some(Arc::new(f));
        self.read_error = None;
        self.selected = self.selected.min(self.entry_count().saturating_sub(1));
    }

    pub fn entry_count(&self) -> usize {
        self.view.as_ref().map_or(0, |v| v.count)
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        if let Some(f) = &self.facts {
            self.view = Some(CacheView::from_facts(f, self.sort));
        }
    }

    /// Why `act` has nothing to do, when the disk as read says so.
    pub fn nothing_to(&self, act: Act) -> Option<String> {
        let f = self.facts.as_ref()?;
        match act {
            keys::PRUNE if f.entries.is_empty() => Some("the build cache is empty".into()),
            keys::PRUNE_LAYERS if !f.entries.iter().any(|e| e.kind == EntryKind::Layer) => {
                Some("no layer records in the build cache".into())
            }
            keys::PRUNE_IMAGES if f.dangling_images == 0 => Some("no dangling images".into()),
            keys::PRUNE_CONTAINERS if f.stopped_containers == 0 => {
                Some("no stopped containers".into())
            }
            _ => None,
        }
    }
}

/// The confirmation of a planned prune: its summary as the question, what goes and what
/// stays as the preview, the prune as the answer yes.
pub fn confirm(request: crate::buildcache::prune::PruneRequest, plan: &Plan) -> Confirm {
    let mut lines = plan.lines(PREVIEW_ITEMS);
    if let Some(first) = lines.first_mut() {
        *first = plan.description.clone();
    }
    let summary = plan.summary();
    let mut c = Confirm::new("prune", &summary)
        .preview(lines.iter().map(|l| ellipsize(l, PREVIEW_W)).collect());
    c.on_no = "prune cancelled: nothing removed".into();
    c.on_yes(vec![Effect::job(RunPrune {
        request,
        summary,
        before: plan.before.clone(),
    })])
}

/// What a job's result does to the tab; the effects it asks for.
pub fn on_result(st: &mut State, result: Box<dyn Any + Send>) -> Vec<Effect> {
    let result = match result.downcast::<DiskRead>() {
        Ok(read) => {
            st.reading = false;
            match read.0 {
                Ok(f) => st.set_facts(f),
                Err(e) => st.read_error = Some(e),
            }
            return Vec::new();
        }
        Err(r) => r,
    };
    let result = match result.downcast::<Checked>() {
        Ok(c) => {
            st.checking = false;
            st.registry = Some(c.0);
            return Vec::new();
        }
        Err(r) => r,
    };
    let result = match result.downcast::<Planned>() {
        Ok(p) => return planned(st, *p),
        Err(r) => r,
    };
    if result.is::<PruneTick>() {
        if let PruneState::Running { ticks, .. } = &mut st.prune {
            *ticks += 1;
        }
        return Vec::new();
    }
    let result = match result.downcast::<PruneStarted>() {
        Ok(s) => {
            st.prune = PruneState::Running {
                summary: s.0,
                ticks: 0,
            };
            return Vec::new();
        }
        Err(r) => r,
    };
    match result.downcast::<PruneEnded>().map(|b| *b) {
        Ok(PruneEnded::Done(p)) => {
            let line = p.line();
            match &p.after {
                Ok(after) => st.set_facts(after.clone()),
                Err(e) => st.read_error = Some(e.clone()),
            }
            st.prune = PruneState::Done(p);
            vec![Effect::info(line)]
        }
        Ok(PruneEnded::Failed { message, now }) => {
            match now {
                Some(f) => st.set_facts(*f),
                None => {
                    st.read_error =
                        Some("the disk could not be read again after the failed prune".into())
                }
            }
            st.prune = PruneState::Failed(message.clone());
            vec![Effect::error(format!("prune failed: {message}"))]
        }
        Err(_) => Vec::new(),
    }
}

fn planned(st: &mut State, p: Planned) -> Vec<Effect> {
    match p.plan {
        Ok(plan) if plan.is_empty() => {
            let why = format!("nothing to prune: no {}", plan.description);
            st.set_facts(plan.before.clone());
            st.prune = PruneState::Nothing(why.clone());
            vec![Effect::info(why)]
        }
        Ok(plan) => {
            st.set_facts(plan.before.clone());
            st.prune = PruneState::Idle;
            vec![Effect::Confirm(confirm(p.request, &plan))]
        }
        Err(e) => {
            st.prune = PruneState::Failed(format!("could not work out what to prune: {e}"));
            Vec::new()
        }
    }
}
