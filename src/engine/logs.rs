//! Container logs as a stream of lines, stdout and stderr told apart.

use bollard::container::LogOutput;
use bollard::query_parameters::LogsOptions;
use futures_util::{Stream, StreamExt};

use super::{Engine, EngineError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogStream {
    Stdout,
    Stderr,
    /// A TTY container: the daemon cannot tell the two apart.
    Console,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub stream: LogStream,
    pub text: String,
}

impl Engine {
    /// The last `tail` lines, then (when `follow`) new lines as they come.
    pub fn logs(
        &self,
        id: &str,
        tail: usize,
        follow: bool,
    ) -> impl Stream<Item = Result<LogLine, EngineError>> + use<> {
        let opts = LogsOptions {
            follow,
            stdout: true,
            stderr: true,
            tail: tail.to_string(),
            ..Default::default()
        };
        let doing = format!("read logs of {}", crate::model::short_id(id));
        self.docker().logs(id, Some(opts)).map(move |r| match r {
            Ok(out) => {
                let (stream, bytes) = match out {
                    LogOutput::StdOut { message } => (LogStream::Stdout, message),
                    LogOutput::StdErr { message } => (LogStream::Stderr, message),
                    LogOutput::Console { message } => (LogStream::Console, message),
                    LogOutput::StdIn { message } => (LogStream::Console, message),
                };
                let text = String::from_utf8_lossy(&bytes)
                    .trim_end_matches(['\n', '\r'])
                    .to_string();
                Ok(LogLine { stream, text })
            }
            Err(e) => Err(EngineError::from_api(doing.clone(), e)),
        })
    }
}
