//! The quick layer list (image inspect + history only, shown before any file is read) and
//! the image list for an Images view.
//!
//! **Base layers**: the layers that another local image consists of entirely are that
//! image's (the `FROM` of this one): among the other images, the longest whose diff_id list is
//! a strict prefix of this image's names the base (`base.rs`). When no such image is present
//! (a pulled image whose base was never pulled), the history decides: base images end with a
//! `CMD` or `ENTRYPOINT`, so the steps up to the last such entry that is followed by a
//! layer-making step are the base's. Otherwise nothing is marked as base (e.g. `FROM scratch`).

pub use super::base::{BaseInfo, BaseRule};
use super::history::{self, Step};
use super::{LayersError, base};
use crate::engine::{Engine, EngineError};
use crate::model::image::ImageDetails;
pub use crate::model::image::{GraphDriver, ImageRow};
use serde::Serialize;

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

/// The layers error for an engine error met while doing `action` to `image`.
/// Refuses a malformed reference before the daemon is asked.
pub(crate) fn checked(image: &str) -> Result<(), LayersError> {
    super::reference::check(image).map_err(|why| LayersError::BadReference {
        image: image.to_string(),
        why,
    })
}

pub(crate) fn engine_error(image: &str, action: &'static str, e: EngineError) -> LayersError {
    if e.is_not_found() {
        LayersError::ImageNotFound {
            image: image.to_string(),
        }
    } else {
        LayersError::Daemon {
            action,
            image: image.to_string(),
            detail: e.detail(),
        }
    }
}

/// The layer list of `image` from inspect + history: sizes, shares, instructions, empty
/// steps and base layers. Reads no file contents.
pub async fn quick_layers(engine: &Engine, image: &str) -> Result<ImageLayers, LayersError> {
    checked(image)?;
    let (inspect, hist) = tokio::join!(engine.inspect_image(image), engine.image_history(image));
    let inspect = inspect.map_err(|e| engine_error(image, "inspect image", e))?;
    let hist = hist.map_err(|e| engine_error(image, "read the history of", e))?;
    Ok(assemble(engine, image, inspect, hist).await)
}

/// Like [`quick_layers`], after the inspect was made (e.g. to look the ID up in a cache).
pub async fn quick_layers_after(
    engine: &Engine,
    image: &str,
    inspect: ImageDetails,
) -> Result<ImageLayers, LayersError> {
    let by = if inspect.id.is_empty() {
        image
    } else {
        &inspect.id
    };
    let hist = engine
        .image_history(by)
        .await
        .map_err(|e| engine_error(image, "read the history of", e))?;
    Ok(assemble(engine, image, inspect, hist).await)
}

async fn assemble(
    engine: &Engine,
    image: &str,
    inspect: ImageDetails,
    hist: Vec<crate::model::image::HistoryEntry>,
) -> ImageLayers {
    let diff_ids = inspect.layers;
    let size_bytes = inspect.size_bytes;
    let entries: Vec<history::Raw> = hist
        .into_iter()
        .map(|h| history::Raw {
            created_by: h.created_by,
            created: Some(h.created),
            comment: h.comment,
            size: Some(h.size_bytes),
            empty_layer: None,
        })
        .collect();
    let mut steps = history::steps(&entries, diff_ids.len(), size_bytes);
    let base = base::from_images(engine, &inspect.id, &diff_ids)
        .await
        .or_else(|| history::base_from_history(&steps));
    if let Some(b) = &base {
        history::mark_base(&mut steps, b.layers);
    }
    ImageLayers {
        image: image.to_string(),
        id: inspect.id,
        tags: inspect.tags,
        created: inspect.created,
        size_bytes,
        env: inspect.config.env,
        user: inspect.config.user,
        diff_ids,
        steps,
        base,
        graph_driver: inspect.graph_driver,
    }
}

/// All images of the daemon, largest first (intermediate build images excluded).
pub async fn list_images(engine: &Engine) -> Result<Vec<ImageRow>, LayersError> {
    let mut rows = engine
        .images()
        .await
        .map_err(|e| engine_error("(all images)", "list", e))?;
    rows.sort_by(|a, b| {
        b.size_bytes
            .cmp(&a.size_bytes)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(rows)
}
