//! Images: the list, inspect, history and tagging, as plain domain types
//! (`crate::model::image`).

use std::collections::BTreeMap;

use bollard::query_parameters::{ListImagesOptions, TagImageOptionsBuilder};

use super::{Engine, EngineError};
use crate::model::image::{
    GraphDriver, Healthcheck, HistoryEntry, ImageConfig, ImageDetails, ImageRow,
};

/// How the list shows an image without any tag.
const NO_TAG: &str = "<none>:<none>";

impl Engine {
    /// Every image of the engine (intermediate build images excluded), in the engine's order.
    pub async fn images(&self) -> Result<Vec<ImageRow>, EngineError> {
        let list = self
            .docker()
            .list_images(None::<ListImagesOptions>)
            .await
            .map_err(|e| EngineError::from_api("list images", e))?;
        Ok(list
            .into_iter()
            .map(|i| {
                let tags: Vec<String> = i.repo_tags.into_iter().filter(|t| t != NO_TAG).collect();
                ImageRow {
                    dangling: tags.is_empty(),
                    id: i.id,
                    tags,
                    size_bytes: u64::try_from(i.size).unwrap_or(0),
                    created: i.created,
                }
            })
            .collect())
    }

    /// Inspects image `name` (a tag, an ID or an ID prefix). A missing image is
    /// [`EngineError::NotFound`].
    pub async fn inspect_image(&self, name: &str) -> Result<ImageDetails, EngineError> {
        let i = self
            .docker()
            .inspect_image(name)
            .await
            .map_err(|e| EngineError::from_api(format!("inspect image {name}"), e))?;
        let c = i.config.unwrap_or_default();
        let mut exposed_ports: Vec<String> =
            c.exposed_ports.unwrap_or_default().into_keys().collect();
        exposed_ports.sort();
        let config = ImageConfig {
            env: c.env.unwrap_or_default(),
            user: c.user.filter(|u| !u.is_empty()),
            healthcheck: c.healthcheck.map(|h| Healthcheck {
                test: h.test.unwrap_or_default(),
                interval_ns: h.interval,
                timeout_ns: h.timeout,
                start_period_ns: h.start_period,
                retries: h.retries,
            }),
            cmd: c.cmd,
            entrypoint: c.entrypoint,
            workdir: c.working_dir.filter(|w| !w.is_empty()),
            labels: c.labels.unwrap_or_default().into_iter().collect(),
            exposed_ports,
        };
        Ok(ImageDetails {
            id: i.id.unwrap_or_default(),
            tags: i.repo_tags.unwrap_or_default(),
            size_bytes: i.size.and_then(|s| u64::try_from(s).ok()).unwrap_or(0),
            created: i
                .created
                .as_ref()
                .and_then(|c| serde_json::to_value(c).ok())
                .and_then(|v| v.as_str().map(String::from)),
            config,
            layers: i.root_fs.and_then(|r| r.layers).unwrap_or_default(),
            graph_driver: i.graph_driver.map(|g| GraphDriver {
                name: g.name,
                data: g.data.into_iter().collect::<BTreeMap<_, _>>(),
            }),
        })
    }

    /// The history of image `name`, **oldest first** (the engine answers newest first).
    pub async fn image_history(&self, name: &str) -> Result<Vec<HistoryEntry>, EngineError> {
        let h =
            self.docker().image_history(name).await.map_err(|e| {
                EngineError::from_api(format!("read the history of image {name}"), e)
            })?;
        Ok(h.into_iter()
            .rev()
            .map(|h| HistoryEntry {
                created_by: h.created_by,
                created: h.created,
                comment: h.comment,
                size_bytes: u64::try_from(h.size).unwrap_or(0),
            })
            .collect())
    }

    /// Tags image `source` as `repo:tag`.
    pub async fn tag_image(&self, source: &str, repo: &str, tag: &str) -> Result<(), EngineError> {
        let opts = TagImageOptionsBuilder::new().repo(repo).tag(tag).build();
        self.docker()
            .tag_image(source, Some(opts))
            .await
            .map_err(|e| EngineError::from_api(format!("tag {source} as {repo}:{tag}"), e))
    }
}
