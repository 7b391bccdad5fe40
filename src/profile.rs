//! What "right" means for the app being checked. Defaults are the guide's values;
//! a `docktor.toml` in the current directory or `--profile FILE` overrides them.
//!
//! Every key is optional; what is absent keeps its default:
//!
//! ```toml
//! app_dir = "/app"            # where the app lives in the container (absolute)
//! size_budget = "400MB"       # "400MB" (10^6), "1.5GiB" (2^30) or a number of bytes
//!
//! [user]                      # the non-root user the app should run as
//! name = "app"
//! uid = 1001
//! gid = 1001
//!
//! [health]                    # HTTP health endpoint inside the container
//! path = "/health/"
//! port = 8000
//!
//! [env]
//! spec = ".env.example"       # relative to the profile file's directory
//! required = ["DB_HOST", "SECRET_KEY"]
//! schema = "env.schema.json"  # dotenv-linter's schema format; relative like spec
//! secret_patterns = ["*SECRET*", "*PASSWORD*", "*TOKEN*"]  # replaces the defaults
//! probe_timeout = 3           # seconds the database probe waits for DNS + TCP (1-60)
//!
//! [layers]                    # CI gates of `docktor layers` / `docktor check` (none by default)
//! min_efficiency = 0.9
//! max_wasted = "50MB"
//! ```
//!
//! Unknown keys and wrong types are errors that name the file, line, column and key.

mod error;
mod file;
mod size;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use error::ProfileError;
pub use size::parse_size;

/// Name of the profile file looked for in the current directory.
pub const PROFILE_FILE: &str = "docktor.toml";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// Directory the application lives in inside the container.
    pub app_dir: String,
    /// Name of the non-root user the app runs as.
    pub app_user: String,
    pub app_uid: u32,
    pub app_gid: u32,
    /// Path of the HTTP health endpoint.
    pub health_path: String,
    pub health_port: u16,
    /// Env spec file (e.g. `.env.example`) listing required variables; none by default.
    /// When loaded from a file, a relative path is made relative to that file's directory.
    pub env_spec: Option<String>,
    /// dotenv-linter schema (JSON) giving the variables' types; none by default. Relative
    /// paths are made relative to the profile file's directory, as for `env_spec`.
    pub env_schema: Option<String>,
    /// Seconds the database probe waits for the name to resolve and the port to answer.
    pub db_probe_timeout_secs: u64,
    /// Image size budget in bytes.
    pub size_budget_bytes: u64,
    /// Variables that must be set in the container, beyond those in `env_spec`.
    pub required_env: Vec<String>,
    /// Glob patterns (`*` only, case-insensitive) for env names whose values are secret.
    pub secret_patterns: Vec<String>,
    /// CI gate: the layer efficiency (0..1) must be at least this (`[layers] min_efficiency`).
    pub min_efficiency: Option<f64>,
    /// CI gate: wasted bytes must be at most this (`[layers] max_wasted`).
    pub max_wasted_bytes: Option<u64>,
    /// The image the build starts from; its registry must answer the daemon (`[build]
    /// base_image`; the guide's uv image by default).
    pub base_image: String,
    /// A build context above this many bytes is worth a look (`[build] context_budget`).
    pub context_budget_bytes: u64,
    /// Reclaimable build cache above this many bytes is worth a prune (`[build] cache_budget`).
    pub cache_budget_bytes: u64,
}

/// The guide's builder image (`Official uv Docker Images`).
pub const GUIDE_BASE_IMAGE: &str = "ghcr.io/astral-sh/uv:latest-python3.13-bookworm-slim";

impl Default for Profile {
    fn default() -> Self {
        Profile {
            app_dir: "/app".into(),
            app_user: "app".into(),
            app_uid: 1001,
            app_gid: 1001,
            health_path: "/health/".into(),
            health_port: 8000,
            env_spec: None,
            env_schema: None,
            db_probe_timeout_secs: 3,
            size_budget_bytes: 400 * 1000 * 1000,
            required_env: Vec::new(),
            // Over-masking is cheap, a leaked value is not: `*KEY*` covers API_KEY,
            // SECRET_KEY, ACCESS_KEY_ID…; `*ACCESS*` and `*PRIVATE*` the rest of a pair.
            secret_patterns: [
                "*SECRET*",
                "*PASSWORD*",
                "*PASSWD*",
                "*TOKEN*",
                "*KEY*",
                "*CREDENTIAL*",
                "*ACCESS*",
                "*PRIVATE*",
            ]
            .map(String::from)
            .to_vec(),
            min_efficiency: None,
            max_wasted_bytes: None,
            base_image: GUIDE_BASE_IMAGE.into(),
            context_budget_bytes: 100 * 1000 * 1000,
            cache_budget_bytes: 10 * 1000 * 1000 * 1000,
        }
    }
}

impl Profile {
    /// Whether an env variable name looks secret (matches any of `secret_patterns`).
    pub fn is_secret_name(&self, name: &str) -> bool {
        let name = name.to_ascii_uppercase();
        self.secret_patterns
            .iter()
            .any(|p| glob_match(&p.to_ascii_uppercase(), &name))
    }
}

/// `*` matches any run of characters; everything else matches itself.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = parts.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty(); // no '*' at all: exact match
    };
    for piece in middle {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// Where the profile in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    Defaults,
    File(PathBuf),
}

/// Loads the profile: `explicit` (`--profile FILE`, must exist; relative to `cwd`), else
/// `cwd/docktor.toml` when present, else the defaults.
pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<(Profile, ProfileSource), ProfileError> {
    let (shown, path) = match explicit {
        Some(p) => (p.to_path_buf(), cwd.join(p)),
        None => {
            let path = cwd.join(PROFILE_FILE);
            if !path.exists() {
                return Ok((Profile::default(), ProfileSource::Defaults));
            }
            (PathBuf::from(PROFILE_FILE), path)
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ProfileError::NotFound {
            path: shown.clone(),
        },
        _ => ProfileError::Unreadable {
            path: shown.clone(),
            message: e.to_string(),
        },
    })?;
    let mut profile = file::parse(&text, &shown)?;
    if let Some(dir) = path.parent() {
        for slot in [&mut profile.env_spec, &mut profile.env_schema] {
            if let Some(p) = slot.as_ref()
                && Path::new(p).is_relative()
            {
                *slot = Some(dir.join(p).display().to_string());
            }
        }
    }
    Ok((profile, ProfileSource::File(path)))
}
