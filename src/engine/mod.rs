//! Talking to the container engine. For now: working out which daemon to talk to.

pub mod host;
