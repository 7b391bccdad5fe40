//! Why a probe failed, read from its exit code and output: the words of curl, wget,
//! python's urllib, the shell and the daemon for the usual causes. Pure; the rules of
//! `diagnose/rules/health.rs` turn these into findings with the guide's advice.

use serde::Serialize;

use super::probe::{EXIT_DAEMON_ERROR, Probe};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "cause", rename_all = "kebab-case")]
pub enum Cause {
    /// Nothing listens on the port (or not on that address).
    ConnectionRefused,
    /// The app answered 404: wrong path, URL conf, trailing slash.
    NotFound,
    /// The app answered 5xx: it runs but fails.
    ServerError { status: u16 },
    /// Another HTTP error status (401, 403, 400…).
    HttpStatus { status: u16 },
    /// The daemon stopped it at the timeout, or the tool gave up waiting.
    Timeout,
    /// The probe's program is not in the image.
    CommandNotFound { tool: String },
    /// `CMD-SHELL` needs `/bin/sh`, which the image does not have.
    NoShell,
    /// The check exited 2, which Docker reserves.
    ReservedExit,
    /// Something else; the output says what.
    Other,
}

impl Cause {
    pub fn slug(&self) -> &'static str {
        match self {
            Cause::ConnectionRefused => "connection-refused",
            Cause::NotFound => "http-404",
            Cause::ServerError { .. } => "http-5xx",
            Cause::HttpStatus { .. } => "http-status",
            Cause::Timeout => "timeout",
            Cause::CommandNotFound { .. } => "command-not-found",
            Cause::NoShell => "no-shell",
            Cause::ReservedExit => "exit-code-2",
            Cause::Other => "other",
        }
    }
}

/// The cause of a failed probe; `None` for a probe that passed or has not finished.
pub fn cause(p: &Probe) -> Option<Cause> {
    let code = p.exit_code?;
    if code == 0 {
        return None;
    }
    if p.timed_out() {
        return Some(Cause::Timeout);
    }
    let out = p.output.as_deref().unwrap_or("");
    let low = out.to_ascii_lowercase();
    if code == EXIT_DAEMON_ERROR
        && (low.contains("\"/bin/sh\"") || low.contains("stat /bin/sh"))
        && (low.contains("no such file") || low.contains("not found"))
    {
        return Some(Cause::NoShell);
    }
    if let Some(tool) = missing_tool(out) {
        return Some(Cause::CommandNotFound { tool });
    }
    if let Some(status) = http_status(&low) {
        return Some(match status {
            404 => Cause::NotFound,
            500..=599 => Cause::ServerError { status },
            _ => Cause::HttpStatus { status },
        });
    }
    let refused = [
        "connection refused",
        "can't connect to remote host",
        "failed to connect to",
        "couldn't connect to server",
        "errno 111",
        "curl: (7)",
    ];
    if refused.iter().any(|w| low.contains(w)) {
        return Some(Cause::ConnectionRefused);
    }
    let timed = [
        "timed out",
        "curl: (28)",
        "operation timeout",
        "download timed out",
    ];
    if timed.iter().any(|w| low.contains(w)) {
        return Some(Cause::Timeout);
    }
    if code == 2 {
        return Some(Cause::ReservedExit);
    }
    Some(Cause::Other)
}

/// The program a shell or the runtime could not find: `sh: curl: not found`,
/// `/bin/sh: 1: curl: not found`, `bash: curl: command not found`,
/// `exec: "curl": executable file not found in $PATH`.
fn missing_tool(out: &str) -> Option<String> {
    for line in out.lines() {
        if let Some(i) = line.find("executable file not found") {
            let head = &line[..i];
            let name = head.rsplit('"').nth(1).map(str::to_string);
            if let Some(n) = name.filter(|n| !n.is_empty() && n != "/bin/sh") {
                return Some(n);
            }
        }
        let t = line.trim_end();
        let rest = t
            .strip_suffix(": command not found")
            .or_else(|| t.strip_suffix(": not found"));
        if let Some(rest) = rest {
            let name = rest.rsplit(':').next().unwrap_or("").trim();
            if !name.is_empty() && !name.contains(' ') {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// An HTTP status a tool reported: `HTTP/1.1 500`, `returned error: 503`, `HTTP Error 404`.
fn http_status(low: &str) -> Option<u16> {
    let markers = [
        "http/1.1 ",
        "http/1.0 ",
        "http/2 ",
        "returned error: ",
        "http error ",
    ];
    for m in markers {
        let mut from = 0;
        while let Some(i) = low[from..].find(m) {
            let at = from + i + m.len();
            let digits: String = low[at..].chars().take_while(char::is_ascii_digit).collect();
            if let Ok(code @ 400..=599) = digits.parse::<u16>() {
                return Some(code);
            }
            from = at;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: i64, out: &str) -> Option<Cause> {
        cause(&Probe::daemon(0, Some(1), code, out))
    }

    #[test]
    fn the_usual_words_are_recognised() {
        use Cause::*;
        assert_eq!(c(0, "ok"), None);
        assert_eq!(
            c(
                1,
                "wget: can't connect to remote host (127.0.0.1): Connection refused\n"
            ),
            Some(ConnectionRefused)
        );
        assert_eq!(
            c(
                7,
                "curl: (7) Failed to connect to localhost port 8000 after 0 ms: Couldn't connect to server"
            ),
            Some(ConnectionRefused)
        );
        assert_eq!(
            c(1, "wget: server returned error: HTTP/1.1 404 Not Found\n"),
            Some(NotFound)
        );
        assert_eq!(
            c(22, "curl: (22) The requested URL returned error: 503"),
            Some(ServerError { status: 503 })
        );
        assert_eq!(
            c(
                1,
                "urllib.error.HTTPError: HTTP Error 500: Internal Server Error"
            ),
            Some(ServerError { status: 500 })
        );
        assert_eq!(
            c(1, "HTTP/1.1 403 Forbidden"),
            Some(HttpStatus { status: 403 })
        );
        assert_eq!(c(-1, "Health check exceeded timeout (2s)"), Some(Timeout));
        assert_eq!(
            c(28, "curl: (28) Operation timed out after 2001 milliseconds"),
            Some(Timeout)
        );
        assert_eq!(c(2, "usage: check [-h]"), Some(ReservedExit));
        assert_eq!(c(1, "something odd"), Some(Other));
    }

    #[test]
    fn missing_programs_and_shells_are_named() {
        use Cause::*;
        let tool = |t: &str| Some(CommandNotFound { tool: t.into() });
        assert_eq!(c(127, "/bin/sh: curl: not found\n"), tool("curl"));
        assert_eq!(c(127, "/bin/sh: 1: curl: not found\n"), tool("curl"));
        assert_eq!(c(127, "bash: curl: command not found"), tool("curl"));
        assert_eq!(
            c(
                -1,
                "OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: \"curl\": executable file not found in $PATH: unknown"
            ),
            tool("curl")
        );
        assert_eq!(
            c(
                -1,
                "OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: \"/bin/sh\": stat /bin/sh: no such file or directory: unknown"
            ),
            Some(NoShell)
        );
    }
}
