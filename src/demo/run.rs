//! `docktor demo --run`: starts the optimized image and waits for its health check.

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

/// Replaces any previous demo container with a new one from `image`, starts it and waits up to
/// `timeout` for its health check to pass. Returns the container ID.
pub async fn start_optimized(
    docker: &bollard::Docker,
    image: &DemoImage,
    timeout: Duration,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<String, DemoError> {
    let remove = RemoveContainerOptionsBuilder::new().force(true).build();
    match docker.remove_container(CONTAINER, Some(remove)).await {
        Ok(())
        | Err(bollard::errors::Error::DockerResponseServerError {
            status_code: 404, ..
        }) => {}
        Err(e) => return Err(DemoError::engine(format!("remove old {CONTAINER}"), e)),
    }
    progress(DemoEvent::Starting {
        container: CONTAINER.to_string(),
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
    let create = CreateContainerOptionsBuilder::new().name(CONTAINER).build();
    let created = docker
        .create_container(Some(create), body)
        .await
        .map_err(|e| DemoError::engine(format!("create {CONTAINER}"), e))?;
    docker
        .start_container(CONTAINER, None::<StartContainerOptions>)
        .await
        .map_err(|e| DemoError::engine(format!("start {CONTAINER}"), e))?;
    wait_healthy(docker, timeout, progress).await?;
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
