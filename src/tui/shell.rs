//! A shell in a container: docktor finds which shell the container has (bash, else sh, else
//! /bin/sh…), the TUI steps aside, the docker CLI gets the terminal (`docker exec -it`), and
//! the TUI comes back intact afterwards, saying how the shell ended. The wait is async, so the
//! runtime's threads stay free: background work goes on and its messages queue up.

use std::process::Stdio;

use tokio::process::Command;

use super::signals::{Sig, Signals};
use super::term::Term;
use crate::engine::Engine;
use crate::engine::containers_exec::SHELLS;
use crate::engine::host::Scheme;

/// How the hand-over ended.
pub enum Outcome {
    /// Back in the TUI, with a message for the status bar (`Err` for a failure).
    Back(Result<String, String>),
    /// A signal ends docktor (TERM or HUP while the shell ran): the shell was killed.
    Signal(i32),
}

/// Hands the terminal to a shell in container `id` (`name` in messages): the first shell
/// of `SHELLS` the container has, found before the terminal is handed over, so a container
/// without one is said so on the status line rather than in a message the redraw wipes.
pub async fn run(
    term: &mut Term,
    engine: &Engine,
    id: &str,
    name: &str,
    signals: &mut Signals,
) -> Outcome {
    let Some(docker) = which("docker") else {
        return Outcome::Back(Err(
            "a shell needs the docker CLI on PATH (install docker-ce-cli or docker.io)".into(),
        ));
    };
    let shell = match engine.find_shell(id).await {
        Ok(Some(sh)) => sh,
        Ok(None) => {
            return Outcome::Back(Err(format!(
                "no shell in {name} (tried {})",
                SHELLS.join(", ")
            )));
        }
        Err(e) => return Outcome::Back(Err(format!("cannot open a shell in {name}: {e}"))),
    };
    term.leave();
    println!("docktor: {shell} in {name} — exit the shell to come back\n");
    let mut cmd = Command::new(docker);
    cmd.env("DOCKER_HOST", &engine.target.uri);
    if let Scheme::Tcp { tls: Some(tls), .. } = &engine.target.scheme
        && let Some(dir) = tls.ca.as_ref().and_then(|p| p.parent())
    {
        cmd.env("DOCKER_CERT_PATH", dir)
            .env("DOCKER_TLS_VERIFY", "1");
    }
    // With a terminal the shell's own errors come through stdout; the CLI's stderr carries
    // only its own (the daemon refused, the container stopped): kept for the status line.
    cmd.args(["exec", "-it", id, shell]).stderr(Stdio::piped());
    let mut said = String::new();
    let status = match cmd.spawn() {
        Ok(mut child) => {
            let copy = child.stderr.take().map(|e| tokio::spawn(tee(e)));
            let st = loop {
                tokio::select! {
                    st = child.wait() => break st,
                    sig = signals.recv() => match sig {
                        // Ctrl-C in the shell is the shell's.
                        s if s.is_interrupt() => continue,
                        Sig::Exit(n) => {
                            let _ = child.kill().await;
                            return Outcome::Signal(n);
                        }
                        Sig::Suspend | Sig::Continued => continue,
                    },
                }
            };
            if let Some(Ok(text)) = match copy {
                Some(h) => Some(h.await),
                None => None,
            } {
                said = text;
            }
            st
        }
        Err(e) => Err(e),
    };
    if let Err(e) = term.resume() {
        return Outcome::Back(Err(e));
    }
    let instead = if shell.ends_with("bash") {
        String::new()
    } else {
        " (no bash there)".to_string()
    };
    let said = said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    Outcome::Back(match status {
        Ok(s) if s.success() => Ok(format!("shell closed: {shell} in {name}{instead}")),
        Ok(_) if !said.is_empty() => Err(format!("docker exec in {name} failed: {said}")),
        Ok(s) => match s.code() {
            Some(code) => Ok(format!(
                "shell closed: {shell} in {name}{instead}, exit code {code}"
            )),
            None => Err(format!("the shell in {name} was ended by a signal ({s})")),
        },
        Err(e) => Err(format!("cannot run docker exec: {e}")),
    })
}

/// Copies the CLI's stderr to ours as it comes, and keeps its last 4 KiB.
async fn tee(mut from: tokio::process::ChildStderr) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut kept: Vec<u8> = Vec::new();
    let mut buf = [0u8; 1024];
    let mut out = tokio::io::stderr();
    while let Ok(n) = from.read(&mut buf).await {
        if n == 0 {
            break;
        }
        let _ = out.write_all(&buf[..n]).await;
        kept.extend_from_slice(&buf[..n]);
        let extra = kept.len().saturating_sub(4096);
        kept.drain(..extra);
    }
    String::from_utf8_lossy(&kept).into_owned()
}

fn which(bin: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(bin))
        .find(|p| p.is_file())
}
