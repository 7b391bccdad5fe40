//! Rendering for headless commands: tables for people, JSON for machines.

pub mod compare;
pub mod env;
mod env_text;
pub mod health;
pub mod layers;
pub mod layers_quick;
pub mod ps;
