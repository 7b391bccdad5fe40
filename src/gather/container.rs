//! `Fact::Container`: a container's full inspect, its image's config, and a stat of the
//! `start.sh` its entrypoint runs (archive `HEAD`, works on stopped containers too); for an
//! image, its config alone.

use std::sync::Arc;

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::{Engine, EngineError};
use crate::model::archive::FileKind;
use crate::model::image_config::ImageConfig;
use crate::profile::Profile;
use crate::runtime::{ContainerFacts, ScriptLookup};

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    _profile: &Profile,
    _cancel: &Cancel,
) -> Gathered {
    let part = match subject {
        Subject::Container { id, name } => of_container(engine, id, name).await,
        Subject::Image { reference } => match engine.image_config(reference).await {
            Ok(image) => Ok(ContainerFacts {
                details: None,
                image,
                script: None,
                last_logs: Vec::new(),
            }),
            Err(e) => Err(e.to_string()),
        },
        Subject::Context { .. } => Err("a build context has no container".into()),
        Subject::Engine { .. } => Err("the engine as a whole has no container config".into()),
    };
    let part = match part {
        Ok(f) => Part::Ready(Arc::new(f)),
        Err(why) => Part::Unavailable(why),
    };
    Gathered::part(Fact::Container, |f| &mut f.container, part)
}

async fn of_container(engine: &Engine, id: &str, name: &str) -> Result<ContainerFacts, String> {
    let details = engine.container_details(id).await.map_err(|e| match e {
        EngineError::NotFound { .. } => {
            format!("container {name} is gone (removed since it was listed)")
        }
        e => e.to_string(),
    })?;
    // The image may have been removed or retagged: its config is then unknown, and the
    // container's own (which the daemon merged the image's into at create) is used.
    let image = engine
        .image_config(&details.image_id)
        .await
        .unwrap_or_else(|_| ImageConfig::default());
    // Stopped, or brought back by its restart policy: why it stopped is in its last lines.
    let stopped = !details.state.running || details.state.restarting || details.restart_count > 0;
    let mut facts = ContainerFacts {
        details: Some(details),
        image,
        script: None,
        last_logs: Vec::new(),
    };
    if stopped {
        facts.last_logs = last_lines(engine, id).await;
    }
    if let Some(script) = facts.entry_script() {
        let lookup = stat(engine, id, &script.path).await;
        facts.script = Some((script, lookup));
    }
    Ok(facts)
}

/// How many of a stopped container's last log lines are kept.
const LAST_LINES: usize = 10;

/// A stopped container's last log lines, cleaned; none when the logs cannot be read (a
/// logging driver without read support, a slow daemon): the rules do without them.
async fn last_lines(engine: &Engine, id: &str) -> Vec<String> {
    use futures_util::StreamExt;
    let read = engine
        .logs(id, LAST_LINES, false)
        .take(LAST_LINES)
        .filter_map(|l| std::future::ready(l.ok()))
        .map(|l| crate::health::output::clean(&l.text).trim_end().to_string())
        .filter(|l| std::future::ready(!l.trim().is_empty()))
        .collect::<Vec<_>>();
    tokio::time::timeout(std::time::Duration::from_secs(5), read)
        .await
        .unwrap_or_default()
}

/// The script's stat, through one symbolic link.
async fn stat(engine: &Engine, id: &str, path: &str) -> ScriptLookup {
    let mut path = path.to_string();
    for _ in 0..3 {
        match engine.path_stat(id, &path).await {
            Ok(s) if s.kind == FileKind::Symlink && !s.link_target.is_empty() => {
                path = s.link_target.clone();
            }
            Ok(s) => return ScriptLookup::Found(s),
            Err(EngineError::PathNotFound { .. } | EngineError::NotFound { .. }) => {
                return ScriptLookup::Missing;
            }
            Err(e) => return ScriptLookup::Failed(e.to_string()),
        }
    }
    ScriptLookup::Failed(format!("{path}: too many symbolic links"))
}
