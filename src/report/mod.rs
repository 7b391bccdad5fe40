//! Rendering for headless commands: tables for people, JSON for machines.

pub mod files;
pub mod layers;
pub mod ps;
