//! `docktor demo`: builds the four images of the optimization guide's "Image Size Comparison"
//! (Original → Multi-stage → Official uv → Optimized) through the Engine API, offline from the
//! host's static busybox, so the layers, users, secrets and sizes can be compared for real.
//!
//! The kit lives in `assets/demo` and is embedded in the binary. Every image is tagged
//! `docktor-demo/<stage>:<content hash>` and `docktor-demo/<stage>` (latest); an image whose
//! content tag exists is reused, not rebuilt.

mod assets;
mod build;
mod context;
mod error;
mod images;
mod run;
mod table;

use std::path::PathBuf;
use std::time::Duration;

pub use assets::{ContextFile, context_files, is_ignored, parse_dockerignore};
pub use build::{BuildLine, BuildProgress, parse_step};
pub use error::DemoError;
pub use images::run_demo;
pub use run::CONTAINER;
pub use table::{format_mb, size_table};

/// The stages of the demo: the base image (standing in for python:3.13-slim) and the guide's four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Base,
    Original,
    MultiStage,
    OfficialUv,
    Optimized,
}

impl Stage {
    /// The guide's four stages, in the order of its table.
    pub const GUIDE: [Stage; 4] = [
        Stage::Original,
        Stage::MultiStage,
        Stage::OfficialUv,
        Stage::Optimized,
    ];

    /// Short name: `original`, `multi-stage`, `official-uv`, `optimized`, `base`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Base => "base",
            Stage::Original => "original",
            Stage::MultiStage => "multi-stage",
            Stage::OfficialUv => "official-uv",
            Stage::Optimized => "optimized",
        }
    }

    /// The row name in the guide's table.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Base => "Base",
            Stage::Original => "Original",
            Stage::MultiStage => "Multi-stage",
            Stage::OfficialUv => "Official uv",
            Stage::Optimized => "Optimized",
        }
    }

    /// The image repository: `docktor-demo/<name>`.
    pub fn repo(self) -> String {
        format!("docktor-demo/{}", self.name())
    }

    /// The size the guide gives (MB); the base is the 200 MB all four share.
    pub fn guide_mb(self) -> u64 {
        match self {
            Stage::Base => 200,
            Stage::Original => 800,
            Stage::MultiStage => 600,
            Stage::OfficialUv => 500,
            Stage::Optimized => 400,
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// How to run the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// MB per 100 MB of the guide (1..=100).
    pub scale_mb: u64,
    /// Start the optimized image and wait for it to turn healthy.
    pub run: bool,
    /// The static busybox the images are built from.
    pub busybox: PathBuf,
    /// How long `run` waits for the health check.
    pub health_timeout: Duration,
    /// Build even when the content tag exists, without the layer cache.
    pub rebuild: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            scale_mb: 10,
            run: false,
            busybox: PathBuf::from("/bin/busybox"),
            health_timeout: Duration::from_secs(30),
            rebuild: false,
        }
    }
}

/// What the demo is doing, for a progress display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoEvent {
    /// The image with this content tag exists: no build.
    Cached { stage: Stage, tag: String },
    /// A build starts.
    Building { stage: Stage, tag: String },
    /// The build reached `Step step/total : instruction`.
    Step {
        stage: Stage,
        step: u32,
        total: u32,
        instruction: String,
    },
    /// Another line of build output.
    Output { stage: Stage, line: String },
    /// A build finished.
    Built { stage: Stage, id: String, size: u64 },
    /// `--run`: the container is being created from `image`.
    Starting { container: String, image: String },
    /// `--run`: the container's health status changed (`starting`, `healthy`, `exited (1)`…).
    Health { container: String, status: String },
}

/// One demo image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoImage {
    pub stage: Stage,
    /// The stable name, `docktor-demo/<stage>` (its latest tag).
    pub name: String,
    /// The content tag, `docktor-demo/<stage>:<hash12>`.
    pub tag: String,
    /// Image ID (`sha256:…`).
    pub id: String,
    /// Size in bytes, as the daemon reports it (all layers).
    pub size: u64,
    /// True when it existed already and was not rebuilt.
    pub cached: bool,
}

/// What the demo built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOutcome {
    pub scale_mb: u64,
    pub base: DemoImage,
    /// The guide's four, in its order (original first).
    pub images: Vec<DemoImage>,
    /// `--run`: the ID of the healthy `docktor-demo-optimized` container.
    pub container: Option<String>,
}

impl DemoOutcome {
    /// The stable names of the four images, for `docktor compare`.
    pub fn image_names(&self) -> Vec<String> {
        self.images.iter().map(|i| i.name.clone()).collect()
    }
}
