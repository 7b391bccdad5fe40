//! Background work for the layers pane, the Images view and comparisons: quick layer lists,
//! full analyses (cached by image ID, cancellable, with progress) and the image list.

use tokio::sync::mpsc::UnboundedSender;

use super::app::Msg;
use crate::engine::Engine;

/// Analyses an image's layers for the layers pane: the quick list first (shown at once),
/// then the contents with progress, cancellable through `cancel`; results cached by image ID
/// so reopening an image is instant.
pub fn spawn_analysis(
    engine: Engine,
    image: String,
    cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    cache: std::sync::Arc<crate::layers::AnalysisCache>,
    profile: std::sync::Arc<crate::profile::Profile>,
    tx: UnboundedSender<Msg>,
) {
    use crate::layers::{AnalyzeOptions, Control, Opened};
    tokio::spawn(async move {
        let done = |result: Result<std::sync::Arc<crate::layers::ImageAnalysis>, String>| {
            Msg::LayersDone {
                image: image.clone(),
                result: result.map(|a| {
                    let findings = crate::diagnose::advise_layers(a.clone(), &profile);
                    (a, findings)
                }),
            }
        };
        // The cache first: a hit costs one inspect, not the history and the base search.
        let quick = match cache.open(&engine, &image).await {
            Ok(Opened::Listed(q)) => *q,
            Ok(Opened::Cached(hit)) => {
                let _ = tx.send(Msg::LayersQuick {
                    image: image.clone(),
                    quick: Box::new(hit.layers.clone()),
                });
                let _ = tx.send(done(Ok(hit)));
                return;
            }
            Err(e) => {
                let _ = tx.send(done(Err(e.to_string())));
                return;
            }
        };
        let _ = tx.send(Msg::LayersQuick {
            image: image.clone(),
            quick: Box::new(quick.clone()),
        });
        let progress_tx = tx.clone();
        let progress_image = image.clone();
        let control = Control::new()
            .with_cancel(cancel)
            .with_progress(std::sync::Arc::new(move |p| {
                let _ = progress_tx.send(Msg::LayersProgress {
                    image: progress_image.clone(),
                    progress: p.clone(),
                });
            }));
        let opts = AnalyzeOptions {
            local_daemon: engine.is_local(),
            control,
            ..Default::default()
        };
        let result = crate::layers::analyze::analyze_from(&engine, quick, &opts)
            .await
            .map(std::sync::Arc::new)
            .map_err(|e| e.to_string());
        if let Ok(a) = &result {
            cache.insert(a.clone());
        }
        let _ = tx.send(done(result));
    });
}

pub fn spawn_images(engine: Engine, tx: UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let r = crate::layers::list_images(&engine)
            .await
            .map_err(|e| e.to_string());
        let _ = tx.send(Msg::Images(r));
    });
}

/// Analyses the images of a comparison one after the other (memory stays that of one
/// analysis), reporting each as it is done; cached analyses are reused.
pub fn spawn_compare(
    engine: Engine,
    images: Vec<String>,
    cache: std::sync::Arc<crate::layers::AnalysisCache>,
    profile: std::sync::Arc<crate::profile::Profile>,
    tx: UnboundedSender<Msg>,
) {
    use crate::layers::{AnalyzeOptions, ImageSummary};
    tokio::spawn(async move {
        for image in images {
            let result = async {
                let opts = AnalyzeOptions {
                    local_daemon: engine.is_local(),
                    ..Default::default()
                };
                let analysis = cache
                    .analyze(&engine, &image, &opts)
                    .await
                    .map_err(|e| e.to_string())?;
                let findings = crate::diagnose::advise_layers(analysis.clone(), &profile);
                Ok::<_, String>((Box::new(ImageSummary::from_analysis(&analysis)), findings))
            }
            .await;
            if tx.send(Msg::CompareOne { image, result }).is_err() {
                return;
            }
        }
    });
}
