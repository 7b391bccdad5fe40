//! The only place that talks to the Docker daemon, and the only importer of the client
//! library (bollard). Returns domain types from `crate::model`; one file per job.
//!
//! API versions: docktor asks `/version` once, then sends every request as
//! `/v<min(engine, 1.49)>/…` through its own transport (`transport.rs`, which says why bollard's
//! own transports will not do). A 20.10 engine (API 1.41) answers in the 1.41 shape, a current
//! one (Docker 29 accepts only ≥ 1.44) in the 1.49 shape — both modelled by bollard 0.19.
//! bollard 0.21 models only the newest shapes (its `df()` comes back all-`None` from a 1.41
//! daemon), so it is not used.

mod build;
pub mod connect;
pub mod containers;
pub mod containers_exec;
mod create;
mod daemon_id;
pub mod error;
pub mod events;
mod export;
pub mod hint;
pub mod host;
mod images;
pub mod logs;
pub mod logs_join;
mod networks;
pub mod requests;
pub mod ssh;
mod tls;
mod transport;

// The surfaces the Health, Files, Env and Build cache views build on, through docktor's own
// request path (`raw.rs`) and parsers.
pub mod archive;
pub mod container_extras;
pub mod demux;
pub mod details;
pub mod details_config;
pub mod details_parse;
pub mod disk;
pub mod disk_parse;
pub mod disk_totals;
pub mod event_stream;
pub mod exec;
pub mod helper;
pub mod prune;
pub mod prune_preview;
pub mod raw;
pub mod raw_request;
pub mod registry;
pub mod timestamp;
pub mod top;

pub use connect::Engine;
pub use error::EngineError;
pub use requests::RequestCounts;
