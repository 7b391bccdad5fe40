//! The facts the `runtime.*` rules read: a container's full inspect with its image's config
//! (only the image's for an image), the script its entrypoint runs as the archive endpoint
//! stats it, and its processes with the host's CPU count.

use crate::model::image_config::ImageConfig;
use crate::model::inspect::ContainerDetails;
use crate::model::top::ProcessList;

use super::entry::{EntryScript, ScriptLookup};

/// `Fact::Container`: what the container (or the image) is configured to run.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerFacts {
    /// `None` when the subject is an image (no container, no host config).
    pub details: Option<ContainerDetails>,
    /// The image's own config (the defaults a container inherits).
    pub image: ImageConfig,
    /// The `start.sh` the entrypoint runs, and what the archive endpoint says of it.
    pub script: Option<(EntryScript, ScriptLookup)>,
    /// The last lines a container that is not running wrote (escapes and control
    /// characters removed), oldest first: why it stopped is usually there.
    pub last_logs: Vec<String>,
}

impl ContainerFacts {
    /// The user the processes run as: the container's (the daemon copies the image's into
    /// it at create), else the image's.
    pub fn user(&self) -> &str {
        match &self.details {
            Some(d) if !d.config.user.is_empty() => &d.config.user,
            Some(_) => "",
            None => &self.image.user,
        }
    }

    /// Entrypoint and command as they run (the container's, else the image's).
    pub fn argv(&self) -> (Vec<String>, Vec<String>) {
        match &self.details {
            Some(d) => (d.config.entrypoint.clone(), d.config.cmd.clone()),
            None => (self.image.entrypoint.clone(), self.image.cmd.clone()),
        }
    }

    /// The working directory relative paths start from (`/` when unset).
    pub fn working_dir(&self) -> &str {
        let wd = match &self.details {
            Some(d) if !d.config.working_dir.is_empty() => &d.config.working_dir,
            _ => &self.image.working_dir,
        };
        if wd.is_empty() { "/" } else { wd }
    }

    /// The script the entrypoint and command run, if one is a `start.sh`.
    pub fn entry_script(&self) -> Option<EntryScript> {
        let (ep, cmd) = self.argv();
        super::entry::find(&ep, &cmd, self.working_dir())
    }

    /// Ports the container or its image exposes (`8000/tcp`).
    pub fn exposed_ports(&self) -> Vec<&str> {
        let mut p: Vec<&str> = self
            .image
            .exposed_ports
            .iter()
            .map(String::as_str)
            .collect();
        if let Some(d) = &self.details {
            p.extend(d.config.exposed_ports.iter().map(String::as_str));
        }
        p.sort_unstable();
        p.dedup();
        p
    }
}

/// `Fact::Processes`: a running container's processes (`/top`, no exec) and the CPUs of
/// the host it runs on (what it may use without a CPU limit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessFacts {
    pub list: ProcessList,
    /// `NCPU` of `/info`; `None` when the engine did not say.
    pub host_cpus: Option<u32>,
}
