//! `docktor record`'s work on one engine, for as long as it runs: connect, list every
//! container and take what the daemon holds (its log of 5 each), then follow the event
//! stream — one inspect after each probe, before the daemon's ring drops its output — into
//! the store. When the engine goes away it says so, retries, and on its return takes again
//! what the daemon still holds, so nothing it kept is missed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use futures_util::StreamExt;

use crate::engine::host::Target;
use crate::engine::{Engine, EngineError};
use crate::model::image_config::ImageConfig;

use super::capture::Step;
use super::events::{capture_event, filter};
use super::inspect::{needs_image, snapshot as snapshot_of};
use super::probe::Probe;
use super::recorder::Recorder;
use super::store::{EngineRef, Retention, Store, StoreError};
use super::time::{Clock, Nanos, SECOND, host_now, nanos_of};

/// Pause between attempts to reach an engine that went away.
pub const RETRY: Duration = Duration::from_secs(2);
/// How often retention is applied (and once at each connection).
pub const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// What a follower tells the person running `docktor record`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Connected (first time, `after` = None) or back after an outage: what it found.
    Following {
        engine: String,
        after: Option<Duration>,
        containers: usize,
        checks: usize,
        stored: usize,
    },
    /// The engine cannot be reached (at start) or went away; retrying every [`RETRY`].
    Lost { engine: String, reason: String },
    /// A probe written (with `--verbose`).
    Probe {
        engine: String,
        container: String,
        probe: Probe,
    },
    /// Something went wrong that recording goes on after (a full disk, a failed inspect).
    Trouble { engine: String, message: String },
}

/// One engine to follow.
pub struct Follower {
    pub target: Target,
    pub store: PathBuf,
    pub keep: Retention,
    pub verbose: bool,
    /// Probes written, all followers together.
    pub written: Arc<AtomicU64>,
}

enum End {
    Engine(EngineError),
    Store(StoreError),
}

impl Follower {
    /// Follows until the store can no longer be used (the error) or the task is dropped.
    pub async fn run(self, say: impl Fn(Report)) -> Result<(), StoreError> {
        let mut rec: Option<(String, Recorder)> = None;
        let mut lost: Option<(Instant, String)> = None;
        let mut since: Option<Nanos> = None;
        let mut first = true;
        loop {
            let engine = match Engine::connect(&self.target).await {
                Ok(e) => e,
                Err(e) => {
                    // Said once per outage.
                    if lost.is_none() {
                        say(Report::Lost {
                            engine: self.target.uri.clone(),
                            reason: e.to_string(),
                        });
                        lost = Some((Instant::now(), e.to_string()));
                    }
                    tokio::time::sleep(RETRY).await;
                    continue;
                }
            };
            let label = engine.info.to_string();
            let key = super::gather::engine_key(&engine).await;
            if rec.as_ref().is_none_or(|(k, _)| *k != key) {
                let r = EngineRef {
                    key: key.clone(),
                    uri: engine.info.uri.clone(),
                    label: label.clone(),
                };
                rec = Some((key.clone(), Recorder::new(Store::open(&self.store)?, &r)?));
            }
            let Some((_, r)) = rec.as_mut() else {
                continue;
            };
            let after = if first {
                None
            } else {
                lost.as_ref().map(|(t, _)| t.elapsed())
            };
            first = false;
            let mut s = Session {
                engine: &engine,
                rec: r,
                follower: &self,
                say: &say,
                label: label.clone(),
                images: HashMap::new(),
                names: HashMap::new(),
                clock: Clock::at(host_now()),
            };
            let end = s.run(after, &mut since).await;
            match end {
                End::Store(e) => return Err(e),
                End::Engine(e) => {
                    say(Report::Lost {
                        engine: label,
                        reason: e.to_string(),
                    });
                    lost = Some((Instant::now(), e.to_string()));
                }
            }
            tokio::time::sleep(RETRY / 2).await;
        }
    }
}

struct Session<'a, F: Fn(Report)> {
    engine: &'a Engine,
    rec: &'a mut Recorder,
    follower: &'a Follower,
    say: &'a F,
    label: String,
    /// Image configs by image ID (read once: probes of 50 containers every 5 s would
    /// otherwise ask for them 10 times a second).
    images: HashMap<String, Option<ImageConfig>>,
    names: HashMap<String, String>,
    clock: Clock,
}

impl<F: Fn(Report)> Session<'_, F> {
    async fn run(&mut self, after: Option<Duration>, since: &mut Option<Nanos>) -> End {
        // Replay from the last event seen (an outage of the connection only) or from just
        // before the list, so nothing between the two is missed.
        let now = host_now();
        let from = since
            .filter(|s| now - *s < 300 * SECOND)
            .unwrap_or(now - 2 * SECOND);
        let at = SystemTime::UNIX_EPOCH + super::time::duration(from);
        let mut events = Box::pin(self.engine.events(&filter(&[], Some(at))));
        let list = match self.engine.containers(true).await {
            Ok(l) => l,
            Err(e) => return End::Engine(e),
        };
        let before = self.rec.written;
        for c in &list {
            if let Err(end) = self.record(&c.id, None).await {
                return end;
            }
        }
        let checks = list.iter().filter(|c| self.rec.follows(&c.id)).count();
        (self.say)(Report::Following {
            engine: self.label.clone(),
            after,
            containers: list.len(),
            checks,
            stored: (self.rec.written - before) as usize,
        });
        let mut prune = tokio::time::interval(PRUNE_EVERY);
        loop {
            self.clock.host_now = host_now();
            let wait = self
                .rec
                .next_deadline()
                .map(|d| super::time::duration(d - self.clock.daemon_now()))
                .unwrap_or(Duration::from_secs(3600));
            tokio::select! {
                ev = events.next() => match ev {
                    Some(Ok(e)) => {
                        let t = nanos_of(e.time);
                        *since = Some(t);
                        self.clock.host_now = host_now();
                        self.clock.observe(t);
                        let Some(ce) = capture_event(&e) else { continue };
                        let step = match self.rec.on_event(ce, host_now()) {
                            Ok(s) => s,
                            Err(e) => match self.trouble(e) { Ok(()) => None, Err(end) => return end },
                        };
                        let r = match step {
                            Some(Step::Inspect { exec }) => self.record(&exec.container, Some(exec.probe())).await,
                            Some(Step::Restarted { container, .. }) => self.record(&container, None).await,
                            _ => Ok(()),
                        };
                        if let Err(end) = r { return end; }
                    }
                    Some(Err(e)) => return End::Engine(e),
                    None => return End::Engine(EngineError::Api {
                        doing: "watch events".into(),
                        message: "the engine closed the event stream".into(),
                    }),
                },
                _ = tokio::time::sleep(wait) => {
                    self.clock.host_now = host_now();
                    for step in self.rec.overdue(self.clock.daemon_now()) {
                        if let Step::Inspect { exec } = step
                            && let Err(end) = self.record(&exec.container, Some(exec.probe())).await
                        {
                            return end;
                        }
                    }
                }
                _ = prune.tick() => {
                    if let Err(e) = self.rec.prune(self.follower.keep, host_now())
                        && let Err(end) = self.trouble(e)
                    {
                        return end;
                    }
                }
            }
        }
    }

    /// One inspect of `id`, merged (with the probe its events told, if any) into the store.
    async fn record(&mut self, id: &str, probe: Option<Probe>) -> Result<(), End> {
        let d = match self.engine.container_details(id).await {
            Ok(d) => d,
            // Removed meanwhile: its `destroy` event follows.
            Err(e) if e.is_not_found() => return Ok(()),
            Err(e) if e.is_connection() => return Err(End::Engine(e)),
            Err(e) => {
                (self.say)(Report::Trouble {
                    engine: self.label.clone(),
                    message: e.to_string(),
                });
                return Ok(());
            }
        };
        let image = if needs_image(&d) {
            if !self.images.contains_key(&d.image_id) {
                let cfg = self.engine.image_config(&d.image_id).await.ok();
                self.images.insert(d.image_id.clone(), cfg);
            }
            self.images.get(&d.image_id).cloned().flatten()
        } else {
            None
        };
        let snap = snapshot_of(&d, image.as_ref());
        self.names.insert(d.id.clone(), d.name.clone());
        match self.rec.on_snapshot(&snap, probe, host_now()) {
            Ok(written) => {
                self.follower
                    .written
                    .fetch_add(written.len() as u64, Ordering::Relaxed);
                if self.follower.verbose {
                    for p in written {
                        (self.say)(Report::Probe {
                            engine: self.label.clone(),
                            container: d.name.clone(),
                            probe: p,
                        });
                    }
                }
                Ok(())
            }
            Err(e) => self.trouble(e),
        }
    }

    /// A store error: said and survived when it is transient (a full disk, a lock held too
    /// long), the end otherwise.
    fn trouble(&self, e: StoreError) -> Result<(), End> {
        if !e.is_transient() {
            return Err(End::Store(e));
        }
        (self.say)(Report::Trouble {
            engine: self.label.clone(),
            message: e.to_string(),
        });
        Ok(())
    }
}
