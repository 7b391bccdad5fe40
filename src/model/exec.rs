//! A command run in a container (exec) or a helper container: what to run, and what came
//! back — stdout and stderr apart and bounded, the exit code, how long it took.

use std::time::Duration;

use serde::Serialize;

/// The most of each stream kept by default.
pub const DEFAULT_OUTPUT_LIMIT: usize = 64 * 1024;

/// What to run, as whom, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecSpec {
    /// The command and its arguments (no shell unless you give one: `["sh", "-c", …]`).
    pub cmd: Vec<String>,
    /// `name`, `uid`, `uid:gid`; `None` runs as the container's user.
    pub user: Option<String>,
    pub working_dir: Option<String>,
    /// `KEY=value` added to the container's environment.
    pub env: Vec<String>,
    /// After this, docktor stops waiting; the exit code is then unknown.
    pub timeout: Duration,
    /// The most of stdout, and of stderr, kept.
    pub output_limit: usize,
}

impl ExecSpec {
    pub fn new<S: Into<String>>(cmd: impl IntoIterator<Item = S>) -> ExecSpec {
        ExecSpec {
            cmd: cmd.into_iter().map(Into::into).collect(),
            user: None,
            working_dir: None,
            env: Vec::new(),
            timeout: Duration::from_secs(30),
            output_limit: DEFAULT_OUTPUT_LIMIT,
        }
    }
    pub fn user(mut self, user: impl Into<String>) -> ExecSpec {
        self.user = Some(user.into());
        self
    }
    pub fn working_dir(mut self, dir: impl Into<String>) -> ExecSpec {
        self.working_dir = Some(dir.into());
        self
    }
    pub fn env(mut self, entry: impl Into<String>) -> ExecSpec {
        self.env.push(entry.into());
        self
    }
    pub fn timeout(mut self, t: Duration) -> ExecSpec {
        self.timeout = t;
        self
    }
}

/// The first bytes of one output stream.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Captured {
    pub bytes: Vec<u8>,
    /// True when more came than was kept.
    pub truncated: bool,
    /// All bytes that came, kept or not.
    pub total: u64,
}

impl Captured {
    /// Appends what still fits under `limit`.
    pub fn push(&mut self, data: &[u8], limit: usize) {
        self.total += data.len() as u64;
        let room = limit.saturating_sub(self.bytes.len());
        if data.len() > room {
            self.truncated = true;
        }
        self.bytes.extend_from_slice(&data[..data.len().min(room)]);
    }

    /// As text; invalid UTF-8 is replaced, never dropped silently.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// What an exec (or a helper container) produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExecOutput {
    /// `None` when it timed out (or the daemon did not say).
    pub exit_code: Option<i64>,
    /// docktor stopped waiting after the spec's timeout; the command may still run.
    pub timed_out: bool,
    pub stdout: Captured,
    pub stderr: Captured,
    pub duration: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captured_output_is_bounded() {
        let mut c = Captured::default();
        c.push(b"hello ", 8);
        c.push(b"world", 8);
        assert_eq!(c.bytes, b"hello wo");
        assert!(c.truncated);
        assert_eq!(c.total, 11);
        let mut ok = Captured::default();
        ok.push(b"\xffx", 8);
        assert_eq!(ok.text(), "\u{fffd}x");
        assert!(!ok.truncated);
    }
}
