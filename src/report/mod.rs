//! Rendering for headless commands: tables for people, JSON for machines.

pub mod cache;
pub mod compare;
pub mod health;
pub mod layers;
pub mod layers_quick;
pub mod prune;
pub mod ps;
