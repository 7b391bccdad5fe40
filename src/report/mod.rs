//! Rendering for headless commands: tables for people, JSON for machines.

pub mod env;
pub mod layers;
pub mod ps;
