//! A shell in a container: the TUI steps aside, the docker CLI gets the terminal
//! (`docker exec -it`), and the TUI comes back intact afterwards. The wait is async, so the
//! runtime's threads stay free: background work goes on and its messages queue up.

use tokio::process::Command;

use super::signals::{Sig, Signals};
use super::term::Term;
use crate::engine::Engine;
use crate::engine::host::Scheme;
use crate::model::short_id;

/// How the hand-over ended.
pub enum Outcome {
    /// Back in the TUI, with a message for the status bar (`Err` for a failure).
    Back(Result<String, String>),
    /// A signal ends docktor (TERM or HUP while the shell ran): the shell was killed.
    Signal(i32),
}

pub async fn run(term: &mut Term, engine: &Engine, id: &str, signals: &mut Signals) -> Outcome {
    let Some(docker) = which("docker") else {
        return Outcome::Back(Err(
            "a shell needs the docker CLI on PATH (install docker-ce-cli or docker.io)".into(),
        ));
    };
    term.leave();
    println!(
        "docktor: shell in {} — exit the shell to come back\n",
        short_id(id)
    );
    let mut cmd = Command::new(docker);
    cmd.env("DOCKER_HOST", &engine.target.uri);
    if let Scheme::Tcp { tls: Some(tls), .. } = &engine.target.scheme
        && let Some(dir) = tls.ca.as_ref().and_then(|p| p.parent())
    {
        cmd.env("DOCKER_CERT_PATH", dir)
            .env("DOCKER_TLS_VERIFY", "1");
    }
    cmd.args([
        "exec",
        "-it",
        id,
        "sh",
        "-c",
        "if command -v bash >/dev/null; then exec bash; else exec sh; fi",
    ]);
    let status = match cmd.spawn() {
        Ok(mut child) => loop {
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
        },
        Err(e) => Err(e),
    };
    if let Err(e) = term.resume() {
        return Outcome::Back(Err(e));
    }
    Outcome::Back(match status {
        Ok(s) if s.success() => Ok("shell closed".into()),
        Ok(s) => Err(format!("shell ended with {s}")),
        Err(e) => Err(format!("cannot run docker exec: {e}")),
    })
}

fn which(bin: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(bin))
        .find(|p| p.is_file())
}
