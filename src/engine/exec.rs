//! Running a command in a container: exec create, start (non-TTY, output demultiplexed and
//! bounded), then exec inspect for the exit code. A timeout stops the waiting, not the
//! command (the Engine API cannot kill an exec), so its exit code stays unknown.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use http::StatusCode;
use serde_json::json;

use super::demux::{Channel, Demux};
use super::raw::{Request, seg};
use super::{Engine, EngineError};
use crate::model::exec::{Captured, ExecOutput, ExecSpec};

/// How a runtime's failure to start the exec'd process reads, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartFailure {
    /// The executable was not found (not on `$PATH`, or no such file).
    pub not_found: bool,
    /// The runtime's own words, e.g. `exec: "curl": executable file not found in $PATH`.
    pub reason: String,
}

/// Recognises the runtime's `OCI runtime exec failed: …` line, which the daemon writes to
/// the exec's output stream when the process cannot start.
pub fn start_failure(output: &str) -> Option<StartFailure> {
    let line = output
        .lines()
        .find(|l| l.contains("OCI runtime exec failed"))?;
    let reason = line
        .rsplit_once("exec: ")
        .map(|(_, r)| format!("exec: {r}"))
        .unwrap_or_else(|| line.to_string());
    let reason = reason.trim_end_matches(": unknown").trim().to_string();
    let l = line.to_ascii_lowercase();
    let not_found = l.contains("executable file not found") || l.contains("no such file");
    Some(StartFailure { not_found, reason })
}

impl Engine {
    /// Runs `spec` in `container` and waits for it (at most `spec.timeout`). Errors: the
    /// container does not exist (`NotFound`) or is not running (`NotRunning`), the
    /// executable is not in it (`ExecutableNotFound`).
    pub async fn exec(&self, container: &str, spec: &ExecSpec) -> Result<ExecOutput, EngineError> {
        let program = spec.cmd.first().cloned().unwrap_or_default();
        let doing = format!("run {program} in container {container}");
        let create = json!({
            "Cmd": spec.cmd,
            "AttachStdin": false,
            "AttachStdout": true,
            "AttachStderr": true,
            "Tty": false,
            "User": spec.user.clone().unwrap_or_default(),
            "WorkingDir": spec.working_dir.clone().unwrap_or_default(),
            "Env": spec.env,
        });
        let req = Request::post(format!("/containers/{}/exec", seg(container))).json(&create);
        let resp = self.send(req, &doing).await?;
        if resp.status == StatusCode::CONFLICT {
            return Err(EngineError::NotRunning {
                container: container.to_string(),
                message: resp.message().await,
            });
        }
        if !resp.status.is_success() {
            return Err(resp.into_error().await);
        }
        #[derive(serde::Deserialize)]
        struct Created {
            #[serde(rename = "Id")]
            id: String,
        }
        let id = resp.json::<Created>().await?.id;

        let started = Instant::now();
        let start = Request::post(format!("/exec/{}/start", seg(&id)))
            .json(&json!({"Detach": false, "Tty": false}))
            .timeout(spec.timeout.max(Duration::from_millis(1)));
        let mut stdout = Captured::default();
        let mut stderr = Captured::default();
        let limit = spec.output_limit;
        let run = async {
            let resp = self.call(start, &doing).await?;
            let mut chunks = resp.chunks();
            let mut demux = Demux::default();
            while let Some(chunk) = chunks.next().await {
                for (ch, data) in demux.push(&chunk?) {
                    match ch {
                        Channel::Stderr => stderr.push(&data, limit),
                        _ => stdout.push(&data, limit),
                    }
                }
            }
            Ok::<(), EngineError>(())
        };
        let finished = match tokio::time::timeout(spec.timeout, run).await {
            Ok(Err(EngineError::Timeout { .. })) | Err(_) => false,
            Ok(Err(e)) => return Err(e),
            Ok(Ok(())) => true,
        };
        let duration = started.elapsed();
        if !finished {
            return Ok(ExecOutput {
                exit_code: None,
                timed_out: true,
                stdout,
                stderr,
                duration,
            });
        }
        let exit_code = self.exec_exit_code(&id, &doing).await?;
        if matches!(exit_code, Some(126 | 127))
            && let Some(f) = start_failure(&stdout.text()).or_else(|| start_failure(&stderr.text()))
        {
            if f.not_found {
                return Err(EngineError::ExecutableNotFound {
                    container: container.to_string(),
                    executable: program,
                    message: f.reason,
                });
            }
            return Err(EngineError::Api {
                doing,
                message: f.reason,
            });
        }
        Ok(ExecOutput {
            exit_code,
            timed_out: false,
            stdout,
            stderr,
            duration,
        })
    }

    /// The exit code from exec inspect; asks again briefly while the daemon still says running.
    async fn exec_exit_code(&self, id: &str, doing: &str) -> Result<Option<i64>, EngineError> {
        #[derive(serde::Deserialize)]
        struct Inspect {
            #[serde(rename = "Running", default)]
            running: bool,
            #[serde(rename = "ExitCode")]
            exit_code: Option<i64>,
        }
        for _ in 0..20 {
            let req = Request::get(format!("/exec/{}/json", seg(id)));
            let i: Inspect = self.call_json(req, doing).await?;
            if !i.running {
                return Ok(i.exit_code);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_start_failures_are_recognised() {
        // Docker 20.10 with runc 1.1, written to the exec's stdout.
        let out = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nope-binary\": executable file not found in $PATH: unknown\r\n";
        let f = start_failure(out).unwrap();
        assert!(f.not_found);
        assert_eq!(
            f.reason,
            "exec: \"nope-binary\": executable file not found in $PATH"
        );
        let abs = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"/x\": stat /x: no such file or directory: unknown";
        assert!(start_failure(abs).unwrap().not_found);
        let denied = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"/etc/passwd\": permission denied: unknown";
        assert!(!start_failure(denied).unwrap().not_found);
        assert_eq!(start_failure("sh: curl: not found\n"), None);
    }
}
