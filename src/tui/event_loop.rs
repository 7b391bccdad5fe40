//! The event loop. It waits on four things — a key, a message from background work, a
//! signal, a 1 s clock — handles everything already queued, then redraws once, and only
//! when something changed. Nothing polls the daemon on a timer.

use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures_util::StreamExt;
use tokio::sync::{mpsc, watch};

use super::app::App;
use super::msg::{Effect, Msg};
use super::runtime::Runtime;
use super::shell;
use super::signals::{Sig, Signals};
use super::term::Term;
use crate::clock::now;
use crate::engine::Engine;

pub enum Ended {
    Quit,
    /// A signal: exit with 128 + it.
    Signal(i32),
}

pub struct Loop<'a> {
    pub term: &'a mut Term,
    pub app: &'a mut App,
    pub rx: &'a mut mpsc::UnboundedReceiver<Msg>,
    pub rt: &'a mut Runtime,
    pub engine: &'a watch::Receiver<Option<Engine>>,
    pub signals: &'a mut Signals,
}

impl Loop<'_> {
    pub async fn run(&mut self) -> Result<Ended, String> {
        let mut keys = EventStream::new();
        let mut clock = tokio::time::interval(Duration::from_secs(1));
        let mut shown_uptimes = String::new();
        let mut dirty = true;
        loop {
            if dirty {
                self.draw()?;
                dirty = false;
            }
            let first = tokio::select! {
                ev = keys.next() => match ev {
                    Some(Ok(Event::Key(k))) => Msg::Key(k),
                    Some(Ok(Event::Resize(..))) => Msg::Resize,
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => return Err(format!("cannot read the terminal: {e}")),
                    None => return Ok(Ended::Quit),
                },
                m = self.rx.recv() => match m { Some(m) => m, None => return Ok(Ended::Quit) },
                sig = self.signals.recv() => {
                    match sig {
                        Sig::Exit(n) => return Ok(Ended::Signal(n)),
                        Sig::Suspend => {
                            drop(keys);
                            let r = self.term.suspend();
                            keys = EventStream::new();
                            r?;
                        }
                        Sig::Continued => self.term.resume()?,
                    }
                    dirty = true;
                    continue;
                }
                _ = clock.tick() => {
                    self.app.set_now(now());
                    let sig = self.app.clock_signature();
                    if sig != shown_uptimes {
                        shown_uptimes = sig;
                        dirty = true;
                    }
                    continue;
                }
            };
            // Handle everything already queued before drawing once.
            let mut batch = vec![first];
            while let Ok(m) = self.rx.try_recv() {
                batch.push(m);
            }
            for msg in batch {
                if !self.rt.admit(&msg) {
                    continue;
                }
                for effect in self.app.update(msg) {
                    match effect {
                        Effect::Shell(id) => {
                            // The shell takes the terminal: stop reading keys until it is back.
                            drop(keys);
                            let r = self.shell(&id).await;
                            keys = EventStream::new();
                            if let Some(n) = r {
                                return Ok(Ended::Signal(n));
                            }
                        }
                        Effect::Suspend => {
                            drop(keys);
                            let r = self.term.suspend();
                            keys = EventStream::new();
                            r?;
                        }
                        other => {
                            let engine = self.engine.borrow().clone();
                            self.rt.apply(other, engine);
                        }
                    }
                }
            }
            if self.app.quitting() {
                return Ok(Ended::Quit);
            }
            shown_uptimes = self.app.clock_signature();
            dirty = true;
        }
    }

    fn draw(&mut self) -> Result<(), String> {
        let mut page = 0;
        let app = &*self.app;
        self.term
            .screen
            .draw(|f| page = app.draw(f))
            .map_err(|e| format!("cannot draw on the terminal: {e}"))?;
        self.app.set_page(page);
        Ok(())
    }

    /// The shell hand-over; `Some(signal)` when a signal ended docktor meanwhile.
    async fn shell(&mut self, id: &str) -> Option<i32> {
        let engine = self.engine.borrow().clone();
        let name = (self.app.containers().iter())
            .find(|c| c.id == id)
            .map_or_else(
                || crate::model::short_id(id).to_string(),
                |c| c.name.clone(),
            );
        let outcome = match &engine {
            Some(e) => shell::run(self.term, e, id, &name, self.signals).await,
            None => shell::Outcome::Back(Err("not connected".into())),
        };
        match outcome {
            shell::Outcome::Back(r) => {
                self.app.set_flash(r);
                None
            }
            shell::Outcome::Signal(n) => Some(n),
        }
    }
}
