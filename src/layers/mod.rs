//! Layer analysis: what each layer of an image adds, changes and deletes, how much of the
//! image is wasted, and what the optimization guide would change. Quick figures come from
//! image inspect + history; file contents from the image export stream, a saved archive, or
//! (local daemons with overlay2) the layer directories on disk.

pub mod analyze;
pub mod archive;
mod archived;
mod base;
pub mod cache;
pub mod compare;
pub mod control;
pub mod efficiency;
pub mod entries;
pub mod error;
mod export_stream;
pub mod history;
pub mod layout;
pub mod local;
mod lookup;
pub mod paths;
pub mod quick;
pub mod reference;
pub mod stack;
pub mod synthetic;
pub mod tarwalk;
pub mod tree;
pub mod units;

pub use analyze::{AnalyzeOptions, ImageAnalysis, Source, Via, analyze, analyze_archive};
pub use cache::{AnalysisCache, Opened};
pub use compare::{CompareRow, Comparison, Difference, ImageSummary, compare};
pub use control::{Control, Phase, Progress};
pub use efficiency::{Figures, InefficientFile, LayerStats};
pub use entries::{Entry, EntryKind, LayerContents};
pub use error::LayersError;
pub use history::Step;
pub use paths::{NodeId, PathArena};
pub use quick::{
    BaseInfo, BaseRule, ImageLayers, ImageRow, list_images, quick_layers, quick_layers_after,
};
pub use tree::{FileTree, Mark, Scope, SortBy, largest_files};
