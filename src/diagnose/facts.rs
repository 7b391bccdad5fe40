//! The facts about one target (a container or an image): one value, filled in part by part
//! as the engine gathers them (quick ones first), each part optional. Rules read facts only.

use std::sync::Arc;

use serde::Serialize;

use crate::buildcache::CacheFacts;
use crate::context::ContextReport;
use crate::envcheck::{DbFacts, EnvFacts};
use crate::health::HealthFacts;
use crate::layers::ImageAnalysis;
use crate::registry::RegistryFacts;
use crate::runtime::{ContainerFacts, ProcessFacts};

/// What the facts are about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Subject {
    Container {
        id: String,
        name: String,
    },
    Image {
        reference: String,
    },
    /// A build context directory (`docktor context DIR`).
    Context {
        dir: String,
    },
    /// The engine as a whole: its build cache and disk (`docktor cache`), by host.
    Engine {
        host: String,
    },
}

impl Subject {
    /// How people name it: the container's name or the image reference.
    pub fn label(&self) -> &str {
        match self {
            Subject::Container { name, .. } => name,
            Subject::Image { reference } => reference,
            Subject::Context { dir } => dir,
            Subject::Engine { host } => host,
        }
    }
}

/// One kind of fact a rule can need. Each is gathered once per target and shared by the
/// TUI and the headless commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fact {
    /// The image's files, layer by layer (export, archive or overlay2 walk).
    Layers,
    /// The engine's build cache and disk usage (`/system/df`).
    BuildCache,
    /// Whether the daemon reaches the registries the build pulls from.
    Registry,
    /// A build context as `docker build` would send it.
    Context,
    /// The health check in effect, its probes (daemon, captured, recorded) and the probe
    /// tools in the container.
    Health,
    /// The container's configuration (full inspect) and its image's; for an image, the
    /// image's alone.
    Container,
    /// A running container's processes (`/top`) and the host's CPU count.
    Processes,
    /// The container's environment with its sources, the app's spec and schema, the
    /// image's config env and history.
    Env,
    /// The database probe from inside the container's network namespace.
    Database,
    /// The runtime user, the container's /etc/passwd and /etc/group, mounts, command.
    RuntimeUser,
    /// The files under the app dir (archive endpoint or overlay2 walk).
    AppFiles,
}

impl Fact {
    /// What the fact is, in words for "could not check: …".
    pub fn describe(self) -> &'static str {
        match self {
            Fact::Layers => "the image's layers and files",
            Fact::BuildCache => "the engine's build cache",
            Fact::Registry => "the registries' reachability from the daemon",
            Fact::Context => "the build context",
            Fact::Health => "the health check and its probes",
            Fact::Container => "the container's configuration",
            Fact::Processes => "the container's processes",
            Fact::Env => "the container's environment",
            Fact::Database => "the database connection from the container",
            Fact::RuntimeUser => "the runtime user and the container's /etc/passwd",
            Fact::AppFiles => "the files under the app directory",
        }
    }
}

/// One part of the facts: not gathered yet, impossible to gather (why), or known.
#[derive(Debug, Clone, Default)]
pub enum Part<T> {
    #[default]
    Pending,
    Unavailable(String),
    Ready(T),
}

impl<T> Part<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Part::Ready(v) => Some(v),
            _ => None,
        }
    }

    /// The state without the value, for rules' readiness checks.
    pub fn state(&self) -> PartState<'_> {
        match self {
            Part::Pending => PartState::Pending,
            Part::Unavailable(why) => PartState::Unavailable(why),
            Part::Ready(_) => PartState::Ready,
        }
    }

    /// `Ready` for `Ok`, `Unavailable` with the error's words for `Err`.
    pub fn from_result<E: std::fmt::Display>(r: Result<T, E>) -> Self {
        match r {
            Ok(v) => Part::Ready(v),
            Err(e) => Part::Unavailable(e.to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartState<'a> {
    Pending,
    Unavailable(&'a str),
    Ready,
}

/// Everything known about one target.
#[derive(Debug, Clone)]
pub struct Facts {
    pub subject: Subject,
    pub layers: Part<Arc<ImageAnalysis>>,
    pub build_cache: Part<Arc<CacheFacts>>,
    pub registry: Part<Arc<RegistryFacts>>,
    pub context: Part<Arc<ContextReport>>,
    pub health: Part<HealthFacts>,
    pub container: Part<Arc<ContainerFacts>>,
    pub processes: Part<Arc<ProcessFacts>>,
    pub env: Part<EnvFacts>,
    pub database: Part<DbFacts>,
    pub runtime_user: Part<Arc<crate::files::Runtime>>,
    pub app_files: Part<Arc<crate::files::Walked>>,
    /// The user asked to see secret values (`--reveal`): verdicts are not masked.
    pub reveal: bool,
}

impl Facts {
    /// Facts about `subject` with nothing gathered yet.
    pub fn new(subject: Subject) -> Self {
        Facts {
            subject,
            layers: Part::Pending,
            build_cache: Part::Pending,
            registry: Part::Pending,
            context: Part::Pending,
            health: Part::Pending,
            container: Part::Pending,
            processes: Part::Pending,
            env: Part::Pending,
            database: Part::Pending,
            runtime_user: Part::Pending,
            app_files: Part::Pending,
            reveal: false,
        }
    }

    /// Facts about an image whose layers are analysed.
    pub fn of_image(analysis: Arc<ImageAnalysis>) -> Self {
        let mut f = Facts::new(Subject::Image {
            reference: analysis.layers.image.clone(),
        });
        f.layers = Part::Ready(analysis);
        f
    }

    /// Facts about a build context that has been checked.
    pub fn of_context(report: Arc<ContextReport>) -> Self {
        let mut f = Facts::new(Subject::Context {
            dir: report.dir.clone(),
        });
        f.context = Part::Ready(report);
        f
    }

    /// Facts about an engine whose disk usage has been read.
    pub fn of_build_cache(host: &str, cache: Arc<CacheFacts>) -> Self {
        let mut f = Facts::new(Subject::Engine { host: host.into() });
        f.build_cache = Part::Ready(cache);
        f
    }

    pub fn state(&self, fact: Fact) -> PartState<'_> {
        match fact {
            Fact::Layers => self.layers.state(),
            Fact::BuildCache => self.build_cache.state(),
            Fact::Registry => self.registry.state(),
            Fact::Context => self.context.state(),
            Fact::Health => self.health.state(),
            Fact::Container => self.container.state(),
            Fact::Processes => self.processes.state(),
            Fact::Env => self.env.state(),
            Fact::Database => self.database.state(),
            Fact::RuntimeUser => self.runtime_user.state(),
            Fact::AppFiles => self.app_files.state(),
        }
    }
}
