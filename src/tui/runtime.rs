//! Carrying out the app's effects: the only place (with the event loop's terminal and
//! shell) that does I/O. Jobs run as tasks under the keyed registry; their results come back
//! as messages, and `admit` drops those of jobs cancelled or replaced since.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::jobs::{Cancel, JobCtx, JobKey, PaneId, Registry, Reporter, Shared};
use super::msg::{Effect, Msg};
use crate::engine::Engine;
use crate::profile::Profile;

pub struct Runtime {
    tx: UnboundedSender<Msg>,
    profile: Arc<Profile>,
    shared: Arc<Shared>,
    registry: Registry,
}

impl Runtime {
    pub fn new(tx: UnboundedSender<Msg>, profile: Arc<Profile>) -> Runtime {
        Runtime {
            tx,
            profile,
            shared: Arc::new(Shared::default()),
            registry: Registry::new(),
        }
    }

    /// Carries out one effect. `Shell` and `Suspend` belong to the event loop (it owns the
    /// terminal); the app keeps the others to itself.
    pub fn apply(&mut self, effect: Effect, engine: Option<Engine>) {
        match effect {
            Effect::Job { owner, job } => {
                let owner = owner.unwrap_or(PaneId::APP);
                let ticket = self.registry.ticket(owner);
                let cancel = Cancel::default();
                let key = job.key();
                let ctx = JobCtx {
                    engine,
                    profile: self.profile.clone(),
                    shared: self.shared.clone(),
                    cancel: cancel.clone(),
                    report: Reporter::new(ticket, self.tx.clone()),
                };
                let run = job.run(ctx);
                let tx = self.tx.clone();
                let handle = tokio::spawn(async move {
                    run.await;
                    let _ = tx.send(Msg::Ended(ticket));
                });
                self.registry.insert(key, ticket, cancel, handle);
            }
            Effect::Cancel(key) => {
                self.registry.cancel(&key);
            }
            Effect::CancelOwner(owner) => {
                self.registry.cancel_owner(owner);
            }
            _ => {}
        }
    }

    /// Whether the app should see `msg`: results of jobs no longer current are dropped; the
    /// end of a job is recorded.
    pub fn admit(&mut self, msg: &Msg) -> bool {
        match msg {
            Msg::Done { ticket, .. } => self.registry.is_current(*ticket),
            Msg::Ended(ticket) => {
                self.registry.ended(*ticket);
                true
            }
            _ => true,
        }
    }

    /// The keys of the jobs running now.
    pub fn running(&self) -> Vec<JobKey> {
        self.registry.keys()
    }

    /// Tasks still alive, cancelled ones that have not stopped yet included.
    pub fn live_tasks(&mut self) -> usize {
        self.registry.live()
    }

    /// Cancels every job (the app is quitting).
    pub fn stop(&mut self) {
        self.registry.cancel_all();
    }
}
