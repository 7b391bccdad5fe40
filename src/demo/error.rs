//! Errors of `docktor demo`, worded for people: which image, which step, what to do next.

use std::fmt;
use std::path::PathBuf;

use crate::engine::EngineError;

/// Why the demo could not build or start its images.
#[derive(Debug)]
pub enum DemoError {
    /// `--scale-mb` outside 1..=100.
    InvalidScale(u64),
    /// The static busybox every demo image is built from is missing or unusable.
    Busybox { path: PathBuf, reason: String },
    /// The build context could not be assembled.
    Context(String),
    /// The daemon refused a request (inspect, tag, create, start…).
    Engine(EngineError),
    /// A build failed: the daemon's message, with the image and the step it stopped at.
    Build {
        image: String,
        step: Option<(u32, u32)>,
        instruction: Option<String>,
        message: String,
    },
    /// The optimized container did not turn healthy in time.
    Unhealthy {
        container: String,
        status: String,
        last_output: String,
    },
}

impl DemoError {
    /// An engine error, told as happening while `doing` (e.g. "inspect docktor-demo/base:…").
    pub fn engine(doing: impl Into<String>, err: EngineError) -> Self {
        DemoError::Engine(err.while_doing(doing))
    }
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DemoError::InvalidScale(n) => write!(
                f,
                "--scale-mb {n} is out of range: use 1..=100 (MB per 100 MB of the guide)"
            ),
            DemoError::Busybox { path, reason } => write!(
                f,
                "the demo images are built from the static busybox at {}: {reason}; \
                 install busybox-static (Debian/Ubuntu: apt-get install busybox-static)",
                path.display()
            ),
            DemoError::Context(m) => write!(f, "cannot assemble the demo build context: {m}"),
            DemoError::Engine(e) => write!(f, "{e}"),
            DemoError::Build {
                image,
                step,
                instruction,
                message,
            } => {
                write!(f, "building {image} failed")?;
                if let Some((n, total)) = step {
                    write!(f, " at step {n}/{total}")?;
                }
                if let Some(instruction) = instruction {
                    write!(f, " ({instruction})")?;
                }
                write!(f, ": {}", message.trim())
            }
            DemoError::Unhealthy {
                container,
                status,
                last_output,
            } => {
                write!(
                    f,
                    "container {container} did not turn healthy (status: {status})"
                )?;
                if !last_output.trim().is_empty() {
                    write!(f, "; last health check output: {}", last_output.trim())?;
                }
                write!(f, ". See `docker logs {container}`.")
            }
        }
    }
}

impl std::error::Error for DemoError {}
