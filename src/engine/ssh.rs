//! `ssh://` engines, reached the way the docker CLI does it: every connection runs
//! `ssh [-l USER] [-p PORT] -- HOST docker system dial-stdio` and speaks HTTP over the
//! child's stdin and stdout.
//!
//! bollard 0.19.4 has an ssh transport, but it cannot be used: its connector hands
//! `user@host:port` (without `ssh://`) to the `openssh` crate, which then passes
//! `host:port` to `ssh` as a host name, so any URL with a port fails ("Could not resolve
//! hostname 127.0.0.1:2222"). It also starts a persistent control master per connection and
//! leaves state directories under `~/.local/state`. So docktor brings its own transport.

use std::io;
use std::pin::Pin;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::Uri;
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, Join};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// Seconds `ssh` may take to open the TCP connection (`-o ConnectTimeout`).
const SSH_CONNECT_TIMEOUT_S: u32 = 8;
/// How much of ssh's error output is kept for messages.
const STDERR_KEEP: usize = 2000;

/// Where an `ssh://[user@]host[:port]` URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshDest {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
}

impl SshDest {
    /// Splits a URL that host resolution already checked; `None` when it is not one.
    pub fn parse(url: &str) -> Option<SshDest> {
        let rest = url.strip_prefix("ssh://")?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((u, hp)) if !u.is_empty() => (Some(u.to_string()), hp),
            Some(_) => return None,
            None => (None, rest),
        };
        let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
            let (ip6, tail) = inner.split_once(']')?;
            let port = match tail.strip_prefix(':') {
                Some(p) => Some(p.parse().ok()?),
                None if tail.is_empty() => None,
                None => return None,
            };
            (ip6.to_string(), port)
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p.parse().ok()?)),
                None => (hostport.to_string(), None),
            }
        };
        if host.is_empty() || host.starts_with('-') {
            return None;
        }
        Some(SshDest { user, host, port })
    }

    /// The arguments given to `ssh` (after the program name).
    pub fn ssh_args(&self) -> Vec<String> {
        let mut args: Vec<String> = vec![
            "-T".into(),
            "-o".into(),
            // No password or passphrase prompts: they would land in the middle of the TUI.
            "BatchMode=yes".into(),
            "-o".into(),
            format!("ConnectTimeout={SSH_CONNECT_TIMEOUT_S}"),
        ];
        if let Some(user) = &self.user {
            args.extend(["-l".into(), user.clone()]);
        }
        if let Some(port) = self.port {
            args.extend(["-p".into(), port.to_string()]);
        }
        args.extend(["--".into(), self.host.clone()]);
        args.extend(["docker", "system", "dial-stdio"].map(String::from));
        args
    }
}

/// The last thing `ssh` wrote on stderr, shared between the connections and the caller.
#[derive(Clone, Default)]
pub struct SshStderr(Arc<Mutex<String>>);

impl SshStderr {
    /// ssh's last error output, trimmed; waits up to `wait` for it to arrive.
    pub async fn last(&self, wait: Duration) -> Option<String> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let text = self
                .0
                .lock()
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            if !text.is_empty() {
                return Some(text);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    fn record(&self, text: &str) {
        if let Ok(mut s) = self.0.lock() {
            *s = text.chars().take(STDERR_KEEP).collect();
        }
    }
}

/// The connector for `dest` (each connection is an `ssh … docker system dial-stdio` child)
/// and the handle on what ssh says on stderr. The transport (`transport.rs`) uses it.
pub fn connector(dest: SshDest) -> (SshConnector, SshStderr) {
    let stderr = SshStderr::default();
    let connector = SshConnector {
        args: Arc::new(dest.ssh_args()),
        stderr: stderr.clone(),
    };
    (connector, stderr)
}

#[derive(Clone)]
pub struct SshConnector {
    args: Arc<Vec<String>>,
    stderr: SshStderr,
}

impl tower_service::Service<Uri> for SshConnector {
    type Response = SshStream;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<SshStream>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Uri) -> Self::Future {
        let (args, stderr) = (Arc::clone(&self.args), self.stderr.clone());
        Box::pin(async move { spawn(&args, stderr) })
    }
}

fn spawn(args: &[String], sink: SshStderr) -> io::Result<SshStream> {
    let mut child = Command::new("ssh")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("cannot run ssh: {e}")))?;
    let missing = || io::Error::other("ssh started without pipes");
    let stdin = child.stdin.take().ok_or_else(missing)?;
    let stdout = child.stdout.take().ok_or_else(missing)?;
    if let Some(mut err) = child.stderr.take() {
        tokio::spawn(async move {
            let mut text = String::new();
            let mut buf = [0u8; 1024];
            while let Ok(n) = err.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                text.push_str(&String::from_utf8_lossy(&buf[..n]));
                if !text.trim().is_empty() {
                    sink.record(&text);
                }
            }
        });
    }
    Ok(SshStream {
        io: TokioIo::new(tokio::io::join(stdout, stdin)),
        _child: child,
    })
}

/// One connection: the child's stdout to read, its stdin to write. Dropping it kills ssh.
pub struct SshStream {
    io: TokioIo<Join<ChildStdout, ChildStdin>>,
    _child: Child,
}

impl hyper::rt::Read for SshStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for SshStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

impl Connection for SshStream {
    fn connected(&self) -> Connected {
        Connected::new()
    }
}

#[cfg(test)]
mod tests {
    use super::SshDest;

    fn dest(user: Option<&str>, host: &str, port: Option<u16>) -> SshDest {
        SshDest {
            user: user.map(String::from),
            host: host.into(),
            port,
        }
    }

    #[test]
    fn parses_user_host_port() {
        let p = SshDest::parse;
        assert_eq!(
            p("ssh://root@127.0.0.1:2222"),
            Some(dest(Some("root"), "127.0.0.1", Some(2222)))
        );
        assert_eq!(p("ssh://box"), Some(dest(None, "box", None)));
        assert_eq!(p("ssh://me@box/"), Some(dest(Some("me"), "box", None)));
        assert_eq!(p("ssh://[::1]:22"), Some(dest(None, "::1", Some(22))));
        assert_eq!(p("ssh://a@b@c"), Some(dest(Some("a@b"), "c", None)));
        assert_eq!(p("ssh://-oProxyCommand=x"), None);
        assert_eq!(p("ssh://@box"), None);
        assert_eq!(p("ssh://box:port"), None);
        assert_eq!(p("tcp://box"), None);
    }

    #[test]
    fn ssh_args_like_the_docker_cli() {
        let args = dest(Some("root"), "127.0.0.1", Some(2222)).ssh_args();
        let tail: Vec<&str> = args.iter().map(String::as_str).skip(5).collect();
        assert_eq!(
            tail,
            [
                "-l",
                "root",
                "-p",
                "2222",
                "--",
                "127.0.0.1",
                "docker",
                "system",
                "dial-stdio"
            ]
        );
        assert!(args.contains(&"BatchMode=yes".to_string()));
        let plain = dest(None, "box", None).ssh_args();
        assert_eq!(plain[5..], ["--", "box", "docker", "system", "dial-stdio"]);
    }
}
