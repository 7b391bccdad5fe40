//! Errors from host resolution, written for people: each names the thing that is wrong
//! (flag, variable, file, context) and says what to do about it.

use std::fmt;
use std::path::PathBuf;

/// Where a host string came from, so an error can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostOrigin {
    /// `--host` flag.
    Flag,
    /// `DOCKER_HOST` environment variable.
    Env,
    /// The docker endpoint of a context.
    Context { name: String, meta_path: PathBuf },
    /// A bare value handed to [`super::parse_host`].
    Value,
}

/// Why the daemon to talk to could not be worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostError {
    /// A host string that cannot be used; `reason` already says what to do.
    InvalidHost {
        origin: HostOrigin,
        value: String,
        reason: String,
    },
    /// Two options that each pick a daemon were given together.
    Conflict {
        first: &'static str,
        second: &'static str,
    },
    /// The named context has no metadata in the context store.
    ContextNotFound {
        name: String,
        /// Where the name came from: "--context", "DOCKER_CONTEXT", "currentContext in …".
        from: String,
        meta_dir: PathBuf,
        /// Hex SHA-256 of the name: the directory docker stores it under.
        id: String,
    },
    /// The context exists but has no (usable) docker endpoint.
    NoDockerEndpoint { name: String, meta_path: PathBuf },
    /// A JSON file (config.json, meta.json) that does not parse.
    Malformed {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        hint: String,
    },
    /// A file that exists but cannot be read.
    Unreadable { path: PathBuf, message: String },
    /// Neither DOCKER_CONFIG nor HOME is set but the config directory is needed.
    NoConfigDir { needed_for: String },
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::InvalidHost {
                origin,
                value,
                reason,
            } => match origin {
                HostOrigin::Flag => write!(f, "--host {value}: {reason}"),
                HostOrigin::Env => write!(f, "DOCKER_HOST={value}: {reason}"),
                HostOrigin::Context { name, meta_path } => write!(
                    f,
                    "context '{name}' has host '{value}' ({}): {reason}",
                    meta_path.display()
                ),
                HostOrigin::Value => write!(f, "host '{value}': {reason}"),
            },
            HostError::Conflict { first, second } => write!(
                f,
                "{first} and {second} cannot be used together (each picks the daemon); keep one"
            ),
            HostError::ContextNotFound {
                name,
                from,
                meta_dir,
                id,
            } => write!(
                f,
                "context '{name}' (from {from}) not found in {} (looked for {id}/meta.json); \
                 list contexts with `docker context ls`",
                meta_dir.display()
            ),
            HostError::NoDockerEndpoint { name, meta_path } => write!(
                f,
                "context '{name}' has no docker endpoint host ({}); recreate it with \
                 `docker context create {name} --docker host=tcp://HOST:PORT` or pick another context",
                meta_path.display()
            ),
            HostError::Malformed {
                path,
                line,
                column,
                message,
                hint,
            } => write!(f, "{}:{line}:{column}: {message}; {hint}", path.display()),
            HostError::Unreadable { path, message } => write!(
                f,
                "cannot read {}: {message}; check that it is a readable file",
                path.display()
            ),
            HostError::NoConfigDir { needed_for } => write!(
                f,
                "cannot find the docker config directory ({needed_for}): neither DOCKER_CONFIG \
                 nor HOME is set; set DOCKER_CONFIG=/path/to/.docker"
            ),
        }
    }
}

impl std::error::Error for HostError {}
