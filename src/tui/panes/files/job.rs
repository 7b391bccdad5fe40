//! The Files tab's jobs: `Gather` reads the runtime user, then walks the path (batches of
//! entries as they come, so the tree is on screen before the walk ends; `Esc` cancels),
//! then the few paths outside it the rules ask about; `Check` runs the files rules over
//! the finished walk, off the UI thread.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnose::{Facts, Finding, Outcome, Part, Subject, evaluate, findings};
use crate::engine::Engine;
use crate::files::expect::{Checked, check};
use crate::files::gather::{Source, ViaChoice, WalkMeta, outside, prepare, reach, walk};
use crate::files::walk::{Control, Progress};
use crate::files::wanted::Wanted;
use crate::files::{Entry, Outside, Runtime, Walked};
use crate::profile::Profile;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

/// Entries per batch, and the longest a batch waits before it is sent.
const BATCH: usize = 2048;
const BATCH_WAIT: Duration = Duration::from_millis(50);

pub fn key(container: &str) -> JobKey {
    JobKey::new("files", container)
}

pub struct Gather {
    pub container: String,
    /// `None`: the profile's app dir.
    pub path: Option<String>,
}

/// The runtime user and the path walked, or why the files cannot be read.
pub struct Prepared(pub Result<(Arc<Runtime>, String), String>);
/// Entries that arrived, and the walk's progress.
pub struct Batch(pub Vec<Entry>, pub Progress);
/// The walk ended (with why it stopped early), or could not start.
pub struct WalkEnded(pub Result<WalkMeta, String>);
/// The paths outside the tree and whether the folders above it can be entered.
pub struct OutsideRead(pub Outside, pub bool);

/// The source of a container's files on `engine`.
pub fn source(engine: &Engine, container: &str) -> Result<Box<dyn Source + Send>, String> {
    crate::files::engine_source::source(engine, container)
}

impl Job for Gather {
    fn key(&self) -> JobKey {
        key(&self.container)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let out = ctx.report.clone();
            let src = match ctx.engine().and_then(|e| source(e, &self.container)) {
                Ok(s) => s,
                Err(e) => {
                    out.send(Prepared(Err(e)));
                    return;
                }
            };
            let profile = ctx.profile.clone();
            let flag = ctx.cancel.flag();
            let path = self.path.unwrap_or_else(|| profile.app_dir.clone());
            let job = tokio::task::spawn_blocking(move || {
                gather(&*src, &path, &profile, Control::with_cancel(flag), &out)
            });
            let _ = job.await;
        })
    }
}

fn gather(
    src: &dyn Source,
    path: &str,
    profile: &Profile,
    ctl: Control,
    out: &crate::tui::jobs::Reporter,
) {
    let prepared = match prepare(src, ViaChoice::Auto) {
        Ok(p) => p,
        Err(e) => {
            out.send(Prepared(Err(e.to_string())));
            return;
        }
    };
    let runtime = Arc::new(prepared.runtime.clone());
    if !out.send(Prepared(Ok((runtime.clone(), path.to_string())))) {
        return;
    }
    let mut wanted = Wanted::new(path, &profile.files.expect);
    let mut batch = Vec::with_capacity(BATCH);
    let mut last = Instant::now();
    let meta = walk(src, &prepared, path, &ctl, &mut |e| {
        wanted.see(&e);
        batch.push(e);
        if batch.len() >= BATCH || last.elapsed() >= BATCH_WAIT {
            out.send(Batch(std::mem::take(&mut batch), ctl.progress()));
            last = Instant::now();
        }
    });
    out.send(Batch(batch, ctl.progress()));
    let ok = meta.is_ok();
    out.send(WalkEnded(meta.map_err(|e| e.to_string())));
    if ok && !ctl.is_cancelled() {
        let seen = outside(src, &prepared, &wanted.full_paths(), &wanted.exist_paths());
        out.send(OutsideRead(seen, reach(src, &prepared, path)));
    }
}

/// Runs the files rules over a finished walk.
pub struct Check {
    pub container: String,
    pub runtime: Arc<Runtime>,
    pub walked: Arc<Walked>,
}

/// The rules' outcomes, their findings, and each expectation's result.
pub struct CheckedAll(pub Vec<Outcome>, pub Vec<Finding>, pub Vec<Checked>);

impl Job for Check {
    fn key(&self) -> JobKey {
        JobKey::new("files-check", &self.container)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let out = ctx.report.clone();
            let profile = ctx.profile.clone();
            let done = tokio::task::spawn_blocking(move || {
                let mut f = Facts::new(Subject::Container {
                    id: self.container.clone(),
                    name: self.container.clone(),
                });
                f.runtime_user = Part::Ready(self.runtime.clone());
                f.app_files = Part::Ready(self.walked.clone());
                let outcomes = evaluate(&f, &profile, |r| r.id.starts_with("files."));
                let found = findings(&outcomes);
                let checked = profile
                    .files
                    .expect
                    .iter()
                    .map(|e| check(e, &self.walked))
                    .collect();
                CheckedAll(outcomes, found, checked)
            })
            .await;
            if let Ok(c) = done {
                out.send(c);
            }
        })
    }
}
