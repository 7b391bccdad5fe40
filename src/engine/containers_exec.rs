//! Finding out what a container can run, before docktor hands the terminal to `docker exec`:
//! a program is tried with a detached exec and its exit code read back (the runtime refuses
//! a program that is not there, or it exits 126/127).

use std::time::Duration;

use bollard::exec::{CreateExecOptions, StartExecOptions};

use super::{Engine, EngineError};
use crate::model::short_id;

/// The shells tried for `e`, in order: bash for comfort, then whatever sh exists.
pub const SHELLS: &[&str] = &["bash", "sh", "/bin/bash", "/bin/sh", "/busybox/sh", "ash"];

/// How long one try may take.
const TRY_FOR: Duration = Duration::from_secs(5);

impl Engine {
    /// Whether `argv` runs in container `id` and exits 0.
    pub async fn runs(&self, id: &str, argv: &[&str]) -> Result<bool, EngineError> {
        let doing = || format!("run {} in container {}", argv.join(" "), short_id(id));
        let d = self.docker();
        let opts = CreateExecOptions {
            cmd: Some(argv.to_vec()),
            attach_stdout: Some(false),
            attach_stderr: Some(false),
            ..Default::default()
        };
        let exec = d
            .create_exec(id, opts)
            .await
            .map_err(|e| EngineError::from_api(doing(), e))?;
        let started = d
            .start_exec(
                &exec.id,
                Some(StartExecOptions {
                    detach: true,
                    ..Default::default()
                }),
            )
            .await;
        if started.is_err() {
            // The runtime could not start it: not there, or not executable.
            return Ok(false);
        }
        let deadline = tokio::time::Instant::now() + TRY_FOR;
        loop {
            let ins = d
                .inspect_exec(&exec.id)
                .await
                .map_err(|e| EngineError::from_api(doing(), e))?;
            if ins.running != Some(true) {
                return Ok(ins.exit_code == Some(0));
            }
            if tokio::time::Instant::now() > deadline {
                return Ok(false);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The first of [`SHELLS`] that runs in container `id`, if any.
    pub async fn find_shell(&self, id: &str) -> Result<Option<&'static str>, EngineError> {
        for sh in SHELLS {
            if self.runs(id, &[sh, "-c", "exit 0"]).await? {
                return Ok(Some(sh));
            }
        }
        Ok(None)
    }
}
