//! In-memory cache of finished analyses keyed by image ID, so reopening an image is instant.
//! An image ID is the digest of its config, which names its layers: a cached analysis can
//! never be stale. (No disk cache: an analysis rebuilds in well under a second locally.)

use super::analyze::{AnalyzeOptions, ImageAnalysis, analyze_from};
use super::{LayersError, quick};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

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

    /// The cached analysis of `image` (after a quick inspect to learn its ID), or a new one.
    pub async fn analyze(
        &self,
        docker: &bollard::Docker,
        image: &str,
        opts: &AnalyzeOptions,
    ) -> Result<Arc<ImageAnalysis>, LayersError> {
        let quick = quick::quick_layers(docker, image).await?;
        if let Some(hit) = self.get(&quick.id) {
            return Ok(hit);
        }
        let a = Arc::new(analyze_from(docker, quick, opts).await?);
        self.insert(a.clone());
        Ok(a)
    }
}
