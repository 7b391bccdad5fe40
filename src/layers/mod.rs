//! Layer analysis: what each layer of an image adds, changes and deletes, how much of the
//! image is wasted, and what the optimization guide would change. Quick figures come from
//! image inspect + history; file contents from the image export stream, a saved archive, or
//! (local daemons with overlay2) the layer directories on disk.

pub mod archive;
pub mod control;
pub mod efficiency;
pub mod entries;
pub mod error;
pub mod layout;
pub mod paths;
pub mod stack;
pub mod tarwalk;

pub use control::{Control, Phase, Progress};
pub use efficiency::{Figures, InefficientFile, LayerStats};
pub use entries::{Entry, EntryKind, LayerContents};
pub use error::LayersError;
pub use paths::{NodeId, PathArena};
