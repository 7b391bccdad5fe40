//! docktor: a terminal UI (and headless checks) for troubleshooting Docker containers.
//!
//! Data flows one way: `engine` talks to the daemon and returns domain types, `diagnose`
//! turns them into findings with pure functions, `tui` and `report` show them.
#![forbid(unsafe_code)]

pub mod cli;
pub mod demo;
pub mod diagnose;
pub mod engine;
pub mod files;
pub mod headless;
pub mod layers;
pub mod model;
pub mod profile;
pub mod report;
pub mod tui;
