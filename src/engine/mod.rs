//! The only place that talks to the Docker daemon. Returns domain types from `crate::model`.
//!
//! API versions: we pin bollard 0.19.4 and negotiate the API version with the daemon at
//! connect time (`/version`, then every request is sent as `/v<min(client, server)>/…`).
//! A 20.10 daemon (API 1.41) answers in its own 1.41 shape, which bollard 0.19's models
//! parse; a current engine (Docker 29 accepts only ≥ 1.44) is spoken to as 1.49, the
//! client's own version. bollard 0.21 sends unversioned requests and models only the newest
//! shapes (its `df()` comes back all-`None` from a 1.41 daemon), so it is not used.

pub mod connect;
pub mod containers;
pub mod error;
pub mod events;
pub mod hint;
pub mod host;
pub mod logs;
pub mod ssh;

pub use connect::Engine;
pub use error::EngineError;
