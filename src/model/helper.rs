//! A short-lived helper container: created from an image to read its files without running
//! it, or started on a container's network to probe from where the app runs.

use std::collections::BTreeMap;

/// The label every helper carries, so a stray one can be found and removed.
pub const HELPER_LABEL: &str = "docktor.helper";

/// What to create.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HelperSpec {
    pub image: String,
    /// The container's name; docktor picks a unique `docktor-helper-…` when `None`.
    pub name: Option<String>,
    pub user: Option<String>,
    /// Replaces the image's entrypoint (`Some(vec![])` clears it).
    pub entrypoint: Option<Vec<String>>,
    /// Replaces the image's command.
    pub cmd: Option<Vec<String>>,
    pub env: Vec<String>,
    pub working_dir: Option<String>,
    /// `container:<id>` (share its network namespace), a network name, `none`…
    pub network_mode: Option<String>,
    /// Added to [`HELPER_LABEL`].
    pub labels: BTreeMap<String, String>,
}

impl HelperSpec {
    pub fn new(image: impl Into<String>) -> HelperSpec {
        HelperSpec {
            image: image.into(),
            ..Default::default()
        }
    }
    /// A container made only to read the image's files, never started: no entrypoint and a
    /// placeholder command (create needs one; it is not looked up until a start).
    pub fn inert(image: impl Into<String>) -> HelperSpec {
        HelperSpec::new(image)
            .entrypoint(Vec::<String>::new())
            .cmd(["docktor-helper-not-started"])
    }
    pub fn cmd<S: Into<String>>(mut self, cmd: impl IntoIterator<Item = S>) -> HelperSpec {
        self.cmd = Some(cmd.into_iter().map(Into::into).collect());
        self
    }
    pub fn entrypoint<S: Into<String>>(mut self, ep: impl IntoIterator<Item = S>) -> HelperSpec {
        self.entrypoint = Some(ep.into_iter().map(Into::into).collect());
        self
    }
    pub fn user(mut self, user: impl Into<String>) -> HelperSpec {
        self.user = Some(user.into());
        self
    }
    /// Joins `container`'s network namespace (same addresses, same DNS view).
    pub fn in_network_of(mut self, container: &str) -> HelperSpec {
        self.network_mode = Some(format!("container:{container}"));
        self
    }
    pub fn network(mut self, mode: impl Into<String>) -> HelperSpec {
        self.network_mode = Some(mode.into());
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> HelperSpec {
        self.name = Some(name.into());
        self
    }
    pub fn label(mut self, key: impl Into<String>, value: impl Into<String>) -> HelperSpec {
        self.labels.insert(key.into(), value.into());
        self
    }
}
