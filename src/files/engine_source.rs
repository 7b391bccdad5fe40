//! The [`Source`] of a container's (or an image's) files on docktor's engine: the full
//! inspect and its extras, and the archive endpoint's tar stream — no exec, so distroless
//! and scratch images, stopped and never-started containers all work. An image is read
//! through a helper container created from it and never started; the helper is removed
//! when the source is dropped.
//!
//! The gatherer is blocking; the source bridges to the async engine with the runtime's
//! handle, so it must be used from a blocking thread (`spawn_blocking`).

use std::io::Read;

use tokio::runtime::Handle;
use tokio_util::sync::CancellationToken;

use super::entry::Kind;
use super::error::FilesError;
use super::facts::RuntimeInput;
use super::gather::{Inspected, Source};
use super::mounts::{Mount, MountKind};
use crate::engine::helper::Helper;
use crate::engine::{Engine, EngineError};
use crate::model::helper::HelperSpec;
use crate::model::inspect::ContainerDetails;

pub struct EngineSource {
    engine: Engine,
    /// The container read (a helper's ID for an image).
    container: String,
    /// How people call it (the container's name, or the image).
    label: String,
    handle: Handle,
    cancel: CancellationToken,
    _helper: Option<Helper>,
}

impl EngineSource {
    /// The files of container `container` (name or ID). Call on the runtime.
    pub fn container(engine: &Engine, container: &str) -> EngineSource {
        EngineSource {
            engine: engine.clone(),
            container: container.to_string(),
            label: container.to_string(),
            handle: Handle::current(),
            cancel: CancellationToken::new(),
            _helper: None,
        }
    }

    /// The same source, called `label` in messages (`container web`, not its ID).
    pub fn named(mut self, label: impl Into<String>) -> EngineSource {
        self.label = label.into();
        self
    }

    /// The files of `image`, through a helper container created from it (not started).
    pub async fn image(engine: &Engine, image: &str) -> Result<EngineSource, FilesError> {
        let helper = engine
            .create_helper(&HelperSpec::inert(image).label("docktor.helper.for", "files"))
            .await
            .map_err(|e| files_error(e, image))?;
        Ok(EngineSource {
            engine: engine.clone(),
            container: helper.id().to_string(),
            // An ID (the Images view's) as docker shows it: `image d76f603a97db`.
            label: match image.strip_prefix("sha256:") {
                Some(_) => format!("image {}", crate::model::short_id(image)),
                None => image.to_string(),
            },
            handle: Handle::current(),
            cancel: CancellationToken::new(),
            _helper: Some(helper),
        })
    }

    /// Removes an image's helper container now (dropping the source removes it too, on a
    /// thread of its own; a process about to exit must wait for it here).
    pub async fn close(mut self) {
        if let Some(h) = self._helper.take() {
            let _ = h.remove().await;
        }
    }

    /// The helper container an image is read through, if this source has one.
    pub fn helper_id(&self) -> Option<&str> {
        self._helper.as_ref().map(|h| h.id())
    }

    /// Ends every stream of this source (a cancelled walk).
    pub fn cancel_token(&self) -> CancellationToken {
        self.cancel.clone()
    }
}

/// The engine's error as a files error, naming `target`.
fn files_error(e: EngineError, target: &str) -> FilesError {
    match e {
        EngineError::PathNotFound { path, .. } => FilesError::NoSuchPath {
            target: target.to_string(),
            path,
        },
        EngineError::NotFound { .. } => FilesError::Gone {
            target: target.to_string(),
            detail: e.to_string(),
        },
        EngineError::Cancelled { .. } => FilesError::Cancelled { entries: 0 },
        e => FilesError::Engine(e.to_string()),
    }
}

/// The container's mounts as the files view sees them: volumes and binds (with where their
/// files are on the engine's host), tmpfs mounts, and the engine's own mounted files.
pub fn mounts(d: &ContainerDetails, extras: &crate::model::files::ContainerExtras) -> Vec<Mount> {
    let mut out: Vec<Mount> = d
        .mounts
        .iter()
        .map(|m| {
            let kind = match m.kind.as_str() {
                "volume" => MountKind::Volume,
                "bind" => MountKind::Bind,
                "tmpfs" => MountKind::Tmpfs,
                _ => MountKind::Other,
            };
            let tmpfs = (kind == MountKind::Tmpfs)
                .then(|| Mount::tmpfs(&m.destination, "").tmpfs)
                .flatten();
            Mount {
                source: match (&kind, &m.volume) {
                    (MountKind::Volume, Some(v)) => v.clone(),
                    _ => m.source.clone(),
                },
                host_path: (!m.source.is_empty() && kind != MountKind::Tmpfs)
                    .then(|| m.source.clone()),
                kind,
                destination: m.destination.clone(),
                rw: m.rw,
                tmpfs,
            }
        })
        .collect();
    for (dest, opts) in &extras.tmpfs {
        out.push(Mount::tmpfs(dest, opts));
    }
    for (dest, host) in &extras.engine_files {
        out.push(Mount {
            kind: MountKind::Bind,
            source: host.clone(),
            destination: dest.clone(),
            rw: !d.host_config.read_only_rootfs,
            host_path: Some(host.clone()),
            tmpfs: None,
        });
    }
    out
}

impl Source for EngineSource {
    fn label(&self) -> String {
        self.label.clone()
    }

    fn inspect(&self) -> Result<Inspected, FilesError> {
        let (e, id) = (&self.engine, self.container.as_str());
        let (d, extras) = self
            .handle
            .block_on(e.container_details_and_extras(id))
            .map_err(|err| files_error(err, &self.label))?;
        let c = &d.config;
        let local_refused = if e.is_local() {
            None
        } else {
            Some(format!(
                "the engine is not on this machine ({})",
                e.info.uri
            ))
        };
        let input = RuntimeInput {
            user: c.user.clone(),
            group_add: extras.group_add.clone(),
            env: c
                .env
                .iter()
                .map(|v| format!("{}={}", v.key, v.value))
                .collect(),
            entrypoint: c.entrypoint.clone(),
            cmd: c.cmd.clone(),
            read_only_rootfs: d.host_config.read_only_rootfs,
            cap_drop: extras.cap_drop.clone(),
            mounts: mounts(&d, &extras),
            ..RuntimeInput::default()
        };
        Ok(Inspected {
            name: if self._helper.is_some() {
                self.label.clone()
            } else {
                d.name.clone()
            },
            input,
            driver: d
                .graph_driver
                .as_ref()
                .map(|g| (g.name.clone(), g.data.clone().into_iter().collect())),
            local_refused,
        })
    }

    fn stat(&self, path: &str) -> Result<Option<(Kind, u32)>, FilesError> {
        use crate::model::archive::FileKind;
        let (e, id) = (&self.engine, self.container.as_str());
        match self.handle.block_on(e.path_stat(id, path)) {
            Ok(st) => {
                let kind = match st.kind {
                    FileKind::File => Kind::File,
                    FileKind::Dir => Kind::Dir,
                    FileKind::Symlink => Kind::Symlink,
                    FileKind::CharDevice => Kind::CharDevice,
                    FileKind::BlockDevice => Kind::BlockDevice,
                    FileKind::Fifo => Kind::Fifo,
                    FileKind::Socket => Kind::Socket,
                };
                Ok(Some((kind, st.permissions())))
            }
            Err(EngineError::PathNotFound { .. }) => Ok(None),
            Err(err) => Err(files_error(err, &self.label)),
        }
    }

    fn archive(&self, path: &str) -> Result<Box<dyn Read + Send>, FilesError> {
        let (e, id, cancel) = (&self.engine, self.container.as_str(), self.cancel.clone());
        let reader = self
            .handle
            .block_on(async { e.archive(id, path, cancel).await.map(|s| s.into_reader()) })
            .map_err(|err| files_error(err, &self.label))?;
        Ok(Box::new(reader))
    }
}

/// The files of `container` on `engine` (for the Files tab's job).
pub fn source(engine: &Engine, container: &str) -> Result<Box<dyn Source + Send>, String> {
    Ok(Box::new(EngineSource::container(engine, container)))
}
