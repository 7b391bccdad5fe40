//! Running the database probe where the app runs, and choosing how: `exec` in the running
//! container with its own sh (python, nc or bash behind it), else its Python directly (no
//! shell), else a short-lived helper container in the container's network namespace
//! (`container:<id>`; a stopped container's network by name), removed afterwards. Refused
//! in `--read-only` mode, since both ways run something on the engine.
//!
//! The daemon side is a [`Runner`]: docktor's engine, or the docker CLI in early tests.

use std::time::Duration;

use super::db::{DbFacts, Network, Target, Via};
use super::probe::{self, Outcome};

/// What came back from a command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunOutput {
    /// `None` when docktor stopped waiting (timeout).
    pub exit_code: Option<i64>,
    pub stdout: String,
    pub stderr: String,
}

/// Why a command could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// The executable is not in the container (`sh`, `python3`…).
    NotFound,
    /// The container is not running (exec needs it to).
    NotRunning,
    /// Anything else, in words.
    Other(String),
}

/// The daemon operations the probe needs.
#[allow(async_fn_in_trait)] // used with concrete runners only, never as dyn
pub trait Runner {
    /// Runs `cmd` in the running container `id` and waits at most `timeout`.
    async fn exec(
        &self,
        id: &str,
        cmd: &[String],
        timeout: Duration,
    ) -> Result<RunOutput, RunError>;
    /// Runs `cmd` in a helper container with network mode `network` (`container:<id>` or a
    /// network name), waits at most `timeout`, removes it; `Ok` says which image ran.
    async fn helper(
        &self,
        network: &str,
        cmd: &[String],
        timeout: Duration,
    ) -> Result<(String, RunOutput), String>;
}

/// The container the probe is for.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    pub id: String,
    pub running: bool,
    pub networks: Vec<Network>,
}

/// Probes `target` from `subject`'s network namespace, the first way that works.
/// `Err` says why no way worked (read-only, nothing to run the probe with).
pub async fn probe(
    runner: &impl Runner,
    subject: &Subject,
    target: &Target,
    timeout_secs: u64,
    read_only: bool,
) -> Result<DbFacts, String> {
    if read_only {
        return Err("--read-only: the database probe runs a command in the container (exec) or a helper container; run without --read-only to check it".into());
    }
    let wait = Duration::from_secs(timeout_secs.saturating_mul(2) + 5);
    let done = |via: Via, report: probe::Report| DbFacts::Probed {
        target: target.clone(),
        via,
        report,
        networks: subject.networks.clone(),
    };
    let mut tried: Vec<String> = Vec::new();
    if subject.running {
        let cmds = [
            probe::sh_command(&target.host, target.port, timeout_secs),
            probe::py_command("python3", &target.host, target.port, timeout_secs),
            probe::py_command("python", &target.host, target.port, timeout_secs),
        ];
        for cmd in &cmds {
            let program = cmd.first().map(String::as_str).unwrap_or("sh");
            match runner.exec(&subject.id, cmd, wait).await {
                Ok(out) => match probe::parse(&out.stdout) {
                    Some(r) if r.outcome != Outcome::NoTool => return Ok(done(Via::Exec, r)),
                    Some(_) => tried.push("exec: no python, nc or bash in the container".into()),
                    // The probe ran and hung past its own timeouts (a resolver that never
                    // answers): that is the answer, and another tool would hang the same way.
                    None if out.exit_code.is_none() => {
                        return Ok(done(Via::Exec, hung(program, wait)));
                    }
                    None => tried.push(format!("exec {program}: {}", first_line(&out))),
                },
                Err(RunError::NotFound) => {
                    tried.push(format!("exec: no {program} in the container"))
                }
                Err(RunError::NotRunning) => break,
                Err(RunError::Other(why)) => {
                    tried.push(format!("exec {program}: {why}"));
                    break;
                }
            }
        }
    }
    let network = match (subject.running, subject.networks.first()) {
        (true, _) => format!("container:{}", subject.id),
        (false, Some(n)) => n.name.clone(),
        (false, None) => {
            tried.push("the container is stopped and on no network a helper could join".into());
            return Err(tried.join("; "));
        }
    };
    let cmd = probe::sh_command(&target.host, target.port, timeout_secs);
    match runner.helper(&network, &cmd, wait).await {
        Ok((image, out)) => match probe::parse(&out.stdout) {
            Some(r) => Ok(done(Via::Helper { image, network }, r)),
            None if out.exit_code.is_none() => {
                Ok(done(Via::Helper { image, network }, hung("sh", wait)))
            }
            None => {
                tried.push(format!("helper on {network}: {}", first_line(&out)));
                Err(tried.join("; "))
            }
        },
        Err(why) => {
            tried.push(format!("helper on {network}: {why}"));
            Err(tried.join("; "))
        }
    }
}

/// What a probe that never finished says: no answer (DNS or connect) within `wait`.
fn hung(program: &str, wait: Duration) -> probe::Report {
    probe::Report {
        tool: program.to_string(),
        outcome: Outcome::Timeout,
        ip: None,
        answer: None,
        detail: format!(
            "the probe got no answer (name resolution or connection) within {}s",
            wait.as_secs()
        ),
    }
}

fn first_line(out: &RunOutput) -> String {
    let text = if out.stderr.trim().is_empty() {
        &out.stdout
    } else {
        &out.stderr
    };
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no output");
    format!(
        "{} (exit {})",
        line.trim(),
        out.exit_code.map_or("?".into(), |c| c.to_string())
    )
}

#[cfg(test)]
#[path = "reach_tests.rs"]
mod tests;
