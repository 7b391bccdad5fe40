//! In-memory cache of finished analyses keyed by image ID, so reopening an image is instant.
//! An image ID is the digest of its config, which names its layers: a cached analysis can
//! never be stale. (No disk cache: an analysis rebuilds in well under a second locally.)
//! The cache is asked right after the image's own inspect, before its history is read or
//! the other images are looked at for its base: a hit costs one request.

use super::LayersError;
use super::analyze::{AnalyzeOptions, ImageAnalysis, analyze_from};
use super::quick::{self, ImageLayers, engine_error};
use crate::engine::Engine;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// What opening an image found.
#[derive(Debug)]
pub enum Opened {
    /// Analysed before: everything is known.
    Cached(Arc<ImageAnalysis>),
    /// New: the quick layer list, for the contents to be read next.
    Listed(Box<ImageLayers>),
}

/// Analyses by image ID, and the IDs in insertion order (oldest first).
type Entries = (HashMap<String, Arc<ImageAnalysis>>, VecDeque<String>);

/// Keeps the last `capacity` analyses.
#[derive(Debug)]
pub struct AnalysisCache {
    capacity: usize,
    inner: Mutex<Entries>,
}

impl Default for AnalysisCache {
    fn default() -> Self {
        Self::new(8)
    }
}

impl AnalysisCache {
    pub fn new(capacity: usize) -> Self {
        AnalysisCache {
            capacity: capacity.max(1),
            inner: Mutex::new((HashMap::new(), VecDeque::new())),
        }
    }

    pub fn get(&self, image_id: &str) -> Option<Arc<ImageAnalysis>> {
        let guard = self.inner.lock().ok()?;
        guard.0.get(image_id).cloned()
    }

    pub fn insert(&self, a: Arc<ImageAnalysis>) {
        let Ok(mut guard) = self.inner.lock() else {
            return;
        };
        let (map, order) = &mut *guard;
        let id = a.layers.id.clone();
        if map.insert(id.clone(), a).is_none() {
            order.push_back(id);
        }
        while order.len() > self.capacity {
            if let Some(old) = order.pop_front() {
                map.remove(&old);
            }
        }
    }

    /// Opens `image`: inspects it to learn its ID, and returns its cached analysis, or else
    /// its quick layer list (history and base read only then).
    pub async fn open(&self, engine: &Engine, image: &str) -> Result<Opened, LayersError> {
        quick::checked(image)?;
        let inspect = engine
            .inspect_image(image)
            .await
            .map_err(|e| engine_error(image, "inspect image", e))?;
        if let Some(hit) = self.get(&inspect.id) {
            return Ok(Opened::Cached(hit));
        }
        let quick = quick::quick_layers_after(engine, image, inspect).await?;
        Ok(Opened::Listed(Box::new(quick)))
    }

    /// The cached analysis of `image`, or a new one (then cached).
    pub async fn analyze(
        &self,
        engine: &Engine,
        image: &str,
        opts: &AnalyzeOptions,
    ) -> Result<Arc<ImageAnalysis>, LayersError> {
        let quick = match self.open(engine, image).await? {
            Opened::Cached(hit) => return Ok(hit),
            Opened::Listed(quick) => *quick,
        };
        let a = Arc::new(analyze_from(engine, quick, opts).await?);
        self.insert(a.clone());
        Ok(a)
    }
}
