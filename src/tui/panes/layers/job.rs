//! The layers pane's job: the quick layer list of an image first (inspect + history, shown
//! at once), then the analysis of its files with progress, cancellable; analyses are cached
//! by image ID (shared with the comparison), so reopening an image is instant.

use std::sync::Arc;

use crate::diagnose::Finding;
use crate::layers::{
    AnalysisCache, AnalyzeOptions, Control, ImageAnalysis, ImageLayers, Opened, Progress,
};
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey, Shared};

/// The analysis cache all panes share: the process's own (`gather::layers::cache`), which
/// the Doctor and `docktor check` use too.
pub fn cache(_shared: &Shared) -> Arc<AnalysisCache> {
    crate::gather::layers::cache()
}

pub struct Analyse {
    /// Image ID or reference.
    pub image: String,
}

/// The layer list, before the files are read.
pub struct Quick(pub Box<ImageLayers>);
/// How far the file analysis is.
pub struct Progressed(pub Progress);
/// The analysis and the guide's advice, or why there is none.
pub struct Analysed(pub Result<(Arc<ImageAnalysis>, Vec<Finding>), String>);

pub fn key(image: &str) -> JobKey {
    JobKey::new("layers", image)
}

impl Job for Analyse {
    fn key(&self) -> JobKey {
        key(&self.image)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let out = ctx.report.clone();
            let profile = ctx.profile.clone();
            let done = |r: Result<Arc<ImageAnalysis>, String>| {
                Analysed(r.map(|a| {
                    let findings = crate::diagnose::advise_layers(a.clone(), &profile);
                    (a, findings)
                }))
            };
            let Some(engine) = ctx.engine_or(|e| done(Err(e))) else {
                return;
            };
            // The cache first: a hit costs one inspect, not the history and the base search.
            let cache = cache(&ctx.shared);
            let quick = match cache.open(&engine, &self.image).await {
                Ok(Opened::Listed(q)) => *q,
                Ok(Opened::Cached(hit)) => {
                    out.send(Quick(Box::new(hit.layers.clone())));
                    out.send(done(Ok(hit)));
                    return;
                }
                Err(e) => {
                    out.send(done(Err(e.to_string())));
                    return;
                }
            };
            out.send(Quick(Box::new(quick.clone())));
            let progress = out.clone();
            let control = Control::new()
                .with_cancel(ctx.cancel.flag())
                .with_progress(Arc::new(move |p| {
                    progress.send(Progressed(p.clone()));
                }));
            let opts = AnalyzeOptions {
                local_daemon: engine.is_local(),
                control,
                ..Default::default()
            };
            let result = crate::layers::analyze::analyze_from(&engine, quick, &opts)
                .await
                .map(Arc::new)
                .map_err(|e| e.to_string());
            if let Ok(a) = &result {
                cache.insert(a.clone());
            }
            out.send(done(result));
        })
    }
}
