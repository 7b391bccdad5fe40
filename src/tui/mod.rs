//! The terminal UI: sets up the terminal, runs the event loop, restores the terminal.
//!
//! The loop waits on three things — a key, a message from background work, a 1 s clock —
//! and redraws only when the state changed. Nothing polls the daemon on a timer.

mod analysis;
pub mod app;
mod effects;
pub mod images;
mod images_input;
mod input;
pub mod keys;
mod layers_input;
pub mod layers_pane;
pub mod logbuf;
mod shell;
pub mod theme;
pub mod views;
mod worker;

use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures_util::StreamExt;
use tokio::sync::{mpsc, watch};

use crate::cli::Cli;
use crate::cli::host_options;
use crate::clock::now;
use crate::engine::Engine;
use crate::engine::host::{self, ProcessEnv};
use crate::model::uptime;
use app::{App, Effect, Msg};

/// Runs the TUI until the user quits. Returns the process exit code.
/// What the TUI opens on: the container list, or a comparison of images (`docktor demo`).
#[derive(Debug, Clone, Default)]
pub enum Start {
    #[default]
    Containers,
    /// Image references and the labels to show for them; the first is the baseline.
    Compare(Vec<String>, Vec<String>),
}

pub async fn run(cli: &Cli, profile: &crate::profile::Profile, start: Start) -> Result<u8, String> {
    let target = host::resolve(&host_options(cli), &ProcessEnv, &|p: &Path| p.exists())
        .map_err(|e| e.to_string())?;
    let mut app = App::new(target.uri.clone(), cli.read_only, theme::Theme::from_env());
    app.now = now();
    if let Start::Compare(images, labels) = start {
        app.on_connect = app.open_compare(images, labels);
    }
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let (slot_tx, slot_rx) = watch::channel::<Option<Engine>>(None);
    let supervisor = worker::spawn_supervisor(target, tx.clone(), slot_tx);

    let mut terminal = ratatui::init();
    let profile = std::sync::Arc::new(profile.clone());
    let result = event_loop(&mut terminal, &mut app, &mut rx, &tx, &slot_rx, &profile).await;
    ratatui::restore();
    supervisor.abort();
    result.map(|_| 0)
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &mut mpsc::UnboundedReceiver<Msg>,
    tx: &mpsc::UnboundedSender<Msg>,
    slot: &watch::Receiver<Option<Engine>>,
    profile: &std::sync::Arc<crate::profile::Profile>,
) -> Result<(), String> {
    let mut keys = EventStream::new();
    let mut clock = tokio::time::interval(Duration::from_secs(1));
    let mut rt = effects::Runtime::new(tx.clone(), profile.clone());
    let mut shown_uptimes = String::new();
    let mut dirty = true;
    loop {
        if dirty {
            let mut page = 0;
            terminal
                .draw(|f| page = views::draw(f, app))
                .map_err(|e| format!("cannot draw on the terminal: {e}"))?;
            app.page = page.max(1);
            dirty = false;
        }
        let first = tokio::select! {
            ev = keys.next() => match ev {
                Some(Ok(Event::Key(k))) => Msg::Key(k),
                Some(Ok(Event::Resize(..))) => Msg::Resize,
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(format!("cannot read the terminal: {e}")),
                None => return Ok(()),
            },
            m = rx.recv() => match m { Some(m) => m, None => return Ok(()) },
            _ = clock.tick() => {
                app.now = now();
                let sig = uptime_signature(app);
                if sig != shown_uptimes {
                    shown_uptimes = sig;
                    dirty = true;
                }
                continue;
            }
        };
        // Handle everything already queued before drawing once.
        let mut batch = vec![first];
        while let Ok(m) = rx.try_recv() {
            batch.push(m);
        }
        for msg in batch {
            for effect in app.update(msg) {
                let engine = slot.borrow().clone();
                if let Effect::Shell(id) = &effect {
                    // The shell takes the terminal: stop reading keys until it is back.
                    drop(keys);
                    let r = match &engine {
                        Some(e) => shell::run(terminal, e, id),
                        None => Err("not connected".into()),
                    };
                    keys = EventStream::new();
                    app.flash = Some(match r {
                        Ok(m) => (m, false),
                        Err(m) => (m, true),
                    });
                    continue;
                }
                rt.apply(app, effect, engine);
            }
        }
        if app.quit {
            rt.stop();
            return Ok(());
        }
        shown_uptimes = uptime_signature(app);
        dirty = true;
    }
}

/// The uptimes currently on screen: the clock only triggers a redraw when one changes.
fn uptime_signature(app: &App) -> String {
    let mut s = String::new();
    if let Some(c) = app.detail_container() {
        s.push_str(&uptime(c, app.now));
    }
    for c in app.visible().iter().take(app.selected + app.page + 2) {
        s.push_str(&uptime(c, app.now));
        s.push(' ');
    }
    s
}
