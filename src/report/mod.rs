//! Rendering for headless commands: tables for people, JSON for machines.

pub mod cache;
pub mod check;
pub mod check_json;
pub mod check_markdown;
pub mod check_sarif;
pub mod check_text;
pub mod compare;
pub mod context;
pub mod env;
mod env_text;
pub mod files;
pub mod health;
pub mod layers;
pub mod layers_quick;
pub mod prune;
pub mod ps;
