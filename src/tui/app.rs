//! The TUI's state and its one `update` function: messages in, effects out. No I/O here.

use crossterm::event::KeyEvent;

use super::images::{CompareState, ImagesState};
use super::keys::Ctx;
use super::layers_pane::LayersPane;
use super::logbuf::LogBuf;
use super::theme::Theme;
use crate::engine::containers::Action;
use crate::engine::logs::LogLine;
use crate::model::{Container, EngineInfo};

/// Everything that can happen to the UI.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Resize,
    /// Wall clock, Unix seconds (uptimes are computed against it).
    Tick(i64),
    Connected(EngineInfo),
    Disconnected {
        uri: String,
        reason: String,
    },
    Containers(Vec<Container>),
    Started {
        id: String,
        at: Option<i64>,
    },
    Logs {
        id: String,
        lines: Vec<LogLine>,
    },
    LogEnded {
        id: String,
        why: Option<String>,
    },
    /// The quick layer list of `image` (inspect + history).
    LayersQuick {
        image: String,
        quick: Box<crate::layers::ImageLayers>,
    },
    LayersProgress {
        image: String,
        progress: crate::layers::Progress,
    },
    LayersDone {
        image: String,
        result: Result<
            (
                std::sync::Arc<crate::layers::ImageAnalysis>,
                Vec<crate::diagnose::Finding>,
            ),
            String,
        >,
    },
    ActionDone(Result<String, String>),
    Images(Result<Vec<crate::layers::ImageRow>, String>),
    /// One image of a comparison is analysed (or failed).
    CompareOne {
        image: String,
        result: Result<
            (
                Box<crate::layers::ImageSummary>,
                Vec<crate::diagnose::Finding>,
            ),
            String,
        >,
    },
}

/// What the event loop must do on the app's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenLogs(String),
    CloseLogs,
    Act(Action, String),
    Shell(String),
    /// Analyse an image's layers (by ID or name) for the layers pane.
    Analyze(String),
    LoadImages,
    /// Analyse these images (the first is the baseline) for a comparison.
    Compare(Vec<String>),
    /// Write the comparison's Markdown table to a file.
    Export(String),
}

/// The top-level view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Containers,
    Images,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Logs,
    Layers,
    Health,
    Files,
    Env,
    BuildCache,
}

pub const TABS: [Tab; 6] = [
    Tab::Logs,
    Tab::Layers,
    Tab::Health,
    Tab::Files,
    Tab::Env,
    Tab::BuildCache,
];

impl Tab {
    pub fn title(self) -> &'static str {
        match self {
            Tab::Logs => "Logs",
            Tab::Layers => "Layers",
            Tab::Health => "Health",
            Tab::Files => "Files",
            Tab::Env => "Env",
            Tab::BuildCache => "Build cache",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conn {
    Connecting(String),
    Up(EngineInfo),
    /// Lost (or never had) the daemon; `ever` says whether the list is from an earlier connection.
    Down {
        uri: String,
        reason: String,
        ever: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm {
        action: Action,
        id: String,
        name: String,
    },
}

pub struct App {
    pub conn: Conn,
    pub containers: Vec<Container>,
    /// A list has arrived at least once (before that, "no containers" would be a lie).
    pub listed: bool,
    pub show_all: bool,
    pub filter: String,
    pub filtering: bool,
    /// Index into `visible()`.
    pub selected: usize,
    /// Open container (by ID) and its tab.
    pub detail: Option<(String, Tab)>,
    pub logs: LogBuf,
    pub overlay: Option<Overlay>,
    pub read_only: bool,
    /// One-line message in the status bar (`true` = an error).
    pub flash: Option<(String, bool)>,
    pub now: i64,
    pub theme: Theme,
    pub quit: bool,
    /// Rows available for lists (set by the renderer's last layout), for paging.
    pub page: usize,
    /// The layers pane of the open container's image (kept when switching tabs).
    pub layers: Option<LayersPane>,
    pub view: View,
    pub images: ImagesState,
    pub compare: Option<CompareState>,
    /// Effects that wait for the engine (e.g. the comparison `docktor demo` opens with).
    pub on_connect: Vec<Effect>,
}

impl App {
    pub fn new(uri: String, read_only: bool, theme: Theme) -> Self {
        App {
            conn: Conn::Connecting(uri),
            containers: Vec::new(),
            listed: false,
            show_all: true,
            filter: String::new(),
            filtering: false,
            selected: 0,
            detail: None,
            logs: LogBuf::new(),
            overlay: None,
            read_only,
            flash: None,
            now: 0,
            theme,
            quit: false,
            page: 20,
            layers: None,
            view: View::Containers,
            images: ImagesState::default(),
            compare: None,
            on_connect: Vec::new(),
        }
    }

    /// The containers the list shows: all or running, then the filter.
    pub fn visible(&self) -> Vec<&Container> {
        let f = self.filter.to_lowercase();
        self.containers
            .iter()
            .filter(|c| self.show_all || c.state.is_up())
            .filter(|c| {
                f.is_empty()
                    || c.name.to_lowercase().contains(&f)
                    || c.image.to_lowercase().contains(&f)
                    || c.id.starts_with(&f)
            })
            .collect()
    }

    pub fn selected_container(&self) -> Option<&Container> {
        self.visible().get(self.selected).copied()
    }

    pub fn detail_container(&self) -> Option<&Container> {
        let (id, _) = self.detail.as_ref()?;
        self.containers.iter().find(|c| &c.id == id)
    }

    /// Key contexts, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        if self.compare.is_some() {
            return vec![Ctx::Compare, Ctx::Global];
        }
        if self.view == View::Images {
            return if self.images.opened {
                vec![Ctx::Layers, Ctx::Global]
            } else {
                vec![Ctx::Images, Ctx::Global]
            };
        }
        match &self.detail {
            Some((_, Tab::Logs)) => vec![Ctx::Logs, Ctx::Detail, Ctx::Global],
            Some((_, Tab::Layers)) => vec![Ctx::Layers, Ctx::Detail, Ctx::Global],
            Some(_) => vec![Ctx::Detail, Ctx::Global],
            None => vec![Ctx::List, Ctx::Global],
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) => return self.on_key(k),
            Msg::Resize => {}
            Msg::Tick(now) => self.now = now,
            Msg::Connected(info) => {
                self.conn = Conn::Up(info);
                if !self.on_connect.is_empty() {
                    return std::mem::take(&mut self.on_connect);
                }
                // A reconnect: reopen the logs of the open container.
                if let Some((id, Tab::Logs)) = &self.detail {
                    return vec![Effect::OpenLogs(id.clone())];
                }
            }
            Msg::Disconnected { uri, reason } => {
                let ever = matches!(self.conn, Conn::Up(_))
                    || matches!(self.conn, Conn::Down { ever: true, .. });
                self.conn = Conn::Down { uri, reason, ever };
            }
            Msg::Containers(mut list) => {
                let keep = self.selected_container().map(|c| c.id.clone());
                crate::engine::containers::carry_over(&mut list, &self.containers);
                self.listed = true;
                self.containers = list;
                self.reselect(keep);
            }
            Msg::Started { id, at } => {
                if let Some(c) = self.containers.iter_mut().find(|c| c.id == id) {
                    c.started_at = at;
                }
            }
            Msg::Logs { id, lines } => {
                if self.detail.as_ref().is_some_and(|(d, _)| *d == id) {
                    for l in lines {
                        self.logs.push(l);
                    }
                }
            }
            Msg::LogEnded { id, why } => {
                if self.detail.as_ref().is_some_and(|(d, _)| *d == id) {
                    self.logs.ended = Some(why.unwrap_or_else(|| "end of log stream".into()));
                }
            }
            Msg::LayersQuick { image, quick } => {
                if let Some(p) = self.layers.as_mut().filter(|p| p.image == image) {
                    p.quick = Some(*quick);
                }
            }
            Msg::LayersProgress { image, progress } => {
                if let Some(p) = self
                    .layers
                    .as_mut()
                    .filter(|p| p.image == image && p.running())
                {
                    p.progress = Some(progress);
                }
            }
            Msg::LayersDone { image, result } => {
                if let Some(p) = self.layers.as_mut().filter(|p| p.image == image) {
                    match result {
                        Ok((a, findings)) => {
                            p.findings = findings;
                            p.set_analysis(a)
                        }
                        Err(e) if p.cancelled => {
                            p.error = Some(format!("analysis cancelled ({e})"))
                        }
                        Err(e) => p.error = Some(e),
                    }
                }
            }
            Msg::Images(r) => match r {
                Ok(rows) => self.images.set_rows(rows),
                Err(e) => {
                    self.images.loading = false;
                    self.images.error = Some(e);
                }
            },
            Msg::CompareOne { image, result } => {
                if let Some(c) = self.compare.as_mut()
                    && let Some(i) = c.images.iter().position(|x| *x == image)
                {
                    match result {
                        Ok((s, findings)) => {
                            c.summaries[i] = Some(*s);
                            c.findings[i] = findings;
                        }
                        Err(e) => c.errors[i] = Some(e),
                    }
                }
            }
            Msg::ActionDone(r) => {
                self.flash = Some(match r {
                    Ok(m) => (m, false),
                    Err(m) => (m, true),
                })
            }
        }
        Vec::new()
    }

    fn reselect(&mut self, keep: Option<String>) {
        let vis = self.visible();
        if let Some(id) = keep
            && let Some(i) = vis.iter().position(|c| c.id == id)
        {
            self.selected = i;
            return;
        }
        self.selected = self.selected.min(vis.len().saturating_sub(1));
    }
}
