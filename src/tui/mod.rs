//! The terminal UI. Messages in, effects out: `App::update` (no I/O, clock injected) decides,
//! the runtime runs jobs under a keyed registry, views are pure. Each tab and screen is a
//! pane in `panes/<name>/` (state, keys, view, jobs); `app` routes between them.
//!
//! `run` checks there is a terminal, sets it up, runs the event loop and restores the
//! terminal however the loop ends (quit, signal, error).

pub mod app;
pub mod chrome;
mod event_loop;
pub mod jobs;
pub mod keys;
pub mod msg;
pub mod pane;
pub mod panes;
pub mod runtime;
mod shell;
mod signals;
mod supervisor;
pub mod term;
pub mod theme;
pub mod widgets;

use std::path::Path;
use std::sync::Arc;

use tokio::sync::{mpsc, watch};

use crate::cli::Cli;
use crate::cli::host_options;
use crate::clock::now;
use crate::engine::Engine;
use crate::engine::host::{self, ProcessEnv};
use app::App;
use event_loop::Ended;
use msg::Msg;

/// What the TUI opens on: the container list, or a comparison of images (`docktor demo`).
#[derive(Debug, Clone, Default)]
pub enum Start {
    #[default]
    Containers,
    /// Image references and the labels to show for them; the first is the baseline.
    Compare(Vec<String>, Vec<String>),
    /// The Build cache screen (`docktor cache --tui`).
    BuildCache,
    /// The context check of a directory (`docktor context DIR --tui`); needs no engine.
    Context(std::path::PathBuf, crate::context::Options),
}

/// Runs the TUI until the user quits. Returns the process exit code (128 + the signal when
/// one ended it).
pub async fn run(cli: &Cli, profile: &crate::profile::Profile, start: Start) -> Result<u8, String> {
    term::check_terminal()?;
    let target = host::resolve(&host_options(cli), &ProcessEnv, &|p: &Path| p.exists())
        .map_err(|e| e.to_string())?;
    let mut app = App::new(target.uri.clone(), cli.read_only, theme::Theme::from_env());
    app.set_now(now());
    // Effects to run at once (they need no engine); the others wait for it.
    let now_fx = match start {
        Start::Containers => Vec::new(),
        Start::Compare(images, labels) => {
            let fx = app.open_compare(images, labels);
            app.defer_until_connected(fx);
            Vec::new()
        }
        Start::BuildCache => {
            let fx = app.open(
                panes::build_cache::BuildCache::screen(),
                pane::Subject::Engine,
            );
            app.defer_until_connected(fx);
            Vec::new()
        }
        Start::Context(dir, opts) => app.open(
            Box::new(panes::context::ContextCheck::new(dir, opts)),
            pane::Subject::Engine,
        ),
    };
    let mut signals = signals::Signals::new()?;
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let (slot_tx, slot_rx) = watch::channel::<Option<Engine>>(None);
    let mut term = term::Term::enter()?;
    let supervisor = supervisor::spawn_supervisor(target, tx.clone(), slot_tx);
    let mut rt = runtime::Runtime::new(tx, Arc::new(profile.clone()));
    for fx in now_fx {
        rt.apply(fx, None);
    }
    let mut ctx = event_loop::Loop {
        term: &mut term,
        app: &mut app,
        rx: &mut rx,
        rt: &mut rt,
        engine: &slot_rx,
        signals: &mut signals,
    };
    let ended = ctx.run().await;
    rt.stop();
    term.leave();
    supervisor.abort();
    match ended {
        Ok(Ended::Quit) => Ok(0),
        Ok(Ended::Signal(n)) => Ok(signals::Sig::exit_code(n)),
        Err(e) => Err(e),
    }
}
