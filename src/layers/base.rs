//! The base image of an image: the longest other local image whose layers are a strict
//! prefix of its layers. Each other image is inspected **at most once per process**: an image
//! ID is the digest of its config, which names its layers, so what an ID's layers are never
//! changes (on any engine). Opening many images, or comparing them, lists the images once
//! per image and inspects only those never seen.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use futures_util::StreamExt;
use serde::Serialize;

use crate::engine::Engine;
use crate::model::short_id;

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

/// Inspects of other images running at once.
const PARALLEL_INSPECTS: usize = 8;

/// Layers (diff_ids) by image ID, for every image inspected so far.
fn known() -> &'static Mutex<HashMap<String, Arc<[String]>>> {
    static KNOWN: OnceLock<Mutex<HashMap<String, Arc<[String]>>>> = OnceLock::new();
    KNOWN.get_or_init(Default::default)
}

fn remembered(id: &str) -> Option<Arc<[String]>> {
    known().lock().ok()?.get(id).cloned()
}

fn remember(id: &str, layers: Arc<[String]>) {
    if let Ok(mut m) = known().lock() {
        m.insert(id.to_string(), layers);
    }
}

/// The layers of image `id`: remembered, or inspected once.
async fn layers_of(engine: &Engine, id: &str) -> Option<Arc<[String]>> {
    if let Some(l) = remembered(id) {
        return Some(l);
    }
    let layers: Arc<[String]> = engine.inspect_image(id).await.ok()?.layers.into();
    remember(id, layers.clone());
    Some(layers)
}

/// The base among the other local images of the image `own_id` made of `diff_ids`.
pub async fn from_images(engine: &Engine, own_id: &str, diff_ids: &[String]) -> Option<BaseInfo> {
    let images = engine.images().await.ok()?;
    let found = futures_util::stream::iter(images.into_iter().filter(|i| i.id != own_id))
        .map(|img| async move {
            let layers = layers_of(engine, &img.id).await?;
            let name = img
                .tags
                .first()
                .cloned()
                .unwrap_or_else(|| short_id(&img.id).to_string());
            Some((layers, name))
        })
        .buffer_unordered(PARALLEL_INSPECTS)
        .filter_map(|x| async move { x })
        .collect::<Vec<_>>()
        .await;
    found
        .into_iter()
        .filter(|(layers, _)| {
            !layers.is_empty() && layers.len() < diff_ids.len() && diff_ids.starts_with(layers)
        })
        // The longest; among images of the same layers, the first name (the answer must not
        // depend on the order inspects come back in).
        .max_by(|(a, an), (b, bn)| a.len().cmp(&b.len()).then_with(|| bn.cmp(an)))
        .map(|(layers, name)| BaseInfo {
            name: Some(name),
            layers: layers.len(),
            rule: BaseRule::SharedWithImage,
        })
}
