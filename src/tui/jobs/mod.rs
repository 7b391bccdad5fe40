//! Background work as jobs. A pane defines its jobs in its own folder (a type implementing
//! [`Job`]) and asks for one with `Effect::job`; the runtime runs it with a [`JobCtx`] (the
//! engine, the profile, shared caches, a cancel flag and a reporter). Every job has a
//! [`JobKey`]: starting a key cancels the job already under it. Every result goes back as
//! `Msg::Done` with the [`Ticket`] of the request it answers; results of a cancelled or
//! replaced job are dropped before the app sees them (see [`Registry`]).

mod registry;
mod shared;

use std::any::Any;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use futures_util::future::BoxFuture;
use tokio::sync::mpsc::UnboundedSender;

pub use registry::Registry;
pub use shared::Shared;

use super::msg::Msg;
use crate::engine::Engine;
use crate::profile::Profile;

/// Which pane a job works for (its results go back to it). `APP` is the app itself
/// (container actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaneId(pub u64);

impl PaneId {
    pub const APP: PaneId = PaneId(0);
}

/// What a job is about: at most one job runs under a key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobKey {
    /// What it does: `logs`, `layers`, `compare`, `stop`, …
    pub kind: &'static str,
    /// What it works on: a container ID, an image, or empty when there is one of its kind.
    pub of: String,
}

impl JobKey {
    pub fn new(kind: &'static str, of: impl Into<String>) -> JobKey {
        JobKey {
            kind,
            of: of.into(),
        }
    }
}

impl fmt::Display for JobKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.of.is_empty() {
            f.write_str(self.kind)
        } else {
            write!(f, "{} {}", self.kind, self.of)
        }
    }
}

/// Names one request: the pane it answers and a sequence number unique in the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ticket {
    pub owner: PaneId,
    pub seq: u64,
}

/// A piece of background work. `run` does the I/O; it reports through `ctx.report` and
/// should stop soon after `ctx.cancel` is set (async work is also aborted at its next await).
pub trait Job: Send + 'static {
    fn key(&self) -> JobKey;
    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()>;
}

/// Set when the job is cancelled (replaced, its pane left, the app quitting). Hand
/// [`Cancel::flag`] to blocking work that polls an `AtomicBool`.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    pub fn flag(&self) -> Arc<AtomicBool> {
        self.0.clone()
    }
}

/// Sends a job's results back to the UI, tagged with its ticket. Cheap to clone into
/// progress callbacks and worker threads.
#[derive(Debug, Clone)]
pub struct Reporter {
    ticket: Ticket,
    tx: UnboundedSender<Msg>,
}

impl Reporter {
    pub fn new(ticket: Ticket, tx: UnboundedSender<Msg>) -> Reporter {
        Reporter { ticket, tx }
    }

    pub fn ticket(&self) -> Ticket {
        self.ticket
    }

    /// Sends one result (the owning pane downcasts it to its own type). False when the UI
    /// is gone: the job should stop.
    pub fn send<T: Any + Send>(&self, result: T) -> bool {
        self.tx
            .send(Msg::Done {
                ticket: self.ticket,
                result: Box::new(result),
            })
            .is_ok()
    }
}

/// What a running job gets.
pub struct JobCtx {
    /// `None` while the engine is unreachable.
    pub engine: Option<Engine>,
    pub profile: Arc<Profile>,
    pub shared: Arc<Shared>,
    pub cancel: Cancel,
    pub report: Reporter,
}

/// What a job says when it needs the engine and there is none.
pub const OFFLINE: &str = "not connected: try again when the engine is back";

impl JobCtx {
    /// The engine, or the sentence to report when it is unreachable.
    pub fn engine(&self) -> Result<&Engine, String> {
        self.engine.as_ref().ok_or_else(|| OFFLINE.to_string())
    }

    /// The engine, or `None` after reporting `offline(why)` when it is unreachable: the
    /// opening of a job that cannot do anything without the daemon.
    pub fn engine_or<T: Any + Send>(&self, offline: impl FnOnce(String) -> T) -> Option<Engine> {
        match self.engine() {
            Ok(e) => Some(e.clone()),
            Err(why) => {
                self.report.send(offline(why));
                None
            }
        }
    }
}
