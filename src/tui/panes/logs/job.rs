//! The Logs tab's job: a container's last lines, then following, in batches.

use futures_util::StreamExt;

use crate::engine::logs::LogLine;
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

impl Job for Follow {
    fn key(&self) -> JobKey {
        key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let out = &ctx.report;
            let engine = match ctx.engine() {
                Ok(e) => e.clone(),
                Err(e) => {
                    out.send(Ended(e));
                    return;
                }
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
