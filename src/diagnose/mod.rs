//! Pure diagnosis: rules over domain types that produce findings. No I/O, no terminal.

pub mod finding;

pub use finding::{Finding, Severity};
