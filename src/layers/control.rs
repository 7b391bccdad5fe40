//! Progress reports and cancellation for long analyses, so a UI can show a gauge and `Esc` stops.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// What the analysis is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Image inspect and history (the quick layer list).
    Inspect,
    /// Reading the image export stream or a saved archive.
    Export,
    /// Walking overlay2 layer directories on the local disk.
    LocalWalk,
    /// Stacking layers, computing efficiency and advice.
    Analyse,
    Done,
}

impl Phase {
    /// What the phase is doing, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Phase::Inspect => "inspecting",
            Phase::Export => "reading the image export",
            Phase::LocalWalk => "walking the layer directories",
            Phase::Analyse => "computing",
            Phase::Done => "done",
        }
    }
}

impl Progress {
    /// One line: phase, bytes read (of the total when known), entries.
    pub fn line(&self) -> String {
        let bytes = match self.bytes_total {
            Some(t) if t > 0 => format!(
                "{} of {}",
                super::units::format_size(self.bytes_done),
                super::units::format_size(t)
            ),
            _ => super::units::format_size(self.bytes_done),
        };
        format!(
            "{}: {bytes} · {} entries",
            self.phase.describe(),
            self.entries_done
        )
    }
}

/// One progress report. `bytes_total` is known for archives and estimated (image size) for
/// exports; `layers_total` once the image's layer count is known.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Progress {
    pub phase: Phase,
    pub bytes_done: u64,
    pub bytes_total: Option<u64>,
    pub entries_done: u64,
    pub layers_done: usize,
    pub layers_total: Option<usize>,
}

/// Callback receiving progress reports; called from a worker thread, at most every ~4096 entries
/// or 8 MiB.
pub type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// Cancellation flag plus optional progress callback, cheap to clone into worker threads.
#[derive(Clone, Default)]
pub struct Control {
    cancel: Arc<AtomicBool>,
    progress: Option<ProgressFn>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl Control {
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses an existing flag (e.g. one the UI sets on `Esc`).
    pub fn with_cancel(mut self, flag: Arc<AtomicBool>) -> Self {
        self.cancel = flag;
        self
    }

    pub fn with_progress(mut self, f: ProgressFn) -> Self {
        self.progress = Some(f);
        self
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub(crate) fn report(&self, p: &Progress) {
        if let Some(f) = &self.progress {
            f(p);
        }
    }
}

/// Running counters of one phase, reporting through a [`Control`] now and then.
#[derive(Debug)]
pub(crate) struct Meter {
    pub p: Progress,
    counter: Option<Arc<AtomicU64>>,
    last_entries: u64,
    last_bytes: u64,
}

impl Meter {
    pub fn new(phase: Phase, bytes_total: Option<u64>, layers_total: Option<usize>) -> Self {
        Meter {
            p: Progress {
                phase,
                bytes_done: 0,
                bytes_total,
                entries_done: 0,
                layers_done: 0,
                layers_total,
            },
            counter: None,
            last_entries: 0,
            last_bytes: 0,
        }
    }

    /// A counter that a reader adds its bytes to; reports then take `bytes_done` from it.
    pub fn byte_counter(&mut self) -> Arc<AtomicU64> {
        let c = Arc::new(AtomicU64::new(0));
        self.counter = Some(c.clone());
        c
    }

    pub fn entry(&mut self, ctl: &Control) {
        self.p.entries_done += 1;
        self.maybe_report(ctl);
    }

    pub fn layer_done(&mut self, ctl: &Control) {
        self.p.layers_done += 1;
        if let Some(c) = &self.counter {
            self.p.bytes_done = c.load(Ordering::Relaxed);
        }
        ctl.report(&self.p);
    }

    fn maybe_report(&mut self, ctl: &Control) {
        if let Some(c) = &self.counter {
            self.p.bytes_done = c.load(Ordering::Relaxed);
        }
        if self.p.entries_done - self.last_entries >= 4096
            || self.p.bytes_done - self.last_bytes >= 8 << 20
        {
            self.last_entries = self.p.entries_done;
            self.last_bytes = self.p.bytes_done;
            ctl.report(&self.p);
        }
    }
}
