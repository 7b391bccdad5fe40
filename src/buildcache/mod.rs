//! The build cache (`docktor cache`, the Build cache tab) and pruning it (`docktor prune`,
//! the tab's prune flow): records grouped by what they are — the guide's uv cache mount
//! apart from layers and build contexts — with `docker system df`'s totals; what people
//! type for a prune (`24h`, `7d`, `1.5GB`) and what a prune would free.

pub mod entry;
pub mod facts;
pub mod prune;
pub mod pruning;
pub mod units;
pub mod view;

pub use entry::{Entry, EntryKind};
pub use facts::CacheFacts;
pub use view::{CacheView, SortBy};
