//! `ssh://` engines: each connection runs `ssh HOST docker system dial-stdio` (as the docker
//! CLI does) and speaks HTTP over the child's stdin and stdout.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::process::Stdio;
use std::task::{Context, Poll};

use http::Uri;
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SshConnector {
    /// `user@host` or `host`.
    pub dest: String,
    pub port: Option<u16>,
}

impl SshConnector {
    /// Parses `ssh://[user@]host[:port]`.
    pub fn parse(url: &str) -> Result<SshConnector, String> {
        let rest = url
            .strip_prefix("ssh://")
            .ok_or_else(|| format!("{url}: not an ssh:// address"))?;
        let rest = rest.trim_end_matches('/');
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, rest),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => {
                let port = p
                    .parse::<u16>()
                    .map_err(|_| format!("{url}: port '{p}' is not a number"))?;
                (h, Some(port))
            }
            _ => (hostport, None),
        };
        if host.is_empty() {
            return Err(format!("{url}: no host name"));
        }
        let dest = match user {
            Some(u) => format!("{u}@{host}"),
            None => host.to_string(),
        };
        Ok(SshConnector { dest, port })
    }

    fn command(&self) -> Command {
        let mut c = Command::new("ssh");
        // BatchMode: never prompt (the TUI owns the terminal); fail with a message instead.
        c.args(["-o", "BatchMode=yes", "-o", "ConnectTimeout=8"]);
        if let Some(p) = self.port {
            c.args(["-p", &p.to_string()]);
        }
        c.args(["--", &self.dest, "docker", "system", "dial-stdio"]);
        c.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        c
    }
}

/// HTTP over an ssh child's pipes.
pub struct SshStream {
    _child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
}

impl tower_service::Service<Uri> for SshConnector {
    type Response = TokioIo<SshStream>;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, io::Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), io::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _uri: Uri) -> Self::Future {
        let mut cmd = self.command();
        Box::pin(async move {
            let mut child = cmd
                .spawn()
                .map_err(|e| io::Error::new(e.kind(), format!("cannot run ssh: {e}")))?;
            let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
                return Err(io::Error::other("ssh started without pipes"));
            };
            Ok(TokioIo::new(SshStream {
                _child: child,
                stdin,
                stdout,
            }))
        })
    }
}

impl Connection for SshStream {
    fn connected(&self) -> Connected {
        Connected::new()
    }
}

impl AsyncRead for SshStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stdout).poll_read(cx, buf)
    }
}

impl AsyncWrite for SshStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stdin).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stdin).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stdin).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ssh_addresses() {
        let c = SshConnector::parse("ssh://me@box.example:2222").unwrap();
        assert_eq!(
            c,
            SshConnector {
                dest: "me@box.example".into(),
                port: Some(2222)
            }
        );
        let c = SshConnector::parse("ssh://box").unwrap();
        assert_eq!(
            c,
            SshConnector {
                dest: "box".into(),
                port: None
            }
        );
        assert!(SshConnector::parse("ssh://me@box:http").is_err());
        assert!(SshConnector::parse("ssh://").is_err());
    }
}
