//! Carrying out the app's effects: background tasks for logs, actions, layer analyses,
//! image lists and comparisons, and writing an exported comparison. The app itself does no I/O.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::app::{App, Effect, Msg};
use super::{analysis, worker};
use crate::engine::Engine;
use crate::layers::AnalysisCache;
use crate::profile::Profile;

/// Analyses kept in memory, by image ID: reopening an image is instant.
const CACHED_ANALYSES: usize = 8;
/// Where `x` in the comparison writes the Markdown table.
pub const EXPORT_FILE: &str = "docktor-compare.md";

pub struct Runtime {
    tx: UnboundedSender<Msg>,
    profile: Arc<Profile>,
    cache: Arc<AnalysisCache>,
    logs_task: Option<JoinHandle<()>>,
}

impl Runtime {
    pub fn new(tx: UnboundedSender<Msg>, profile: Arc<Profile>) -> Self {
        Runtime {
            tx,
            profile,
            cache: Arc::new(AnalysisCache::new(CACHED_ANALYSES)),
            logs_task: None,
        }
    }

    pub fn stop(&mut self) {
        if let Some(t) = self.logs_task.take() {
            t.abort();
        }
    }

    pub fn apply(&mut self, app: &mut App, effect: Effect, engine: Option<Engine>) {
        let offline = "not connected: try again when the engine is back";
        match effect {
            Effect::OpenLogs(id) => {
                self.stop();
                if let Some(e) = engine {
                    self.logs_task = Some(worker::spawn_logs(e, id, self.tx.clone()));
                }
            }
            Effect::CloseLogs => self.stop(),
            Effect::Act(action, id) => match engine {
                Some(e) => {
                    let name = app
                        .containers
                        .iter()
                        .find(|c| c.id == id)
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    app.flash = Some((format!("{} {name}…", action.verb()), false));
                    worker::spawn_action(e, action, id, name, self.tx.clone());
                }
                None => app.flash = Some((offline.into(), true)),
            },
            Effect::Analyze(image) => match (engine, app.layers.as_mut()) {
                (Some(e), Some(pane)) => analysis::spawn_analysis(
                    e,
                    image,
                    pane.cancel.clone(),
                    self.cache.clone(),
                    self.profile.clone(),
                    self.tx.clone(),
                ),
                (None, Some(pane)) => pane.error = Some(offline.into()),
                _ => {}
            },
            Effect::LoadImages => match engine {
                Some(e) => analysis::spawn_images(e, self.tx.clone()),
                None => app.images.error = Some(offline.into()),
            },
            Effect::Compare(images) => match engine {
                Some(e) => analysis::spawn_compare(
                    e,
                    images,
                    self.cache.clone(),
                    self.profile.clone(),
                    self.tx.clone(),
                ),
                None => app.flash = Some((offline.into(), true)),
            },
            Effect::Export(markdown) => {
                app.flash = Some(match std::fs::write(EXPORT_FILE, markdown) {
                    Ok(()) => (format!("comparison written to ./{EXPORT_FILE}"), false),
                    Err(e) => (format!("cannot write ./{EXPORT_FILE}: {e}"), true),
                });
            }
            // Handled by the event loop, which owns the terminal.
            Effect::Shell(_) => {}
        }
    }
}
