//! Container logs as a stream of whole lines, stdout and stderr told apart, each with the
//! daemon's timestamp (`timestamps=true`). The daemon's pieces of long lines are joined back
//! (`logs_join`), as `docker logs` shows them.

use bollard::container::LogOutput;
use bollard::query_parameters::LogsOptions;
use futures_util::{Stream, StreamExt, stream};

use super::logs_join::Joiner;
use super::{Engine, EngineError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogStream {
    Stdout,
    Stderr,
    /// A TTY container: the daemon cannot tell the two apart.
    Console,
}

/// One line as the container wrote it (escape sequences and all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub stream: LogStream,
    /// The daemon's RFC 3339 timestamp of the line's first piece, e.g.
    /// `2024-05-01T12:34:56.123456789Z`.
    pub time: Option<String>,
    pub text: String,
    /// Bytes of the line dropped past [`super::logs_join::MAX_LINE`].
    pub cut: u64,
}

impl LogLine {
    /// A line without timestamp, whole.
    pub fn new(stream: LogStream, text: impl Into<String>) -> LogLine {
        LogLine {
            stream,
            time: None,
            text: text.into(),
            cut: 0,
        }
    }
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
            timestamps: true,
            tail: tail.to_string(),
            ..Default::default()
        };
        let doing = format!("read logs of {}", crate::model::short_id(id));
        let frames = self.docker().logs(id, Some(opts));
        // `None` marks the end, so the lines still open are flushed.
        let frames = frames.map(Some).chain(stream::once(async { None }));
        frames
            .scan(Joiner::new(true), move |joiner, frame| {
                let out: Vec<Result<LogLine, EngineError>> = match frame {
                    Some(Ok(out)) => {
                        let (stream, bytes) = match out {
                            LogOutput::StdOut { message } => (LogStream::Stdout, message),
                            LogOutput::StdErr { message } => (LogStream::Stderr, message),
                            LogOutput::Console { message } => (LogStream::Console, message),
                            LogOutput::StdIn { message } => (LogStream::Console, message),
                        };
                        joiner.feed(stream, &bytes).into_iter().map(Ok).collect()
                    }
                    Some(Err(e)) => {
                        let mut v: Vec<_> = joiner.flush().into_iter().map(Ok).collect();
                        v.push(Err(EngineError::from_api(doing.clone(), e)));
                        v
                    }
                    None => joiner.flush().into_iter().map(Ok).collect(),
                };
                std::future::ready(Some(stream::iter(out)))
            })
            .flatten()
    }
}
