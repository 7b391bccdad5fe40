//! Rendering for headless commands: tables for people, JSON for machines.

pub mod compare;
pub mod ps;
