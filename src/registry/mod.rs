//! Registry reachability ("Network issues: check if can access ghcr.io"): which registries
//! a build needs (`sources`), image names as Docker reads them (`reference`), what the
//! daemon's answer means, with the fix for each kind of failure (`probe`), and asking the
//! daemon for all of them at once (`check`).

pub mod check;
pub mod probe;
pub mod reference;
pub mod sources;

pub use check::{DEFAULT_TIMEOUT, check, targets_for_image, verdict_line};
pub use probe::{Probe, RegistryFacts, RegistryOutcome, describe};
pub use sources::{Target, Targets};
