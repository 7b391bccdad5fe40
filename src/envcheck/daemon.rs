//! What the env check reads from the engine: the image's side (config env, history) and
//! the probe's helper image (built once from the host's static busybox, FROM scratch).

use futures_util::StreamExt;

use super::baked::ImageSide;
use super::helper_image;
use crate::engine::Engine;
use crate::model::build::{BuildEvent, BuildSpec};

/// The image `image` (an ID) config env and history (oldest first), named `shown` in
/// findings (the container's `Config.Image`); `Err` in words, masked by the caller.
pub async fn image_side(engine: &Engine, image: &str, shown: &str) -> Result<ImageSide, String> {
    let details = engine
        .inspect_image(image)
        .await
        .map_err(|e| e.to_string())?;
    let history = engine
        .image_history(image)
        .await
        .map_err(|e| e.to_string())?;
    Ok(ImageSide {
        reference: if shown.is_empty() {
            image.to_string()
        } else {
            shown.to_string()
        },
        env: details.config.env,
        history: history.into_iter().map(|h| h.created_by).collect(),
    })
}

/// The helper image's tag, building it when the engine does not have it yet.
pub async fn helper_image(engine: &Engine) -> Result<String, String> {
    let path = helper_image::find_busybox(std::env::var("DOCKTOR_BUSYBOX").ok().as_deref())?;
    let busybox =
        std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let tag = helper_image::tag(&busybox);
    if engine.inspect_image(&tag).await.is_ok() {
        return Ok(tag);
    }
    let context_tar = helper_image::context(&busybox)
        .map_err(|e| format!("cannot pack the helper image's context: {e}"))?;
    let spec = BuildSpec {
        tag: tag.clone(),
        context_tar,
        dockerfile: "Dockerfile".into(),
        labels: [("docktor.helper".to_string(), "probe".to_string())].into(),
        ..BuildSpec::default()
    };
    let mut events = std::pin::pin!(engine.build_image(spec));
    while let Some(ev) = events.next().await {
        if let BuildEvent::Failed(why) = ev {
            return Err(format!(
                "building the probe's helper image {tag} failed: {why}"
            ));
        }
    }
    Ok(tag)
}
