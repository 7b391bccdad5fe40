//! docktor: a terminal UI (and headless checks) for troubleshooting Docker containers.
//!
//! Data flows one way: `engine` talks to the daemon and returns domain types (`model`),
//! `diagnose` turns them into findings with pure functions, `tui` and `report` show them;
//! `commands` are the headless commands, `cli` declares every flag.
#![forbid(unsafe_code)]
// Cargo.toml denies unwrap/expect; unit tests may use them (a failed unwrap is a failed test).
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod buildcache;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod context;
pub mod demo;
pub mod diagnose;
pub mod engine;
pub mod envcheck;
pub mod health;
pub mod layers;
pub mod model;
pub mod profile;
pub mod registry;
pub mod report;
pub mod tui;
