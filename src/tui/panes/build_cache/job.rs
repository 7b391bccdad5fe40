//! The Build cache tab's jobs: read the disk (`/system/df`), ask the daemon to reach the
//! registries, plan a prune (nothing deleted), and run one — with a tick every 100 ms for
//! the spinner while the daemon works, and the disk read again afterwards.

use std::time::Duration;

use crate::buildcache::prune::PruneRequest;
use crate::buildcache::pruning::{self, Plan, Pruned};
use crate::buildcache::{CacheFacts, facts};
use crate::registry::{self, RegistryFacts};
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

/// How often a running prune ticks the spinner.
pub const TICK: Duration = Duration::from_millis(100);

/// Reads the disk.
pub struct ReadDisk;
/// The disk's facts, or why they could not be read.
pub struct DiskRead(pub Result<CacheFacts, String>);

impl Job for ReadDisk {
    fn key(&self) -> JobKey {
        JobKey::new("build cache", "")
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let r = match ctx.engine() {
                Ok(e) => facts::read(e)
                    .await
                    .map(|(_, f)| f)
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            ctx.report.send(DiskRead(r));
        })
    }
}

/// Asks the daemon to reach the profile's base image's registry and those `image`'s
/// history names.
pub struct CheckRegistries {
    pub image: Option<String>,
}
/// The verdicts and the daemon's settings, or why the daemon could not be asked.
pub struct Checked(pub Result<RegistryFacts, String>);

impl Job for CheckRegistries {
    fn key(&self) -> JobKey {
        JobKey::new("registries", self.image.clone().unwrap_or_default())
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let Some(engine) = ctx.engine_or(|e| Checked(Err(e))) else {
                return;
            };
            let targets = match &self.image {
                Some(image) => registry::targets_for_image(&engine, image, &ctx.profile).await,
                None => {
                    let mut t = registry::Targets::default();
                    t.add(&ctx.profile.base_image, "profile base_image");
                    t
                }
            };
            let r = registry::check(&engine, targets.list(), registry::DEFAULT_TIMEOUT)
                .await
                .map_err(|e| e.to_string());
            ctx.report.send(Checked(r));
        })
    }
}

/// Works out what a prune would remove.
pub struct PlanPrune(pub PruneRequest);
/// The plan (for the confirmation) of `request`, or why there is none.
pub struct Planned {
    pub request: PruneRequest,
    pub plan: Result<Plan, String>,
}

impl Job for PlanPrune {
    fn key(&self) -> JobKey {
        JobKey::new("prune plan", "")
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let r = match ctx.engine() {
                Ok(e) => pruning::plan(e, &self.0).await.map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            ctx.report.send(Planned {
                request: self.0,
                plan: r,
            });
        })
    }
}

/// Runs a confirmed prune.
pub struct RunPrune {
    pub request: PruneRequest,
    /// The plan's summary, shown beside the spinner.
    pub summary: String,
    pub before: CacheFacts,
}
/// The prune has been sent to the daemon.
pub struct PruneStarted(pub String);
/// The spinner's next frame.
pub struct PruneTick;
/// What the prune freed and the disk after it; or what the daemon said, with the disk as
/// it is after the failure (when it can be read).
pub enum PruneEnded {
    Done(Box<Pruned>),
    Failed {
        message: String,
        now: Option<Box<CacheFacts>>,
    },
}

impl Job for RunPrune {
    fn key(&self) -> JobKey {
        JobKey::new("prune", "")
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let Some(engine) = ctx.engine_or(|e| PruneEnded::Failed {
                message: e,
                now: None,
            }) else {
                return;
            };
            ctx.report.send(PruneStarted(self.summary.clone()));
            let work = pruning::run(&engine, &self.request, self.before.clone());
            tokio::pin!(work);
            let mut tick = tokio::time::interval(TICK);
            tick.tick().await;
            let result = loop {
                tokio::select! {
                    r = &mut work => break r,
                    _ = tick.tick() => {
                        if !ctx.report.send(PruneTick) {
                            return;
                        }
                    }
                }
            };
            let ended = match result {
                Ok(done) => PruneEnded::Done(Box::new(done)),
                Err(e) => PruneEnded::Failed {
                    message: e.to_string(),
                    now: facts::read(&engine).await.ok().map(|(_, f)| Box::new(f)),
                },
            };
            ctx.report.send(ended);
        })
    }
}
