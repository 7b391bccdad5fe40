//! The container actions (start, stop, restart, shell) on the selected or open container:
//! when each can be done, confirmation before stop and restart, and the job that asks the
//! engine.

use std::any::Any;

use super::{App, Screen};
use crate::engine::containers::Action;
use crate::model::Container;
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey, PaneId};
use crate::tui::keys::{Act, Avail};
use crate::tui::msg::Effect;
use crate::tui::widgets::confirm::Confirm;

/// The container the actions apply to: the open one on its tabs, else the pane's.
pub(super) fn target(app: &App) -> Option<&Container> {
    let id = match app.screens.last() {
        Some(Screen::Tabs { container, .. }) => container.clone(),
        _ => app.top().pane.container(&app.core.env())?,
    };
    app.core.containers.iter().find(|c| c.id == id)
}

pub(super) fn avail(app: &App, act: Act) -> Avail {
    let Some(c) = target(app) else {
        return Avail::not("no container selected");
    };
    let up = c.state.is_up();
    match act {
        Act::Start if up => Avail::not(format!("{} is already running", c.name)),
        Act::Stop if !up => Avail::not(format!("{} is not running", c.name)),
        Act::Shell if !up => Avail::not(format!("{} is not running: start it first (s)", c.name)),
        _ => Avail::Ready,
    }
}

pub(super) fn act(app: &mut App, act: Act) -> Vec<Effect> {
    let Some(c) = target(app) else {
        return Vec::new();
    };
    let (id, name) = (c.id.clone(), c.name.clone());
    let action = match act {
        Act::Shell => return vec![Effect::Shell(id)],
        Act::Start => Action::Start,
        Act::Stop => Action::Stop,
        Act::Restart => Action::Restart,
        _ => return Vec::new(),
    };
    let run = vec![
        Effect::info(format!("{} {name}…", action.verb())),
        Effect::job(ActionJob {
            action,
            id,
            name: name.clone(),
        }),
    ];
    let fx = if action == Action::Start {
        run
    } else {
        vec![Effect::Confirm(
            Confirm::new(action.verb(), &name).on_yes(run),
        )]
    };
    app.absorb(PaneId::APP, fx)
}

/// The outcome of an action, for the status bar.
struct Acted(Result<String, String>);

pub(super) fn on_done(app: &mut App, result: Box<dyn Any + Send>) {
    if let Ok(done) = result.downcast::<Acted>() {
        app.flash = Some(match done.0 {
            Ok(m) => (m, false),
            Err(m) => (m, true),
        });
    }
}

struct ActionJob {
    action: Action,
    id: String,
    name: String,
}

impl Job for ActionJob {
    fn key(&self) -> JobKey {
        JobKey::new(self.action.verb(), self.id.clone())
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let r = match ctx.engine() {
                Ok(e) => match e.act(self.action, &self.id).await {
                    Ok(()) => Ok(format!("{} {}: done", self.action.verb(), self.name)),
                    Err(e) => Err(e.to_string()),
                },
                Err(e) => Err(e),
            };
            ctx.report.send(Acted(r));
        })
    }
}
