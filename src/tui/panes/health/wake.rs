//! One timer for the Health tab: when the check has not run yet, the tab reads the container
//! again once the first probe is overdue, so "has not run once" shows without polling (on
//! Podman without systemd no probe, and so no event, ever comes).

use std::time::Duration;

use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

pub fn key(id: &str) -> JobKey {
    JobKey::new("health-wake", id)
}

/// Sleeps `after`, then says so.
pub struct Wake {
    pub id: String,
    pub after: Duration,
}

/// The time has come: read the container again.
pub struct Woke;

impl Job for Wake {
    fn key(&self) -> JobKey {
        key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            tokio::time::sleep(self.after).await;
            ctx.report.send(Woke);
        })
    }
}
