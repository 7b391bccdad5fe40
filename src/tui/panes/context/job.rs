//! The build context screen's job: the context check (a walk of the directory, on a
//! blocking thread, stopped when the screen closes) and the `context.*` rules on it, with
//! the number of entries walked as progress.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Checked;
use crate::context::{self, Options};
use crate::diagnose::{self, Fact, Facts};
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

/// Progress is sent every this many entries.
const EVERY: u64 = 500;

pub struct CheckContext {
    pub dir: PathBuf,
    pub opts: Options,
}

/// Entries walked so far.
pub struct Walked(pub u64);

/// The report with every context rule's outcome and the findings, or why there is none.
pub struct ContextChecked(pub Result<Checked, String>);

impl Job for CheckContext {
    fn key(&self) -> JobKey {
        JobKey::new("context", self.dir.display().to_string())
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let cancel = ctx.cancel.flag();
            let report = ctx.report.clone();
            let profile = ctx.profile.clone();
            let walked = Arc::new(AtomicU64::new(0));
            let r = tokio::task::spawn_blocking(move || {
                let progress = |n: u64| {
                    if n / EVERY > walked.load(Ordering::Relaxed) / EVERY {
                        report.send(Walked(n));
                    }
                    walked.store(n, Ordering::Relaxed);
                };
                let checked = context::check(&self.dir, &self.opts, &cancel, &progress)
                    .map_err(|e| e.to_string())?;
                let checked = Arc::new(checked);
                let facts = Facts::of_context(checked.clone());
                let outcomes = diagnose::evaluate(&facts, &profile, |r| {
                    diagnose::needs_only(r, &[Fact::Context])
                });
                let findings = diagnose::findings(&outcomes);
                Ok(Checked {
                    report: checked,
                    outcomes,
                    findings,
                })
            })
            .await
            .unwrap_or_else(|e| Err(format!("the context check stopped: {e}")));
            ctx.report.send(ContextChecked(r));
        })
    }
}
