//! The engine's surfaces, one module per subject. Every check takes a [`kit::Kit`] (an
//! `Engine`, its API version and the docker CLI aimed at the same daemon), so the same
//! checks run against any engine of the test kit.

pub mod archive;
pub mod disk;
pub mod events;
pub mod exec;
pub mod helper;
pub mod inspect;
pub mod kit;
pub mod prune;
