//! `docktor demo` starts the four images as containers (`docktor-demo-<stage>`) and waits for
//! the optimized one's health check: the others have none, which is part of the lesson.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::{DemoError, DemoEvent, DemoImage};
use crate::engine::Engine;
use crate::model::Health;
use crate::model::run::ContainerSpec;

/// Name of the container `--run` starts (replaced on every run).
pub const CONTAINER: &str = "docktor-demo-optimized";

/// Starts every stage as `docktor-demo-<stage>` (the optimized one as [`CONTAINER`]) and
/// waits up to `timeout` for the optimized one's health check. Returns its container ID.
pub async fn start_all(
    engine: &Engine,
    images: &[DemoImage],
    timeout: Duration,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<Option<String>, DemoError> {
    let Some((optimized, others)) = images.split_last() else {
        return Ok(None);
    };
    for image in others {
        let name = format!("docktor-demo-{}", image.stage.name());
        start(engine, image, &name, progress).await?;
    }
    let id = start(engine, optimized, CONTAINER, progress).await?;
    wait_healthy(engine, timeout, progress).await?;
    Ok(Some(id))
}

/// Replaces any previous container `name` with a new one from `image` and starts it.
async fn start(
    engine: &Engine,
    image: &DemoImage,
    name: &str,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<String, DemoError> {
    engine
        .remove_container(name)
        .await
        .map_err(|e| DemoError::engine(format!("remove old {name}"), e))?;
    progress(DemoEvent::Starting {
        container: name.to_string(),
        image: image.tag.clone(),
    });
    let spec = ContainerSpec {
        name: name.to_string(),
        image: image.tag.clone(),
        labels: BTreeMap::from([("docktor.demo".to_string(), "1".to_string())]),
    };
    let id = engine
        .create_container(&spec)
        .await
        .map_err(|e| DemoError::engine(format!("create {name}"), e))?;
    engine
        .start_container(name)
        .await
        .map_err(|e| DemoError::engine(format!("start {name}"), e))?;
    Ok(id)
}

async fn wait_healthy(
    engine: &Engine,
    timeout: Duration,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<(), DemoError> {
    let deadline = Instant::now() + timeout;
    let mut last_status = String::new();
    loop {
        let state = engine
            .health_state(CONTAINER)
            .await
            .map_err(|e| DemoError::engine(format!("inspect {CONTAINER}"), e))?;
        let shown = if state.running {
            state.health.as_str().to_string()
        } else {
            format!("exited ({})", state.exit_code)
        };
        if shown != last_status {
            progress(DemoEvent::Health {
                container: CONTAINER.to_string(),
                status: shown.clone(),
            });
            last_status = shown.clone();
        }
        if state.running && state.health == Health::Healthy {
            return Ok(());
        }
        if !state.running || state.health == Health::Unhealthy || Instant::now() >= deadline {
            return Err(DemoError::Unhealthy {
                container: CONTAINER.to_string(),
                status: shown,
                last_output: state.last_output.unwrap_or_default(),
            });
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
