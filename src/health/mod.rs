//! Health check history: every probe known for a container, since when it fails, and why.
//!
//! The daemon keeps only the last 5 probe results. docktor keeps more:
//! - `capture`: pairs `exec_start`/`exec_die` events by `execID` (no polling) and asks for
//!   one inspect per finished probe, to read its output before the daemon drops it;
//! - `history`: one container's probes, deduplicated by start, grouped by run;
//! - `summary`: failing streak, failing since, last healthy, flapping, durations;
//! - `classify`: why a probe failed (refused, 404, 5xx, timeout, tool missing…);
//! - `config`: the check in effect (container over image) and time to unhealthy;
//! - `store`: the SQLite file `docktor record` fills and the TUI reads;
//! - `inspect`, `gather`: the facts from the engine (inspect, image config, tools) and the
//!   store, the one way every view gets them; `events`: the daemon's events for the capture;
//! - `follow`: `docktor record`'s loop on one engine (reconnects, takes what the daemon holds);
//! - `facts`, `recommend`: what the health rules of `diagnose` read, and the
//!   `HEALTHCHECK` line they suggest.
//!
//! This module never imports `diagnose`; `diagnose` imports it.

pub mod capture;
pub mod classify;
pub mod config;
pub mod events;
pub mod facts;
pub mod follow;
pub mod gather;
pub mod history;
pub mod http_host;
pub mod inspect;
pub mod output;
pub mod probe;
pub mod probe_now;
pub mod recommend;
pub mod recorder;
pub mod snapshot;
pub mod store;
pub mod streak;
pub mod summary;
pub mod time;

pub use config::CheckConfig;
pub use facts::{HealthFacts, Runner, Tools};
pub use history::History;
pub use probe::{Probe, Source};
pub use summary::{Summary, summarize};
