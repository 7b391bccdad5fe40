//! Environment validation: a container's variables against what the app expects, and
//! whether it can reach its database from where it runs.
//!
//! - `mask`: **the** masking of secrets — every output that can carry a value calls
//!   [`mask`], [`mask_text`] or a [`Masker`] (profile patterns, learnt values, reveal);
//! - `vars`: the variables with their source (image `ENV`, run time, both) and group;
//! - `dotenv`: `.env` files read and linted as dotenv-linter does, by file and line;
//! - `spec`, `schema`, `types`: what the app expects (spec lookup order, dotenv-linter's
//!   schema format plus ports, hosts and comma lists);
//! - `typo`: misspelt names; `prod`: Django's `check --deploy` from the environment;
//! - `baked`: secrets in the image config and history;
//! - `db`, `probe`: the database target and the probe that runs in the container's
//!   network namespace (exec, or a helper container);
//! - `facts`: what the rules in `diagnose::rules::env*` read; `gather`: all of it for one
//!   container; `helper_image`: the busybox image the helper container runs.
//!
//! No daemon access of its own (the probe goes through a `reach::Runner`); the files it
//! reads are the spec, the schema and the host's busybox for the helper image.

pub mod baked;
pub mod daemon;
pub mod daemon_probe;
pub mod db;
pub mod dotenv;
pub mod facts;
pub mod gather;
pub mod helper_image;
pub mod mask;
pub mod probe;
pub mod prod;
pub mod reach;
pub mod schema;
pub mod spec;
pub mod types;
pub mod typo;
pub mod vars;

pub use db::DbFacts;
pub use facts::{EnvFacts, container_masker};
pub use mask::{MASK, Masker, mask, mask_text};
pub use vars::{Group, Source, Var};
