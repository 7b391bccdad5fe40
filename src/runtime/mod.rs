//! What a container runs as and with: its configuration and its image's (`facts`), the user
//! it runs as (`user`), the script its entrypoint starts (`entry`), and its Gunicorn workers
//! counted from the process list (`gunicorn`). Pure: the gatherers (`crate::gather`) fill the
//! facts, the `runtime.*` rules (`diagnose/rules/runtime.rs`) read them.
//!
//! This module never imports `diagnose`; `diagnose` imports it.

pub mod entry;
pub mod facts;
pub mod gunicorn;
pub mod user;

pub use entry::{EntryScript, ScriptLookup, ScriptRun};
pub use facts::{ContainerFacts, ProcessFacts};
pub use gunicorn::Workers;
