//! A shell in a container: the TUI steps aside, the docker CLI gets the terminal
//! (`docker exec -it`), and the TUI comes back intact afterwards.

use std::process::Command;

use crate::engine::Engine;
use crate::engine::host::Scheme;

pub fn run(
    terminal: &mut ratatui::DefaultTerminal,
    engine: &Engine,
    id: &str,
) -> Result<String, String> {
    let docker = which("docker")
        .ok_or("a shell needs the docker CLI on PATH (install docker-ce-cli or docker.io)")?;
    ratatui::restore();
    println!(
        "docktor: shell in {} — exit the shell to come back\n",
        &id[..id.len().min(12)]
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
    let status = cmd.status();
    *terminal = ratatui::init();
    let _ = terminal.clear();
    match status {
        Ok(s) if s.success() => Ok("shell closed".into()),
        Ok(s) => Err(format!("shell ended with {s}")),
        Err(e) => Err(format!("cannot run docker exec: {e}")),
    }
}

fn which(bin: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(bin))
        .find(|p| p.is_file())
}
