//! Full container inspect and an image's config, parsed by docktor (`details_parse.rs`)
//! rather than by the client library, so an engine newer than it cannot break them.

use super::details_parse::{parse_container, parse_image};
use super::raw::{BODY_LIMIT, Request, seg};
use super::{Engine, EngineError};
use crate::model::image_config::ImageConfig;
use crate::model::inspect::ContainerDetails;

impl Engine {
    /// `GET /containers/{id}/json`: everything the Health, Files, Env and Doctor views need.
    /// A container that does not exist is `EngineError::NotFound`.
    pub async fn container_details(&self, id: &str) -> Result<ContainerDetails, EngineError> {
        let doing = format!("inspect container {id}");
        let body = self
            .call(
                Request::get(format!("/containers/{}/json", seg(id))),
                &doing,
            )
            .await?
            .bytes(BODY_LIMIT)
            .await?;
        parse_container(&body).map_err(|e| EngineError::Api {
            doing,
            message: format!("the engine's answer does not parse: {e}"),
        })
    }

    /// `GET /images/{name}/json`, the parts a container inherits.
    pub async fn image_config(&self, image: &str) -> Result<ImageConfig, EngineError> {
        let doing = format!("inspect image {image}");
        let body = self
            .call(Request::get(format!("/images/{}/json", seg(image))), &doing)
            .await?
            .bytes(BODY_LIMIT)
            .await?;
        parse_image(&body).map_err(|e| EngineError::Api {
            doing,
            message: format!("the engine's answer does not parse: {e}"),
        })
    }
}
