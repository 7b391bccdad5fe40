//! `Fact::Layers`: the image's files layer by layer, through the one analysis cache of the
//! process (the Layers tab, the comparison, the Doctor and `docktor check` share it), so an
//! image analysed once is not read again.

use std::sync::{Arc, OnceLock};

use super::{Cancel, Gathered};
use crate::diagnose::{Fact, Part, Subject};
use crate::engine::Engine;
use crate::layers::{AnalysisCache, AnalyzeOptions, Control};
use crate::profile::Profile;

/// Analyses kept in memory, by image ID.
const CACHED_ANALYSES: usize = 8;

/// The process's analysis cache.
pub fn cache() -> Arc<AnalysisCache> {
    static CACHE: OnceLock<Arc<AnalysisCache>> = OnceLock::new();
    CACHE
        .get_or_init(|| Arc::new(AnalysisCache::new(CACHED_ANALYSES)))
        .clone()
}

/// The image a subject runs: a container's image ID, or the image itself.
pub async fn image_of(engine: &Engine, subject: &Subject) -> Result<String, String> {
    match subject {
        Subject::Image { reference } => Ok(reference.clone()),
        Subject::Container { id, .. } => engine
            .container_details(id)
            .await
            .map(|d| {
                if d.image_id.is_empty() {
                    d.image
                } else {
                    d.image_id
                }
            })
            .map_err(|e| e.to_string()),
        Subject::Context { .. } => Err("a build context is not an image yet".into()),
        Subject::Engine { .. } => Err("the engine as a whole is not one image".into()),
    }
}

pub async fn gather(
    engine: &Engine,
    subject: &Subject,
    _profile: &Profile,
    cancel: &Cancel,
) -> Gathered {
    let part = match image_of(engine, subject).await {
        Err(why) => Part::Unavailable(why),
        Ok(image) => {
            let opts = AnalyzeOptions {
                local_daemon: engine.is_local(),
                control: Control::new().with_cancel(cancel.flag()),
                ..Default::default()
            };
            Part::from_result(cache().analyze(engine, &image, &opts).await)
        }
    };
    Gathered::part(Fact::Layers, |f| &mut f.layers, part)
}
