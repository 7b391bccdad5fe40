//! What "right" means for the app being checked. Defaults are the guide's values;
//! a `docktor.toml` in the current directory or `--profile FILE` overrides them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub env_spec: Option<String>,
    /// Image size budget in bytes.
    pub size_budget_bytes: u64,
}

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
            size_budget_bytes: 400 * 1000 * 1000,
        }
    }
}
