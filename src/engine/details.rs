//! Full container inspect and an image's config, parsed by docktor (`details_parse.rs`)
//! rather than by the client library, so an engine newer than it cannot break them.

use bytes::Bytes;

use super::container_extras::parse_extras;
use super::details_parse::{parse_container, parse_image};
use super::raw::{BODY_LIMIT, Request, seg};
use super::{Engine, EngineError};
use crate::model::files::ContainerExtras;
use crate::model::image_config::ImageConfig;
use crate::model::inspect::ContainerDetails;

impl Engine {
    /// `GET /containers/{id}/json`: everything the Health, Files, Env and Doctor views need.
    /// A container that does not exist is `EngineError::NotFound`.
    pub async fn container_details(&self, id: &str) -> Result<ContainerDetails, EngineError> {
        let (body, doing) = self.inspect_body(id).await?;
        parse_container(&body).map_err(|e| unparsed(doing, e))
    }

    /// One inspect of container `id`, read twice: the full details and the extras the
    /// Files view needs beside them (tmpfs, added groups, the engine's own files).
    pub async fn container_details_and_extras(
        &self,
        id: &str,
    ) -> Result<(ContainerDetails, ContainerExtras), EngineError> {
        let (body, doing) = self.inspect_body(id).await?;
        let details = parse_container(&body).map_err(|e| unparsed(doing.clone(), e))?;
        let extras = parse_extras(&body).map_err(|e| unparsed(doing, e))?;
        Ok((details, extras))
    }

    /// `GET /containers/{id}/json`'s body, and what it was doing (for errors).
    async fn inspect_body(&self, id: &str) -> Result<(Bytes, String), EngineError> {
        let doing = format!("inspect container {id}");
        let body = self
            .call(
                Request::get(format!("/containers/{}/json", seg(id))),
                &doing,
            )
            .await?
            .bytes(BODY_LIMIT)
            .await?;
        Ok((body, doing))
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

/// An answer that does not parse, as an engine error.
fn unparsed(doing: String, e: serde_json::Error) -> EngineError {
    EngineError::Api {
        doing,
        message: format!("the engine's answer does not parse: {e}"),
    }
}
