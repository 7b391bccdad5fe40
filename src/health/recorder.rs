//! The recorder's core, without I/O to the daemon: it takes the capture's events and each
//! container's snapshots, and writes what is new to the store — container, run, probes,
//! transitions — one transaction per probe. `docktor record` drives it from the event
//! stream of each engine it follows; a container it has not seen is announced by its first
//! snapshot.

use std::collections::HashMap;

use super::capture::{Event, Pairing, Step};
use super::history::History;
use super::probe::Probe;
use super::snapshot::Snapshot;
use super::store::{ContainerRef, EngineRef, Retention, Store, StoreError};
use super::time::Nanos;

/// Probes each container's in-memory history keeps (enough to deduplicate against the
/// daemon's 5 and a burst of events; the store keeps the rest).
const KEEP_IN_MEMORY: usize = 64;

pub struct Recorder {
    store: Store,
    engine: i64,
    pairing: Pairing,
    rows: HashMap<String, i64>,
    recent: HashMap<String, History>,
    /// Probes written since the start.
    pub written: u64,
}

impl Recorder {
    pub fn new(mut store: Store, engine: &EngineRef) -> Result<Recorder, StoreError> {
        let row = store.engine(engine)?;
        Ok(Recorder {
            store,
            engine: row,
            pairing: Pairing::new(),
            rows: HashMap::new(),
            recent: HashMap::new(),
            written: 0,
        })
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Applies retention as of `now`; returns how many probes went.
    pub fn prune(&mut self, keep: Retention, now: Nanos) -> Result<usize, StoreError> {
        self.store.prune(keep, now)
    }

    /// An event from the stream; returns what to do next (inspect a container, …).
    pub fn on_event(&mut self, ev: Event, now: Nanos) -> Result<Option<Step>, StoreError> {
        let step = self.pairing.on_event(ev);
        match &step {
            Some(Step::Transition {
                container,
                status,
                time,
            }) => {
                if let Some(row) = self.rows.get(container).copied() {
                    self.store.add_transition(row, *time, *status)?;
                }
            }
            Some(Step::Removed { container }) => {
                if let Some(row) = self.rows.remove(container) {
                    self.store.mark_removed(row, now)?;
                }
                self.recent.remove(container);
            }
            _ => {}
        }
        Ok(step)
    }

    /// Probes that ran out of time by `now`: one inspect each.
    pub fn overdue(&mut self, now: Nanos) -> Vec<Step> {
        self.pairing.overdue(now)
    }

    pub fn next_deadline(&self) -> Option<Nanos> {
        self.pairing.next_deadline()
    }

    /// Whether `container`'s probes are being followed.
    pub fn follows(&self, container: &str) -> bool {
        self.pairing.is_watched(container)
    }

    /// Merges an inspect of a container (and, after a probe, that probe as its events told
    /// it): stores what is new. Returns the probes written.
    pub fn on_snapshot(
        &mut self,
        snap: &Snapshot,
        from_events: Option<Probe>,
        now: Nanos,
    ) -> Result<Vec<Probe>, StoreError> {
        self.pairing.watch(&snap.id, snap.watched());
        let checked = snap.config.as_ref().is_some_and(|c| !c.is_disabled());
        if !checked && snap.log.is_empty() && from_events.is_none() {
            return Ok(Vec::new());
        }
        let row = match self.rows.get(&snap.id) {
            Some(r) => *r,
            None => {
                let c = ContainerRef {
                    id: snap.id.clone(),
                    name: snap.name.clone(),
                    image: snap.image.clone(),
                };
                let r = self.store.container(self.engine, &c, now)?;
                self.rows.insert(snap.id.clone(), r);
                r
            }
        };
        let h = self.recent.entry(snap.id.clone()).or_default();
        if let Some(s) = snap.started_at {
            h.add_run(s);
            self.store.add_run(row, s)?;
        }
        let mut changed = h.merge_daemon_log(&snap.log);
        if let Some(p) = from_events
            && h.insert(p.clone()) == super::history::Change::Added
        {
            changed.push(p);
        }
        h.keep_last(KEEP_IN_MEMORY);
        let mut written = Vec::new();
        for p in changed {
            if self.store.add_probe(row, &p, now)? {
                written.push(p);
            }
        }
        self.written += written.len() as u64;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::capture::Event;
    use crate::health::config::{RawCheck, resolve};
    use crate::health::time::SECOND;
    use crate::model::Health;

    fn snap(log: Vec<Probe>) -> Snapshot {
        let raw = RawCheck {
            test: vec!["CMD-SHELL".into(), "exit 1".into()],
            timeout: Some(std::time::Duration::from_secs(2)),
            ..Default::default()
        };
        Snapshot {
            id: "c1".into(),
            name: "web".into(),
            image: "web:1".into(),
            running: true,
            started_at: Some(0),
            config: resolve(Some(&raw), None),
            status: Health::Unhealthy,
            failing_streak: log.len() as u32,
            log,
            exposed_ports: vec![],
        }
    }

    fn engine() -> EngineRef {
        EngineRef {
            key: "E".into(),
            uri: "unix:///x".into(),
            label: "docker".into(),
        }
    }

    #[test]
    fn the_daemons_ring_is_recorded_once_and_captured_probes_added() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("h.sqlite3");
        let mut r = Recorder::new(Store::open(&path).unwrap(), &engine()).unwrap();
        let log: Vec<Probe> = (1..=5)
            .map(|i| Probe::daemon(i * SECOND, Some(i * SECOND + 1), 1, "no"))
            .collect();
        assert_eq!(r.on_snapshot(&snap(log.clone()), None, 0).unwrap().len(), 5);
        assert_eq!(r.on_snapshot(&snap(log.clone()), None, 0).unwrap().len(), 0);
        assert!(r.follows("c1"));
        // A probe comes: exec_start, exec_die, then the snapshot holds it.
        let cmd = "/bin/sh -c exit 1".to_string();
        let start = Event::ExecStart {
            container: "c1".into(),
            exec_id: "x".into(),
            command: cmd,
            time: 6 * SECOND + 20_000,
        };
        assert!(r.on_event(start, 0).unwrap().is_none());
        let die = Event::ExecDie {
            container: "c1".into(),
            exec_id: "x".into(),
            exit_code: Some(1),
            time: 6 * SECOND + 50_000_000,
        };
        let Some(Step::Inspect { exec }) = r.on_event(die, 0).unwrap() else {
            panic!("an inspect");
        };
        let mut next = log[1..].to_vec();
        next.push(Probe::daemon(
            6 * SECOND,
            Some(6 * SECOND + 50_000_001),
            1,
            "no",
        ));
        let w = r.on_snapshot(&snap(next), Some(exec.probe()), 0).unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].start, 6 * SECOND, "the daemon's stamp");
        // The ring dropped one before the inspect: the events' copy is kept.
        let lost = Probe {
            start: 8 * SECOND,
            end: Some(8 * SECOND + 5),
            exit_code: Some(1),
            output: None,
            source: crate::health::Source::Captured,
        };
        assert_eq!(
            r.on_snapshot(&snap(vec![]), Some(lost), 0).unwrap().len(),
            1
        );
        let s = Store::open_existing(&path).unwrap().unwrap();
        assert_eq!(s.probe_count().unwrap(), 7);
        let removed = Event::Removed {
            container: "c1".into(),
            time: 9,
        };
        r.on_event(removed, 9).unwrap();
        assert!(s.containers().unwrap()[0].removed_at.is_some());
    }
}
