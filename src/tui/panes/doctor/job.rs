//! The Doctor's jobs: one per gatherer of the subject (`crate::gather`), each under its own
//! key, so the quick facts arrive (and their verdicts show) while the slow ones are read.

use std::sync::Arc;

use crate::diagnose::{Fact, Subject};
use crate::gather::{self, Cancel, Gathered, Gatherer};
use crate::profile::Profile;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

pub struct Gather {
    pub gatherer: Gatherer,
    pub subject: Subject,
    /// `--read-only`: the gatherers change nothing (no exec, no helper container).
    pub read_only: bool,
}

/// A fact, gathered (or why not), and the profile its rules are checked with.
pub struct Arrived(pub Gathered, pub Arc<Profile>);
/// A fact that could not even be asked for (no engine).
pub struct Missed(pub Fact, pub String);

/// The key of the job gathering `area` for `subject`.
pub fn key(area: &'static str, subject: &Subject) -> JobKey {
    let of = match subject {
        Subject::Container { id, .. } => id.as_str(),
        Subject::Image { reference } => reference.as_str(),
        Subject::Context { dir } => dir.as_str(),
        Subject::Engine { host } => host.as_str(),
    };
    JobKey::new("doctor", format!("{area} {of}"))
}

impl Job for Gather {
    fn key(&self) -> JobKey {
        key(self.gatherer.area, &self.subject)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let Some(engine) = ctx.engine_or(|why| Missed(self.gatherer.fact, why)) else {
                return;
            };
            let cancel = Cancel::from_flag(ctx.cancel.flag()).read_only(self.read_only);
            let g = gather::run_one(
                &self.gatherer,
                &engine,
                &self.subject,
                &ctx.profile,
                &cancel,
            )
            .await;
            ctx.report.send(Arrived(g, ctx.profile.clone()));
        })
    }
}
