//! State of a comparison: one slot per image (the first is the baseline), filled with a
//! summary or an error as each analysis completes, and the scroll of the differences.

use crate::layers::{Comparison, ImageSummary, compare};

/// A comparison being built: one summary per image as its analysis completes.
pub struct CompareState {
    /// Image references (IDs or names), the first is the baseline.
    pub images: Vec<String>,
    /// Labels shown for them.
    pub labels: Vec<String>,
    pub summaries: Vec<Option<ImageSummary>>,
    pub errors: Vec<Option<String>>,
    /// The guide's advice for each image.
    pub findings: Vec<Vec<crate::diagnose::Finding>>,
    /// First difference shown.
    pub scroll: usize,
}

impl CompareState {
    pub fn new(images: Vec<String>, labels: Vec<String>) -> Self {
        let n = images.len();
        CompareState {
            images,
            labels,
            summaries: vec![None; n],
            errors: vec![None; n],
            findings: vec![Vec::new(); n],
            scroll: 0,
        }
    }

    /// How many slots have an answer (a summary or an error).
    pub fn done(&self) -> usize {
        self.summaries.iter().filter(|s| s.is_some()).count()
            + self.errors.iter().filter(|e| e.is_some()).count()
    }

    pub fn finished(&self) -> bool {
        self.done() == self.images.len()
    }

    /// The comparison of the images analysed so far (in their order, labelled).
    pub fn comparison(&self) -> Comparison {
        let ready: Vec<ImageSummary> = self
            .summaries
            .iter()
            .zip(&self.labels)
            .filter_map(|(s, label)| {
                s.clone().map(|mut s| {
                    s.image = label.clone();
                    s
                })
            })
            .collect();
        compare(&ready)
    }
}
