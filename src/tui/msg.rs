//! What comes in (`Msg`) and what goes out (`Effect`). Both are closed and small: a pane
//! adds jobs (with their own result types) and never a variant here.

use std::any::Any;
use std::fmt;

use crossterm::event::KeyEvent;

use super::jobs::{Job, JobKey, PaneId, Ticket};
use super::pane::{Pane, Subject};
use super::widgets::confirm::Confirm;
use crate::model::{Container, EngineInfo, RunFacts};

/// Everything that can happen to the UI.
pub enum Msg {
    Key(KeyEvent),
    Resize,
    Connected(EngineInfo),
    Disconnected {
        uri: String,
        reason: String,
    },
    Containers(Vec<Container>),
    /// What an inspect of a container said about its runs (start and end, exit code,
    /// restarts), which the list does not say.
    Inspected {
        id: String,
        facts: RunFacts,
    },
    /// One result of a background job, for the pane (or the app) its ticket names.
    Done {
        ticket: Ticket,
        result: Box<dyn Any + Send>,
    },
    /// The job of this ticket returned; every result it sent came before.
    Ended(Ticket),
}

impl fmt::Debug for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Msg::Key(k) => write!(f, "Key({k:?})"),
            Msg::Resize => f.write_str("Resize"),
            Msg::Connected(i) => write!(f, "Connected({i})"),
            Msg::Disconnected { uri, .. } => write!(f, "Disconnected({uri})"),
            Msg::Containers(l) => write!(f, "Containers({})", l.len()),
            Msg::Inspected { id, .. } => write!(f, "Inspected({id})"),
            Msg::Done { ticket, .. } => write!(f, "Done({ticket:?})"),
            Msg::Ended(t) => write!(f, "Ended({t:?})"),
        }
    }
}

/// What must happen on the app's behalf. `Job`, `Cancel`, `CancelOwner`, `Shell` and
/// `Suspend` leave `App::update` for the event loop and its runtime; the others are requests
/// of a pane that the app carries out itself.
pub enum Effect {
    /// Run a job under its key (a job already under that key is cancelled). `owner` is
    /// filled in by the app with the pane that asked.
    Job {
        owner: Option<PaneId>,
        job: Box<dyn Job>,
    },
    Cancel(JobKey),
    /// Cancel every job of a pane (the app sends it when a pane is closed).
    CancelOwner(PaneId),
    /// A shell in this container (the event loop hands the terminal over).
    Shell(String),
    /// Ctrl-Z: restore the terminal, stop until `fg`, redraw.
    Suspend,
    /// Open a screen on top of the current one.
    Open(Box<dyn Pane>, Subject),
    /// Open the container screen (its tabs) of this container ID.
    OpenContainer(String),
    /// Close the screen of the pane that asks (as Esc does).
    Close,
    /// Ask before doing something: the effects of `Confirm` run on yes.
    Confirm(Confirm),
    /// A one-line message in the status bar.
    Flash {
        text: String,
        error: bool,
    },
}

impl Effect {
    pub fn job(job: impl Job) -> Effect {
        Effect::Job {
            owner: None,
            job: Box::new(job),
        }
    }

    pub fn info(text: impl Into<String>) -> Effect {
        Effect::Flash {
            text: text.into(),
            error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> Effect {
        Effect::Flash {
            text: text.into(),
            error: true,
        }
    }

    /// The key of the job this effect starts, if it starts one.
    pub fn job_key(&self) -> Option<JobKey> {
        match self {
            Effect::Job { job, .. } => Some(job.key()),
            _ => None,
        }
    }

    /// A short, stable description (`job logs abc`, `cancel logs abc`, `shell abc`) for
    /// tests and traces.
    pub fn describe(&self) -> String {
        match self {
            Effect::Job { job, .. } => format!("job {}", job.key()),
            Effect::Cancel(k) => format!("cancel {k}"),
            Effect::CancelOwner(p) => format!("cancel pane {}", p.0),
            Effect::Shell(id) => format!("shell {id}"),
            Effect::Suspend => "suspend".into(),
            Effect::Open(p, _) => format!("open {}", p.title()),
            Effect::OpenContainer(id) => format!("open container {id}"),
            Effect::Close => "close".into(),
            Effect::Confirm(c) => format!("confirm {}", c.title),
            Effect::Flash { text, .. } => format!("flash {text}"),
        }
    }
}

impl fmt::Debug for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// `describe()` of each effect, for assertions.
pub fn describe(fx: &[Effect]) -> Vec<String> {
    fx.iter().map(Effect::describe).collect()
}
