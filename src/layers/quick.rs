//! The quick layer list (image inspect + history only, shown before any file is read) and
//! the image list for an Images view.
//!
//! **Base layers**: the layers that another local image consists of entirely are that
//! image's (the `FROM` of this one): among the other images, the longest whose diff_id list is
//! a strict prefix of this image's names the base. When no such image is present (a pulled
//! image whose base was never pulled), the history decides: base images end with a `CMD` or
//! `ENTRYPOINT`, so the steps up to the last such entry that is followed by a layer-making step
//! are the base's. Otherwise nothing is marked as base (e.g. `FROM scratch`).

use super::LayersError;
use super::history::{self, Step};
use bollard::Docker;
use futures_util::StreamExt;
use serde::Serialize;

/// The storage driver of an image and its driver data (`LowerDir`, `UpperDir`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GraphDriver {
    pub name: String,
    pub data: std::collections::BTreeMap<String, String>,
}

/// Which rule named the base layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseRule {
    /// Another local image's layers are a prefix of this image's.
    SharedWithImage,
    /// The history's last `CMD`/`ENTRYPOINT` before the project's own steps.
    HistoryBoundary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseInfo {
    /// Tag (or short ID) of the base image, when known.
    pub name: Option<String>,
    /// Number of layers (diff_ids) that belong to the base.
    pub layers: usize,
    pub rule: BaseRule,
}

/// An image's layer list from inspect + history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageLayers {
    /// The name the image was asked by.
    pub image: String,
    pub id: String,
    pub tags: Vec<String>,
    pub created: Option<String>,
    /// Total image size as the daemon reports it.
    pub size_bytes: u64,
    pub env: Vec<String>,
    pub user: Option<String>,
    pub diff_ids: Vec<String>,
    /// Every history entry, oldest first, empty ones included (a UI may fold them).
    pub steps: Vec<Step>,
    pub base: Option<BaseInfo>,
    #[serde(skip)]
    pub graph_driver: Option<GraphDriver>,
}

/// One row of the Images view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRow {
    pub id: String,
    pub tags: Vec<String>,
    pub size_bytes: u64,
    /// Unix seconds.
    pub created: i64,
    pub dangling: bool,
}

pub(crate) fn daemon_error(
    image: &str,
    action: &'static str,
    e: bollard::errors::Error,
) -> LayersError {
    match e {
        bollard::errors::Error::DockerResponseServerError {
            status_code: 404, ..
        } => LayersError::ImageNotFound {
            image: image.to_string(),
        },
        other => LayersError::Daemon {
            action,
            image: image.to_string(),
            detail: other.to_string(),
        },
    }
}

/// The layer list of `image` from inspect + history: sizes, shares, instructions, empty
/// steps and base layers. Reads no file contents.
pub async fn quick_layers(docker: &Docker, image: &str) -> Result<ImageLayers, LayersError> {
    let (inspect, hist) = tokio::join!(docker.inspect_image(image), docker.image_history(image));
    let inspect = inspect.map_err(|e| daemon_error(image, "inspect image", e))?;
    let hist = hist.map_err(|e| daemon_error(image, "read the history of", e))?;
    let diff_ids = inspect
        .root_fs
        .as_ref()
        .and_then(|r| r.layers.clone())
        .unwrap_or_default();
    let size_bytes = inspect.size.unwrap_or(0).max(0) as u64;
    let entries: Vec<history::Raw> = hist
        .iter()
        .rev()
        .map(|h| history::Raw {
            created_by: h.created_by.clone(),
            created: Some(h.created),
            comment: h.comment.clone(),
            size: Some(h.size.max(0) as u64),
            empty_layer: None,
        })
        .collect();
    let mut steps = history::steps(&entries, diff_ids.len(), size_bytes);
    let id = inspect.id.clone().unwrap_or_default();
    let base = base_from_images(docker, &id, &diff_ids)
        .await
        .or_else(|| history::base_from_history(&steps));
    if let Some(b) = &base {
        history::mark_base(&mut steps, b.layers);
    }
    let cfg = inspect.config.as_ref();
    Ok(ImageLayers {
        image: image.to_string(),
        id,
        tags: inspect.repo_tags.clone().unwrap_or_default(),
        created: inspect
            .created
            .as_ref()
            .and_then(|c| serde_json::to_value(c).ok())
            .and_then(|v| v.as_str().map(String::from)),
        size_bytes,
        env: cfg.and_then(|c| c.env.clone()).unwrap_or_default(),
        user: cfg.and_then(|c| c.user.clone()).filter(|u| !u.is_empty()),
        diff_ids,
        steps,
        base,
        graph_driver: inspect.graph_driver.as_ref().map(|g| GraphDriver {
            name: g.name.clone(),
            data: g.data.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }),
    })
}

async fn base_from_images(docker: &Docker, own_id: &str, diff_ids: &[String]) -> Option<BaseInfo> {
    let images = docker
        .list_images(None::<bollard::query_parameters::ListImagesOptions>)
        .await
        .ok()?;
    let candidates: Vec<_> = images.into_iter().filter(|i| i.id != own_id).collect();
    let found = futures_util::stream::iter(candidates)
        .map(|img| async move {
            let layers = docker.inspect_image(&img.id).await.ok()?.root_fs?.layers?;
            let name = img
                .repo_tags
                .iter()
                .find(|t| t.as_str() != "<none>:<none>")
                .cloned();
            Some((layers, name.unwrap_or_else(|| short_id(&img.id))))
        })
        .buffer_unordered(8)
        .filter_map(|x| async move { x })
        .collect::<Vec<_>>()
        .await;
    found
        .into_iter()
        .filter(|(layers, _)| {
            !layers.is_empty() && layers.len() < diff_ids.len() && diff_ids.starts_with(layers)
        })
        .max_by_key(|(layers, _)| layers.len())
        .map(|(layers, name)| BaseInfo {
            name: Some(name),
            layers: layers.len(),
            rule: BaseRule::SharedWithImage,
        })
}

pub(crate) fn short_id(id: &str) -> String {
    id.trim_start_matches("sha256:").chars().take(12).collect()
}

/// All images of the daemon, largest first (intermediate build images excluded).
pub async fn list_images(docker: &Docker) -> Result<Vec<ImageRow>, LayersError> {
    let images = docker
        .list_images(None::<bollard::query_parameters::ListImagesOptions>)
        .await
        .map_err(|e| daemon_error("(all images)", "list", e))?;
    let mut rows: Vec<ImageRow> = images
        .into_iter()
        .map(|i| {
            let tags: Vec<String> = i
                .repo_tags
                .into_iter()
                .filter(|t| t != "<none>:<none>")
                .collect();
            ImageRow {
                dangling: tags.is_empty(),
                id: i.id,
                tags,
                size_bytes: i.size.max(0) as u64,
                created: i.created,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.size_bytes
            .cmp(&a.size_bytes)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(rows)
}
