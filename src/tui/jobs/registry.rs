//! The keyed task registry: which job runs under which key, for which pane, with which
//! ticket. Starting a key cancels the job already under it; a pane's jobs can be cancelled
//! together; only the current ticket of a key is answered, so results of cancelled or
//! replaced jobs are dropped.

use std::collections::HashMap;

use tokio::task::JoinHandle;

use super::{Cancel, JobKey, PaneId, Ticket};

struct Running {
    ticket: Ticket,
    cancel: Cancel,
    handle: JoinHandle<()>,
}

#[derive(Default)]
pub struct Registry {
    seq: u64,
    jobs: HashMap<JobKey, Running>,
    /// Cancelled tasks not yet finished (blocking work stops at its next check).
    stopping: Vec<JoinHandle<()>>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// A fresh ticket for a request of `owner`.
    pub fn ticket(&mut self, owner: PaneId) -> Ticket {
        self.seq += 1;
        Ticket {
            owner,
            seq: self.seq,
        }
    }

    /// Records a started job; the job already under `key`, if any, is cancelled.
    pub fn insert(&mut self, key: JobKey, ticket: Ticket, cancel: Cancel, handle: JoinHandle<()>) {
        if let Some(old) = self.jobs.insert(
            key,
            Running {
                ticket,
                cancel,
                handle,
            },
        ) {
            self.stop(old);
        }
    }

    fn stop(&mut self, r: Running) {
        r.cancel.cancel();
        r.handle.abort();
        self.stopping.push(r.handle);
    }

    /// Cancels the job under `key`; false when none ran.
    pub fn cancel(&mut self, key: &JobKey) -> bool {
        match self.jobs.remove(key) {
            Some(r) => {
                self.stop(r);
                true
            }
            None => false,
        }
    }

    /// Cancels every job of `owner`; returns how many.
    pub fn cancel_owner(&mut self, owner: PaneId) -> usize {
        let keys: Vec<JobKey> = self
            .jobs
            .iter()
            .filter(|(_, r)| r.ticket.owner == owner)
            .map(|(k, _)| k.clone())
            .collect();
        for k in &keys {
            self.cancel(k);
        }
        keys.len()
    }

    pub fn cancel_all(&mut self) {
        let keys: Vec<JobKey> = self.jobs.keys().cloned().collect();
        for k in &keys {
            self.cancel(k);
        }
    }

    /// True while `ticket` is the request its key answers now: its results are wanted.
    pub fn is_current(&self, ticket: Ticket) -> bool {
        self.jobs.values().any(|r| r.ticket == ticket)
    }

    /// The job of `ticket` returned (its results are all sent): forget it.
    pub fn ended(&mut self, ticket: Ticket) {
        self.jobs.retain(|_, r| r.ticket != ticket);
    }

    /// The keys with a job running, in order.
    pub fn keys(&self) -> Vec<JobKey> {
        let mut k: Vec<JobKey> = self.jobs.keys().cloned().collect();
        k.sort();
        k
    }

    /// Tasks still alive: running jobs plus cancelled ones that have not stopped yet.
    pub fn live(&mut self) -> usize {
        self.stopping.retain(|h| !h.is_finished());
        self.stopping.len()
            + self
                .jobs
                .values()
                .filter(|r| !r.handle.is_finished())
                .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn sleeper(reg: &mut Registry, owner: u64, kind: &'static str, of: &str) -> (Ticket, Cancel) {
        let t = reg.ticket(PaneId(owner));
        let c = Cancel::default();
        let h = tokio::spawn(tokio::time::sleep(Duration::from_secs(600)));
        reg.insert(JobKey::new(kind, of), t, c.clone(), h);
        (t, c)
    }

    async fn settle(reg: &mut Registry) -> usize {
        for _ in 0..50 {
            if reg.live() == 0 {
                return 0;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        reg.live()
    }

    #[tokio::test]
    async fn a_new_job_under_a_key_cancels_the_old_one() {
        let mut reg = Registry::new();
        let (t1, c1) = sleeper(&mut reg, 1, "logs", "a");
        let (t2, c2) = sleeper(&mut reg, 1, "logs", "a");
        assert!(c1.is_cancelled() && !c2.is_cancelled());
        assert!(!reg.is_current(t1), "the old ticket is stale");
        assert!(reg.is_current(t2));
        assert_eq!(reg.keys(), [JobKey::new("logs", "a")]);
        reg.cancel_all();
        assert_eq!(settle(&mut reg).await, 0);
    }

    #[tokio::test]
    async fn leaving_a_pane_cancels_only_its_jobs() {
        let mut reg = Registry::new();
        let (_, a) = sleeper(&mut reg, 1, "logs", "a");
        let (_, b) = sleeper(&mut reg, 1, "layers", "img");
        let (t, other) = sleeper(&mut reg, 2, "images", "");
        assert_eq!(reg.cancel_owner(PaneId(1)), 2);
        assert!(a.is_cancelled() && b.is_cancelled() && !other.is_cancelled());
        assert!(reg.is_current(t));
        assert_eq!(reg.keys(), [JobKey::new("images", "")]);
        reg.ended(t);
        assert!(reg.keys().is_empty() && !reg.is_current(t));
        assert!(!reg.cancel(&JobKey::new("images", "")));
        // The cancelled tasks really stop.
        assert_eq!(settle(&mut reg).await, 0);
    }

    #[test]
    fn tickets_are_unique() {
        let mut reg = Registry::new();
        let a = reg.ticket(PaneId(1));
        let b = reg.ticket(PaneId(1));
        assert_ne!(a, b);
    }
}
