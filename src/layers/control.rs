//! Progress reports and cancellation for long analyses, so a UI can show a gauge and `Esc` stops.

use std::io::{self, Read};
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

/// Running counters of one phase, reporting through a [`Control`] now and then: every 4096
/// entries or 8 MiB read, whichever comes first. Bytes are counted by a [`Counting`] reader as
/// they pass, so the report moves inside a large file too, not only between entries.
#[derive(Debug)]
pub(crate) struct Meter {
    pub p: Progress,
    shared: Arc<Counters>,
    counted: bool,
    last_entries: u64,
}

/// What a [`Meter`] and its [`Counting`] reader both see.
#[derive(Debug, Default)]
struct Counters {
    bytes: AtomicU64,
    entries: AtomicU64,
    layers: AtomicU64,
    /// `bytes` at the last report.
    reported_bytes: AtomicU64,
}

/// Bytes between two reports.
const REPORT_BYTES: u64 = 8 << 20;
/// Entries between two reports.
const REPORT_ENTRIES: u64 = 4096;

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
            shared: Arc::default(),
            counted: false,
            last_entries: 0,
        }
    }

    /// Wraps the stream the phase reads: its bytes become `bytes_done`, a report goes out each
    /// 8 MiB, and a cancel stops the read.
    pub fn counting<R>(&mut self, inner: R, ctl: &Control) -> Counting<R> {
        self.counted = true;
        Counting {
            inner,
            ctl: ctl.clone(),
            shared: self.shared.clone(),
            base: self.p.clone(),
        }
    }

    pub fn entry(&mut self, ctl: &Control) {
        self.p.entries_done += 1;
        self.shared
            .entries
            .store(self.p.entries_done, Ordering::Relaxed);
        self.sync_bytes();
        if self.p.entries_done - self.last_entries >= REPORT_ENTRIES {
            self.report(ctl);
        } else if self.counted {
            report_if_due(&self.shared, &self.p, ctl);
        }
    }

    pub fn layer_done(&mut self, ctl: &Control) {
        self.p.layers_done += 1;
        self.shared
            .layers
            .store(self.p.layers_done as u64, Ordering::Relaxed);
        self.sync_bytes();
        self.report(ctl);
    }

    fn report(&mut self, ctl: &Control) {
        self.last_entries = self.p.entries_done;
        self.shared
            .reported_bytes
            .store(self.p.bytes_done, Ordering::Relaxed);
        ctl.report(&self.p);
    }

    fn sync_bytes(&mut self) {
        if self.counted {
            self.p.bytes_done = self.shared.bytes.load(Ordering::Relaxed);
        }
    }
}

/// Reports when 8 MiB passed since the last report; `base` gives phase and totals.
fn report_if_due(c: &Counters, base: &Progress, ctl: &Control) {
    let bytes = c.bytes.load(Ordering::Relaxed);
    if bytes.saturating_sub(c.reported_bytes.load(Ordering::Relaxed)) < REPORT_BYTES {
        return;
    }
    c.reported_bytes.store(bytes, Ordering::Relaxed);
    let layers = c.layers.load(Ordering::Relaxed);
    ctl.report(&Progress {
        bytes_done: bytes,
        entries_done: c.entries.load(Ordering::Relaxed),
        layers_done: usize::try_from(layers).unwrap_or(usize::MAX),
        ..base.clone()
    });
}

/// A reader that counts what passes into its [`Meter`], reports each 8 MiB on its own (so a
/// large entry read in one go still moves the progress) and fails once the analysis is
/// cancelled (so a cancel does not wait for the end of a large entry).
pub(crate) struct Counting<R> {
    inner: R,
    ctl: Control,
    shared: Arc<Counters>,
    /// Phase and totals for the reports made from inside a read.
    base: Progress,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ctl.is_cancelled() {
            return Err(io::Error::other(super::tarwalk::CANCELLED));
        }
        let n = self.inner.read(buf)?;
        self.shared.bytes.fetch_add(n as u64, Ordering::Relaxed);
        report_if_due(&self.shared, &self.base, &self.ctl);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_large_read_reports_as_its_bytes_pass_and_stops_on_cancel() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let ctl = Control::new().with_progress(Arc::new(move |p: &Progress| {
            if let Ok(mut v) = s.lock() {
                v.push(p.bytes_done);
            }
        }));
        let mut m = Meter::new(Phase::Export, Some(40 << 20), None);
        let mut r = m.counting(io::repeat(0).take(40 << 20), &ctl);
        let copied = io::copy(&mut r, &mut io::sink()).unwrap_or(0);
        assert_eq!(copied, 40 << 20);
        let got = seen.lock().map(|v| v.clone()).unwrap_or_default();
        assert!(got.len() >= 4, "{got:?}");
        assert!(got.windows(2).all(|w| w[0] < w[1]), "{got:?}");
        m.entry(&ctl);
        assert_eq!(m.p.bytes_done, 40 << 20);
        ctl.cancel();
        let mut buf = [0u8; 8];
        assert!(r.read(&mut buf).is_err());
    }
}
