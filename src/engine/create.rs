//! Containers docktor creates itself (the demo): create from a [`ContainerSpec`], start,
//! remove, and read the state and health it waits on.

use bollard::models::ContainerCreateBody;
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, InspectContainerOptions, RemoveContainerOptionsBuilder,
    StartContainerOptions,
};

use super::{Engine, EngineError};
use crate::model::Health;
use crate::model::run::{ContainerSpec, HealthState};

impl Engine {
    /// Creates a container from `spec`; returns its ID.
    pub async fn create_container(&self, spec: &ContainerSpec) -> Result<String, EngineError> {
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            labels: Some(spec.labels.clone().into_iter().collect()),
            ..Default::default()
        };
        let opts = CreateContainerOptionsBuilder::new()
            .name(&spec.name)
            .build();
        let created = self
            .docker()
            .create_container(Some(opts), body)
            .await
            .map_err(|e| EngineError::from_api(format!("create {}", spec.name), e))?;
        Ok(created.id)
    }

    /// Starts container `name` (a name or an ID).
    pub async fn start_container(&self, name: &str) -> Result<(), EngineError> {
        self.docker()
            .start_container(name, None::<StartContainerOptions>)
            .await
            .map_err(|e| EngineError::from_api(format!("start {name}"), e))
    }

    /// Removes container `name`, stopping it first if it runs. `Ok(false)` when there was
    /// no such container.
    pub async fn remove_container(&self, name: &str) -> Result<bool, EngineError> {
        let opts = RemoveContainerOptionsBuilder::new().force(true).build();
        match self.docker().remove_container(name, Some(opts)).await {
            Ok(()) => Ok(true),
            Err(e) => match EngineError::from_api(format!("remove {name}"), e) {
                e if e.is_not_found() => Ok(false),
                e => Err(e),
            },
        }
    }

    /// Whether container `name` runs, its last exit code and its health check's verdict.
    pub async fn health_state(&self, name: &str) -> Result<HealthState, EngineError> {
        let inspect = self
            .docker()
            .inspect_container(name, None::<InspectContainerOptions>)
            .await
            .map_err(|e| EngineError::from_api(format!("inspect {name}"), e))?;
        let state = inspect.state.unwrap_or_default();
        let health = state.health.unwrap_or_default();
        Ok(HealthState {
            running: state.running.unwrap_or(false),
            exit_code: state.exit_code.unwrap_or_default(),
            health: health
                .status
                .map(|s| Health::parse(s.as_ref()))
                .unwrap_or(Health::None),
            last_output: health
                .log
                .and_then(|log| log.last().and_then(|l| l.output.clone())),
        })
    }
}
