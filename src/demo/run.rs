//! `docktor demo` starts the four images as containers (`docktor-demo-<stage>`) and waits for
//! the optimized one's health check: the others have none, which is part of the lesson.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bollard::models::{ContainerCreateBody, HealthStatusEnum};
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, InspectContainerOptions, RemoveContainerOptionsBuilder,
    StartContainerOptions,
};

use super::{DemoError, DemoEvent, DemoImage};

/// Name of the container `--run` starts (replaced on every run).
pub const CONTAINER: &str = "docktor-demo-optimized";

/// Starts every stage as `docktor-demo-<stage>` (the optimized one as [`CONTAINER`]) and
/// waits up to `timeout` for the optimized one's health check. Returns its container ID.
pub async fn start_all(
    docker: &bollard::Docker,
    images: &[DemoImage],
    timeout: Duration,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<Option<String>, DemoError> {
    let Some((optimized, others)) = images.split_last() else {
        return Ok(None);
    };
    for image in others {
        let name = format!("docktor-demo-{}", image.stage.name());
        start(docker, image, &name, progress).await?;
    }
    let id = start(docker, optimized, CONTAINER, progress).await?;
    wait_healthy(docker, timeout, progress).await?;
    Ok(Some(id))
}

/// Replaces any previous container `name` with a new one from `image` and starts it.
async fn start(
    docker: &bollard::Docker,
    image: &DemoImage,
    name: &str,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<String, DemoError> {
    let remove = RemoveContainerOptionsBuilder::new().force(true).build();
    match docker.remove_container(name, Some(remove)).await {
        Ok(())
        | Err(bollard::errors::Error::DockerResponseServerError {
            status_code: 404, ..
        }) => {}
        Err(e) => return Err(DemoError::engine(format!("remove old {name}"), e)),
    }
    progress(DemoEvent::Starting {
        container: name.to_string(),
        image: image.tag.clone(),
    });
    let body = ContainerCreateBody {
        image: Some(image.tag.clone()),
        labels: Some(HashMap::from([(
            "docktor.demo".to_string(),
            "1".to_string(),
        )])),
        ..Default::default()
    };
    let create = CreateContainerOptionsBuilder::new().name(name).build();
    let created = docker
        .create_container(Some(create), body)
        .await
        .map_err(|e| DemoError::engine(format!("create {name}"), e))?;
    docker
        .start_container(name, None::<StartContainerOptions>)
        .await
        .map_err(|e| DemoError::engine(format!("start {name}"), e))?;
    Ok(created.id)
}

async fn wait_healthy(
    docker: &bollard::Docker,
    timeout: Duration,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<(), DemoError> {
    let deadline = Instant::now() + timeout;
    let mut last_status = String::new();
    loop {
        let inspect = docker
            .inspect_container(CONTAINER, None::<InspectContainerOptions>)
            .await
            .map_err(|e| DemoError::engine(format!("inspect {CONTAINER}"), e))?;
        let state = inspect.state.unwrap_or_default();
        let health = state.health.unwrap_or_default();
        let status = health.status.unwrap_or(HealthStatusEnum::EMPTY);
        let last_output = health
            .log
            .and_then(|log| log.last().and_then(|l| l.output.clone()))
            .unwrap_or_default();
        let running = state.running.unwrap_or(false);
        let shown = if running {
            status.to_string()
        } else {
            format!("exited ({})", state.exit_code.unwrap_or_default())
        };
        if shown != last_status {
            progress(DemoEvent::Health {
                container: CONTAINER.to_string(),
                status: shown.clone(),
            });
            last_status = shown.clone();
        }
        if running && status == HealthStatusEnum::HEALTHY {
            return Ok(());
        }
        if !running || status == HealthStatusEnum::UNHEALTHY || Instant::now() >= deadline {
            return Err(DemoError::Unhealthy {
                container: CONTAINER.to_string(),
                status: shown,
                last_output,
            });
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
