//! What the Health tab does with its keys and its jobs' results: moving the selection and
//! the output, asking for probe now and the HTTP probe (when they can run), and folding
//! what the jobs bring — the opening read, the tools, each captured probe, a try's
//! result — into a new model.

use std::any::Any;
use std::time::Duration;

use super::Health;
use super::job::{Capture, CaptureEnded, Captured, Loaded, ToolsFound};
use super::keys::{HTTP, OUT_DOWN, OUT_UP, PROBE};
use super::model::Model;
use super::trial::{Ask, Tried, Try};
use crate::diagnose::rules::health_runs::overdue_in;
use crate::health::probe_now::{HttpPlan, http_plan, own_check};
use crate::tui::keys::{Act, Avail};
use crate::tui::msg::Effect;
use crate::tui::pane::{Env, Handled, step};

pub fn available(h: &Health, a: Act, env: &Env) -> Avail {
    if a != PROBE && a != HTTP {
        return Avail::Ready;
    }
    let Some(m) = &h.model else {
        return Avail::not("still reading the container");
    };
    let id = h.id.as_deref().unwrap_or_default();
    match env.container(id) {
        None => return Avail::not("the container is gone"),
        Some(c) if !c.state.is_up() => {
            return Avail::not(format!("{} is not running: start it first (s)", c.name));
        }
        _ => {}
    }
    if h.trying {
        return Avail::not("a probe is running: its result comes below");
    }
    if a == PROBE && m.facts.config.as_ref().is_none_or(|c| c.is_disabled()) {
        return Avail::not("this container has no health check to run: h runs the HTTP probe");
    }
    Avail::Ready
}

pub fn on_act(h: &mut Health, a: Act, env: &Env) -> Handled {
    let n = h.model.as_ref().map_or(0, Model::len);
    if let Some(s) = step(h.selected, n, a, env.page) {
        h.selected = s;
        h.scroll = 0;
        h.trial = None;
        return Handled::done();
    }
    match a {
        OUT_DOWN => h.scroll += 1,
        OUT_UP => h.scroll = h.scroll.saturating_sub(1),
        PROBE => return Handled::Yes(probe_now(h)),
        HTTP => return Handled::Yes(http_probe(h, env)),
        _ => return Handled::No,
    }
    Handled::done()
}

fn start(h: &mut Health, ask: Ask, what: &str) -> Vec<Effect> {
    let Some(id) = h.id.clone() else {
        return Vec::new();
    };
    h.trying = true;
    h.trial = None;
    h.scroll = 0;
    vec![
        Effect::info(format!(
            "{what}… (Docker's own health state is not changed)"
        )),
        Effect::job(Try { id, ask }),
    ]
}

fn probe_now(h: &mut Health) -> Vec<Effect> {
    let ctx = h.context.clone().unwrap_or_default();
    let spec = h
        .model
        .as_ref()
        .and_then(|m| m.facts.config.as_ref())
        .and_then(|c| own_check(c, &ctx.user, &ctx.working_dir, &ctx.env));
    match spec {
        Some(s) => start(h, Ask::Check(s), "running the health check once"),
        None => vec![Effect::error("this container has no health check to run")],
    }
}

fn http_probe(h: &mut Health, env: &Env) -> Vec<Effect> {
    let (port, path) = match &h.profile {
        Some(p) => (p.health_port, p.health_path.clone()),
        None => (8000, "/health/".to_string()),
    };
    let id = h.id.clone().unwrap_or_default();
    let published = env.container(&id).and_then(|c| {
        c.ports
            .iter()
            .find(|p| p.private == port && p.proto == "tcp")
            .and_then(|p| Some((p.ip.clone().unwrap_or_default(), p.public?)))
    });
    let address = h.context.as_ref().and_then(|c| c.address.clone());
    let plan = http_plan(
        h.tools.as_ref(),
        port,
        &path,
        published.as_ref().map(|(ip, p)| (ip.as_str(), *p)),
        address.as_deref(),
    );
    match plan {
        HttpPlan::Impossible { why } => vec![Effect::error(format!("HTTP probe: {why}"))],
        plan => start(h, Ask::Http(plan), &format!("GET {path} on port {port}")),
    }
}

/// The model again, with what the pane now knows (tools, captured probes).
fn rebuild(h: &mut Health, facts: crate::health::HealthFacts) {
    let (Some(id), Some(m), Some(p)) = (&h.id, &h.model, &h.profile) else {
        return;
    };
    let next = Model::new(id, &m.name, facts.masked(&h.masker), p);
    h.set_model(next);
}

pub fn on_done(h: &mut Health, result: Box<dyn Any + Send>) -> Vec<Effect> {
    let result = match result.downcast::<Loaded>() {
        Ok(l) => return loaded(h, *l),
        Err(r) => r,
    };
    let result = match result.downcast::<Captured>() {
        Ok(c) => {
            if let Some(mut f) = h.model.as_ref().map(|m| m.facts.clone()) {
                if let Some(s) = c.snapshot.started_at {
                    f.history.add_run(s);
                }
                f.history.merge_daemon_log(&c.snapshot.log);
                if let Some(p) = c.probe {
                    f.history.insert(p);
                }
                f.status = c.snapshot.status;
                f.failing_streak = Some(c.snapshot.failing_streak);
                rebuild(h, f);
            }
            return Vec::new();
        }
        Err(r) => r,
    };
    let result = match result.downcast::<ToolsFound>() {
        Ok(t) => {
            return match t.0 {
                Ok(tools) => {
                    h.tools = Some(tools);
                    if let Some(mut f) = h.model.as_ref().map(|m| m.facts.clone()) {
                        f.tools = h.tools.clone();
                        rebuild(h, f);
                    }
                    Vec::new()
                }
                Err(why) => vec![Effect::error(why)],
            };
        }
        Err(r) => r,
    };
    let result = match result.downcast::<Tried>() {
        Ok(t) => {
            h.trying = false;
            let trial = t.0.masked(&h.masker);
            let said = Effect::info(trial.title.clone());
            h.trial = Some(trial);
            return vec![said];
        }
        Err(r) => r,
    };
    let result = match result.downcast::<CaptureEnded>() {
        Ok(end) => return vec![Effect::info(end.0)],
        Err(r) => r,
    };
    // The first probe is overdue: read the container again (its verdicts with it).
    if result.downcast::<super::wake::Woke>().is_ok()
        && let Some(id) = h.id.clone().filter(|_| h.open)
    {
        return vec![Effect::job(super::job::Load { id })];
    }
    Vec::new()
}

fn loaded(h: &mut Health, l: Loaded) -> Vec<Effect> {
    let o = match l.0 {
        Ok(o) => o,
        Err(why) if h.model.is_none() => {
            h.set_status(format!("cannot read the container's health: {why}"));
            return Vec::new();
        }
        Err(why) => return vec![Effect::error(why)],
    };
    let o = *o;
    h.profile = Some(o.profile);
    h.masker = o.masker;
    h.context = Some(o.context);
    h.watched = o.snapshot.watched();
    h.status = None;
    h.set_model(o.model);
    if let Some(mut f) = h.model.as_ref().map(|m| m.facts.clone())
        && h.tools.is_some()
    {
        f.tools = h.tools.clone();
        rebuild(h, f);
    }
    let mut fx = Vec::new();
    if let Some(why) = o.store_note {
        fx.push(Effect::error(format!("recorded history not shown: {why}")));
    }
    if let Some(id) = h.id.clone()
        && h.open
    {
        fx.push(Effect::job(Capture {
            id: id.clone(),
            watched: h.watched.clone(),
            since: o.since,
        }));
        // No probe yet: look again once the first one is overdue (a second late, to be past it).
        let due = h.model.as_ref().and_then(|m| overdue_in(&m.facts));
        if let Some(after) = due {
            fx.push(Effect::job(super::wake::Wake {
                id,
                after: after + Duration::from_secs(1),
            }));
        }
    }
    fx
}
