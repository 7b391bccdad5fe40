//! The container list's failing streaks (`health-streaks`, a job of the list): one inspect
//! of each running container with a health check, then the event stream alone keeps the
//! counts current (no polling, no inspect per probe; one on a start or a status change).

use std::time::{Duration, SystemTime};

use futures_util::StreamExt;

use crate::engine::Engine;
use crate::health::events::{capture_event, filter};
use crate::health::gather::snapshot;
use crate::health::streak::{Change, Streaks};
use crate::health::time::{Clock, duration, host_now, nanos_of};
use crate::model::Health;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

pub fn key() -> JobKey {
    JobKey::new("health-streaks", "")
}

pub struct Follow;

/// Streaks that changed (`None`: the container no longer has one).
pub struct Streak(pub Vec<(String, Option<u32>)>);

async fn seed(engine: &Engine, s: &mut Streaks, id: &str) -> (String, Option<u32>) {
    let got = match snapshot(engine, id, false).await {
        Ok((_, snap)) => s.seed(&snap),
        Err(_) => None,
    };
    (id.to_string(), got)
}

impl Job for Follow {
    fn key(&self) -> JobKey {
        key()
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let Ok(engine) = ctx.engine().cloned() else {
                return;
            };
            let since = SystemTime::now() - Duration::from_secs(2);
            let mut events = Box::pin(engine.events(&filter(&[], Some(since))));
            let Ok(list) = engine.containers(true).await else {
                return;
            };
            let mut s = Streaks::new();
            let mut first = Vec::new();
            for c in list
                .iter()
                .filter(|c| c.state.is_up() && c.health != Health::None)
            {
                first.push(seed(&engine, &mut s, &c.id).await);
            }
            if !ctx.report.send(Streak(first)) {
                return;
            }
            let mut clock = Clock::at(host_now());
            loop {
                clock.host_now = host_now();
                let wait = s
                    .next_deadline()
                    .map(|d| duration(d - clock.daemon_now()))
                    .unwrap_or(Duration::from_secs(3600));
                let changes = tokio::select! {
                    ev = events.next() => match ev {
                        Some(Ok(e)) => {
                            clock.host_now = host_now();
                            clock.observe(nanos_of(e.time));
                            capture_event(&e).map(|c| s.on_event(c)).unwrap_or_default()
                        }
                        // The stream ends with the connection; the list starts this job again.
                        _ => return,
                    },
                    _ = tokio::time::sleep(wait) => {
                        clock.host_now = host_now();
                        s.overdue(clock.daemon_now())
                    }
                };
                let mut out = Vec::new();
                for c in changes {
                    match c {
                        Change::Streak(id, n) => out.push((id, n)),
                        Change::Inspect(id) => out.push(seed(&engine, &mut s, &id).await),
                    }
                }
                if !out.is_empty() && !ctx.report.send(Streak(out)) {
                    return;
                }
            }
        })
    }
}
