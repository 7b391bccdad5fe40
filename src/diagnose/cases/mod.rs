//! For every rule, one case where it fires and one where it stays quiet, one file per area
//! (`../tests.rs` checks that each rule of the registry has both, and that they behave so).

mod cache;
mod context;
pub mod env;
mod health;
mod layers;
mod registry;

use super::Facts;
use crate::profile::Profile;

/// A target's facts and the profile to check them with.
pub type Setup = fn() -> (Facts, Profile);

pub struct Case {
    pub id: &'static str,
    pub fires: Setup,
    pub quiet: Setup,
}

/// Every area's cases (one line per area).
pub fn all() -> impl Iterator<Item = &'static Case> {
    [
        layers::CASES,
        cache::CASES,
        registry::CASES,
        context::CASES,
        health::CASES,
        env::CASES,
    ]
    .into_iter()
    .flatten()
}
