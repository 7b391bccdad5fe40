//! The Health tab's jobs, each under its own key (leaving the tab cancels them all):
//! `health-load` — the inspect, the image's config and the recorded history, together;
//! `health-tools` — which of curl, wget, python and sh the container has;
//! `health-capture` — while the tab is open, every probe from the event stream (one inspect
//! after each, to take its output before the daemon's ring of 5 drops it).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::StreamExt;

use crate::engine::Engine;
use crate::envcheck::{Masker, container_masker};
use crate::health::capture::{Pairing, Step, Watched};
use crate::health::events::{capture_event, filter};
use crate::health::gather::{RECORDED_LIMIT, engine_key, recorded, snapshot, tools, traits};
use crate::health::inspect::{ProbeContext, probe_context, snapshot as snapshot_of};
use crate::health::snapshot::Snapshot;
use crate::health::store::path;
use crate::health::time::{Clock, host_now, nanos_of};
use crate::health::{Probe, Tools};
use crate::profile::Profile;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

use super::model::Model;

pub fn load_key(id: &str) -> JobKey {
    JobKey::new("health-load", id)
}
pub fn tools_key(id: &str) -> JobKey {
    JobKey::new("health-tools", id)
}
pub fn capture_key(id: &str) -> JobKey {
    JobKey::new("health-capture", id)
}

/// Reads the container, its image and the store.
pub struct Load {
    pub id: String,
}

/// What the tab opens with.
pub struct Opened {
    pub model: Model,
    pub snapshot: Snapshot,
    pub context: ProbeContext,
    pub profile: Arc<Profile>,
    /// Why the recorded history is missing, if the store could not be read.
    pub store_note: Option<String>,
    /// When the inspect was asked for: the capture replays the events from there.
    pub since: SystemTime,
    /// What masks the outputs: the profile's patterns and the container's secret values.
    pub masker: Masker,
}

pub struct Loaded(pub Result<Box<Opened>, String>);

/// What the tab opens with, read as the `health-load` job reads it: the inspect and the
/// image's config, the engine's key and the recorded history of `store`, together; then
/// the model. (Public for the benchmark that times it.)
pub async fn open(
    engine: &Engine,
    id: &str,
    profile: Arc<Profile>,
    store: Option<PathBuf>,
) -> Result<Opened, String> {
    let since = SystemTime::now() - Duration::from_secs(2);
    let recorded_of = async {
        let key = engine_key(engine).await;
        let Some(path) = store else {
            return Ok(None);
        };
        let id = id.to_string();
        tokio::task::spawn_blocking(move || recorded(&path, &key, &id, RECORDED_LIMIT))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())
    };
    let (inspected, rec) = tokio::join!(snapshot(engine, id, true), recorded_of);
    let (details, snap) = inspected.map_err(|e| e.to_string())?;
    let (rec, store_note) = match rec {
        Ok(r) => (r, None),
        Err(e) => (None, Some(e)),
    };
    let facts = snap.facts(snap.history(rec), None, Some(traits(engine)));
    let masker = container_masker(&details, &profile);
    let model = Model::new(&snap.id, &snap.name, facts.masked(&masker), &profile);
    Ok(Opened {
        masker,
        model,
        snapshot: snap,
        context: probe_context(&details),
        profile,
        store_note,
        since,
    })
}

impl Job for Load {
    fn key(&self) -> JobKey {
        load_key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let r = match ctx.engine() {
                Ok(e) => {
                    let store = path::default_from_env();
                    open(e, &self.id, ctx.profile.clone(), store).await
                }
                Err(e) => Err(e),
            };
            ctx.report.send(Loaded(r.map(Box::new)));
        })
    }
}

/// Looks for the probe tools in the container.
pub struct FindTools {
    pub id: String,
}

pub struct ToolsFound(pub Result<Tools, String>);

impl Job for FindTools {
    fn key(&self) -> JobKey {
        tools_key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let r = match ctx.engine() {
                Ok(e) => tools(e, &self.id).await,
                Err(e) => Err(e),
            };
            ctx.report.send(ToolsFound(r));
        })
    }
}

/// Follows the container's probes while the tab is open.
pub struct Capture {
    pub id: String,
    pub watched: Option<Watched>,
    pub since: SystemTime,
}

/// A probe finished (or the container restarted): what one inspect then said, and the
/// probe as its events told it.
pub struct Captured {
    pub snapshot: Snapshot,
    pub probe: Option<Probe>,
}

/// The container was removed, or the stream ended (why).
pub struct CaptureEnded(pub String);

impl Job for Capture {
    fn key(&self) -> JobKey {
        capture_key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let out = &ctx.report;
            let Some(engine) = ctx.engine_or(CaptureEnded) else {
                return;
            };
            let mut pairing = Pairing::new();
            pairing.watch(&self.id, self.watched.clone());
            let f = filter(std::slice::from_ref(&self.id), Some(self.since));
            let mut events = Box::pin(engine.events(&f));
            let mut clock = Clock::at(host_now());
            let inspect =
                async |probe: Option<Probe>| match engine.container_details(&self.id).await {
                    Ok(d) => out.send(Captured {
                        snapshot: snapshot_of(&d, None),
                        probe,
                    }),
                    Err(e) if e.is_not_found() => false,
                    Err(_) => true,
                };
            loop {
                clock.host_now = host_now();
                let wait = pairing
                    .next_deadline()
                    .map(|d| crate::health::time::duration(d - clock.daemon_now()))
                    .unwrap_or(Duration::from_secs(3600));
                let steps = tokio::select! {
                    ev = events.next() => match ev {
                        Some(Ok(e)) => {
                            clock.host_now = host_now();
                            clock.observe(nanos_of(e.time));
                            capture_event(&e).and_then(|c| pairing.on_event(c)).into_iter().collect()
                        }
                        Some(Err(e)) => {
                            out.send(CaptureEnded(e.to_string()));
                            return;
                        }
                        None => {
                            out.send(CaptureEnded("the engine closed the event stream".into()));
                            return;
                        }
                    },
                    _ = tokio::time::sleep(wait) => {
                        clock.host_now = host_now();
                        pairing.overdue(clock.daemon_now())
                    }
                };
                for step in steps {
                    let sent = match step {
                        Step::Inspect { exec } => inspect(Some(exec.probe())).await,
                        Step::Restarted { .. } => inspect(None).await,
                        Step::Removed { .. } => {
                            out.send(CaptureEnded(
                                "the container was removed: this is what was known".into(),
                            ));
                            return;
                        }
                        Step::Transition { .. } => true,
                    };
                    if !sent {
                        return;
                    }
                }
            }
        })
    }
}
