//! Registry reachability ("Network issues: check if can access ghcr.io"): which registries
//! a build needs (`sources`), image names as Docker reads them (`reference`), and what the
//! daemon's answer means, with the fix for each kind of failure (`probe`).

pub mod probe;
pub mod reference;
pub mod sources;

pub use probe::{Outcome, Probe, RegistryFacts};
pub use sources::{Target, Targets};
