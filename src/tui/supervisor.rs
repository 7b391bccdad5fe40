//! The connection's supervisor: connect, list, follow the event stream, and on loss say
//! "disconnected" and retry until the engine is back. It reports as `Msg`s and hands the
//! live engine to the event loop through a watch channel; it holds no state the UI reads.

use std::collections::HashSet;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::sync::{mpsc::UnboundedSender, watch};
use tokio::task::JoinHandle;

use super::msg::Msg;
use crate::clock::now;
use crate::engine::host::{Source, Target};
use crate::engine::{Engine, EngineError};

/// Pause between reconnection attempts.
pub const RETRY: Duration = Duration::from_secs(2);
/// Events arriving within this window are answered with one list request.
const DEBOUNCE: Duration = Duration::from_millis(80);
/// How long the first start-time inspects wait, so they do not delay the first frame.
const FIRST_INSPECT_DELAY: Duration = Duration::from_millis(150);

pub fn spawn_supervisor(
    target: Target,
    tx: UnboundedSender<Msg>,
    slot: watch::Sender<Option<Engine>>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let engine = match Engine::connect(&target).await {
                Ok(e) => e,
                Err(e) => {
                    let _ = tx.send(down(&target, &e));
                    tokio::time::sleep(RETRY).await;
                    continue;
                }
            };
            let _ = slot.send(Some(engine.clone()));
            if tx.send(Msg::Connected(engine.info.clone())).is_err() {
                return;
            }
            let lost = watch_engine(&engine, &tx).await;
            let _ = slot.send(None);
            if tx.send(down(&target, &lost)).is_err() {
                return;
            }
            tokio::time::sleep(RETRY / 2).await;
        }
    })
}

fn down(target: &Target, e: &EngineError) -> Msg {
    let mut reason = match e {
        EngineError::Unreachable { reason, hint, .. } => format!("{reason}\n{hint}"),
        other => other.to_string(),
    };
    // Say where the address came from, as written there: `DOCKER_HOST=garbage` is read as
    // tcp://garbage:2375, as the docker CLI reads it.
    if target.source == Source::Env
        && let Ok(raw) = std::env::var("DOCKER_HOST")
        && raw != target.uri
    {
        reason.push_str(&format!(
            "\n(from DOCKER_HOST={raw}, read as {} as the docker CLI reads it)",
            target.uri
        ));
    }
    Msg::Disconnected {
        uri: target.uri.clone(),
        reason,
    }
}

/// Lists, then keeps the list current from the event stream. Returns why it stopped.
async fn watch_engine(engine: &Engine, tx: &UnboundedSender<Msg>) -> EngineError {
    let since = now() - 1;
    let mut events = Box::pin(engine.container_events(since));
    let mut inspected: HashSet<String> = HashSet::new();
    // The first inspects wait a moment: the list on screen comes first.
    if let Err(e) = refresh(engine, tx, &mut inspected, FIRST_INSPECT_DELAY).await {
        return e;
    }
    let mut pending = false;
    let mut restarted: HashSet<String> = HashSet::new();
    loop {
        tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => {
                    if REINSPECT.contains(&ev.action.as_str()) {
                        restarted.insert(ev.id);
                    }
                    pending = true;
                }
                Some(Err(e)) => return e,
                None => return EngineError::Api { doing: "watch events".into(), message: "the engine closed the event stream".into() },
            },
            _ = tokio::time::sleep(DEBOUNCE), if pending => {
                pending = false;
                for id in restarted.drain() {
                    inspected.remove(&id);
                }
                if let Err(e) = refresh(engine, tx, &mut inspected, Duration::ZERO).await {
                    return e;
                }
            }
        }
    }
}

/// Events after which a container's runs are inspected again (start and end times, exit
/// code and restart count change).
const REINSPECT: &[&str] = &["start", "restart", "unpause", "die", "stop", "kill", "oom"];

/// One list request, then (in the background) inspects of the containers whose runs we do
/// not know yet (start and end times, exit code, restarts).
async fn refresh(
    engine: &Engine,
    tx: &UnboundedSender<Msg>,
    inspected: &mut HashSet<String>,
    delay: Duration,
) -> Result<(), EngineError> {
    let list = engine.containers(true).await?;
    // Running ones first: their uptime is on screen.
    let mut todo: Vec<(bool, String)> = list
        .iter()
        .filter(|c| !inspected.contains(&c.id))
        .map(|c| (!c.state.is_up(), c.id.clone()))
        .collect();
    todo.sort();
    let todo: Vec<String> = todo.into_iter().map(|(_, id)| id).collect();
    let _ = tx.send(Msg::Containers(list));
    inspected.extend(todo.iter().cloned());
    if !todo.is_empty() {
        let (engine, tx) = (engine.clone(), tx.clone());
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let mut s = futures_util::stream::iter(todo.into_iter().map(|id| {
                let e = engine.clone();
                async move { (id.clone(), e.inspect_runs(&id).await) }
            }))
            .buffer_unordered(4);
            while let Some((id, r)) = s.next().await {
                if let Ok(facts) = r {
                    let _ = tx.send(Msg::Inspected { id, facts });
                }
            }
        });
    }
    Ok(())
}
