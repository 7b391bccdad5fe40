//! The Logs tab's jobs: the container's secret values learnt from its inspect (first, so
//! that no line ever shows unmasked), then its last lines and following, in batches.

use futures_util::StreamExt;

use crate::engine::logs::LogLine;
use crate::envcheck::{Masker, container_masker};
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

/// Log lines fetched when a container is opened.
pub const LOG_TAIL: usize = 500;

/// Follows the logs of one container until cancelled or the stream ends.
pub struct Follow {
    pub id: String,
}

/// Lines that arrived.
pub struct Lines(pub Vec<LogLine>);

/// The stream ended, and why.
pub struct Ended(pub String);

pub fn key(id: &str) -> JobKey {
    JobKey::new("logs", id)
}

pub fn secrets_key(id: &str) -> JobKey {
    JobKey::new("logs-secrets", id)
}

/// Learns the container's secret values (its inspect's environment).
pub struct Secrets {
    pub id: String,
}

/// What masks the lines: the container's secrets learnt, or the patterns alone (and why
/// the environment could not be read).
pub struct Learnt(pub Masker, pub Option<String>);

impl Job for Secrets {
    fn key(&self) -> JobKey {
        secrets_key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let learnt = match ctx.engine() {
                Ok(e) => match e.container_details(&self.id).await {
                    Ok(d) => Learnt(container_masker(&d, &ctx.profile), None),
                    Err(e) => Learnt(Masker::new(&ctx.profile), Some(e.to_string())),
                },
                Err(e) => Learnt(Masker::new(&ctx.profile), Some(e)),
            };
            ctx.report.send(learnt);
        })
    }
}

impl Job for Follow {
    fn key(&self) -> JobKey {
        key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let out = &ctx.report;
            let Some(engine) = ctx.engine_or(Ended) else {
                return;
            };
            let mut s = Box::pin(engine.logs(&self.id, LOG_TAIL, true).ready_chunks(256));
            while let Some(batch) = s.next().await {
                let mut lines = Vec::with_capacity(batch.len());
                for item in batch {
                    match item {
                        Ok(l) => lines.push(l),
                        Err(e) => {
                            out.send(Lines(lines));
                            out.send(Ended(e.to_string()));
                            return;
                        }
                    }
                }
                if !out.send(Lines(lines)) {
                    return;
                }
            }
            out.send(Ended("log stream ended (container stopped)".into()));
        })
    }
}
