//! Errors from the daemon, worded for people: what happened, where, and what to do next.

use std::fmt;
use std::time::Duration;

#[derive(Debug)]
pub enum EngineError {
    /// Host configuration could not be resolved (bad DOCKER_HOST, missing context…).
    Host(String),
    /// No daemon answered at the host.
    Unreachable {
        uri: String,
        reason: String,
        hint: String,
    },
    /// A container (or image) that does not exist.
    NotFound { what: String, name: String },
    /// The daemon answered with an error.
    Api { doing: String, message: String },
    /// A path that does not exist in a container (the container does).
    PathNotFound { container: String, path: String },
    /// The container exists but is not running (exec needs it running).
    NotRunning { container: String, message: String },
    /// The command to exec is not in the container (the runtime's own words in `message`).
    ExecutableNotFound {
        container: String,
        executable: String,
        message: String,
    },
    /// No answer within the time allowed.
    Timeout { doing: String, after: Duration },
    /// Stopped on request (a cancelled stream).
    Cancelled { doing: String },
}

impl EngineError {
    pub fn unreachable(uri: &str, reason: &str, hint: String) -> Self {
        EngineError::Unreachable {
            uri: uri.to_string(),
            reason: root_cause(reason),
            hint,
        }
    }

    /// The same error told as happening while `doing` (e.g. "remove old docktor-demo-x"),
    /// for callers that say in their own words what they asked.
    pub fn while_doing(self, doing: impl Into<String>) -> Self {
        match self {
            EngineError::NotFound { name, .. } => EngineError::NotFound {
                what: doing.into(),
                name,
            },
            EngineError::Api { message, .. } => EngineError::Api {
                doing: doing.into(),
                message,
            },
            other => other,
        }
    }

    /// True when the daemon said the thing asked for does not exist (404).
    pub fn is_not_found(&self) -> bool {
        matches!(self, EngineError::NotFound { .. })
    }

    /// What the daemon (or the connection) said, without what docktor was doing.
    pub fn detail(&self) -> String {
        match self {
            EngineError::NotFound { name, .. } => name.clone(),
            EngineError::Api { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// Maps an error of the client library from `doing` (e.g. "stop dfx-web") to a
    /// people's error.
    pub(super) fn from_api(doing: impl Into<String>, err: bollard::errors::Error) -> Self {
        let doing = doing.into();
        match err {
            bollard::errors::Error::DockerResponseServerError {
                status_code: 404,
                message,
            } => EngineError::NotFound {
                what: doing,
                name: message,
            },
            bollard::errors::Error::DockerResponseServerError { message, .. } => {
                EngineError::Api { doing, message }
            }
            other => EngineError::Api {
                doing,
                message: cause_chain(&other),
            },
        }
    }

    /// True when the error says the daemon went away (the UI then shows "disconnected").
    pub fn is_connection(&self) -> bool {
        match self {
            EngineError::Unreachable { .. } => true,
            EngineError::Api { message, .. } => looks_like_connection(message),
            _ => false,
        }
    }
}

/// Whether an error text describes a broken connection rather than a refusal by the daemon.
pub fn looks_like_connection(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "connection refused",
        "no such file",
        "broken pipe",
        "connection reset",
        "error trying to connect",
        "hyper",
        "timed out",
        "timeout",
        "channel closed",
        "connection closed",
    ]
    .iter()
    .any(|k| m.contains(k))
}

/// The innermost reason of an error chain (e.g. `Connection refused (os error 111)`),
/// which is what people need; the client library's outer text is generic
/// (`client error (Connect)`).
pub fn cause_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut deepest = err.to_string();
    let mut cur = err.source();
    while let Some(e) = cur {
        deepest = e.to_string();
        cur = e.source();
    }
    root_cause(&deepest)
}

/// The client library nests errors; people want the innermost, shortest reason.
fn root_cause(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("Error in the hyper legacy client: ")
        .unwrap_or(s);
    s.to_string()
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Host(m) => write!(f, "{m}"),
            EngineError::Unreachable { uri, reason, hint } => {
                write!(
                    f,
                    "cannot reach the container engine at {uri}: {reason}\n{hint}"
                )
            }
            EngineError::NotFound { what, name } => {
                write!(
                    f,
                    "{what}: not found ({name}). List what exists with `docktor ps --all`."
                )
            }
            EngineError::Api { doing, message } => write!(f, "{doing}: {message}"),
            EngineError::PathNotFound { container, path } => write!(
                f,
                "{path} does not exist in container {container}. Check the path (it is case-sensitive) or list the folder above it."
            ),
            EngineError::NotRunning { container, message } => write!(
                f,
                "container {container} is not running ({message}). Start it first, or read its files without exec."
            ),
            EngineError::ExecutableNotFound {
                container,
                executable,
                message,
            } => write!(
                f,
                "{executable} is not in container {container}: {message}. The image may be slim or distroless; use a tool it has."
            ),
            EngineError::Timeout { doing, after } => write!(
                f,
                "{doing}: no answer within {:.1} s. The engine may be overloaded; try again.",
                after.as_secs_f64()
            ),
            EngineError::Cancelled { doing } => write!(f, "{doing}: cancelled"),
        }
    }
}

impl std::error::Error for EngineError {}
