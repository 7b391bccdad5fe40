//! Runs a full analysis: the quick layer list, then the file contents of every layer read the
//! chosen way (local overlay2 walk or the export stream / a saved archive), then the figures.

use super::archive;
use super::archived::{self, ChannelReader};
use super::control::{Control, Phase, Progress};
use super::efficiency::{self, Figures};
use super::entries::LayerContents;
use super::export_stream::ExportStream;
use super::history::{self, Raw};
use super::layout::{self, ConfigJson, Resolved};
use super::local;
use super::paths::{ChildIndex, PathArena};
use super::quick::{self, ImageLayers};
use super::stack::Stack;
use super::{LayersError, tarwalk};
use crate::engine::Engine;
use bytes::Bytes;
use std::io::{self, Read};
use std::path::Path;

/// How to read layer contents (`--via`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Local overlay2 walk when possible, else the export stream.
    #[default]
    Auto,
    /// The daemon's image export stream (works with every daemon, local or remote).
    Export,
    /// The overlay2 layer directories on this machine (errors if they cannot be read).
    Local,
}

/// The way the contents were actually read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Export,
    Local,
    Archive,
}

/// Options of a full analysis.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    pub via: Via,
    /// The daemon is on this machine (unix socket): its overlay2 directories may be read.
    pub local_daemon: bool,
    pub control: Control,
}

/// Everything known about an image's layers and files.
#[derive(Debug, Clone)]
pub struct ImageAnalysis {
    pub layers: ImageLayers,
    pub source: Source,
    /// Why the local path was not used, when `Via::Auto` fell back to the export.
    pub fallback_reason: Option<String>,
    pub arena: PathArena,
    pub children: ChildIndex,
    /// One per diff_id, bottom first.
    pub contents: Vec<LayerContents>,
    pub figures: Figures,
    /// The final filesystem (all layers stacked).
    pub final_stack: Stack,
}

/// Analyses `image` on the daemon: quick list first, then contents by `opts.via`.
pub async fn analyze(
    engine: &Engine,
    image: &str,
    opts: &AnalyzeOptions,
) -> Result<ImageAnalysis, LayersError> {
    let ctl = &opts.control;
    ctl.report(&Progress {
        phase: Phase::Inspect,
        bytes_done: 0,
        bytes_total: None,
        entries_done: 0,
        layers_done: 0,
        layers_total: None,
    });
    // Without a local walk ahead, start the export at once: the daemon prepares it while
    // inspect and history answer.
    let early = (opts.via == Via::Export || (opts.via == Via::Auto && !opts.local_daemon))
        .then(|| ExportStream::start(engine, image));
    let quick = quick::quick_layers(engine, image).await?;
    analyze_inner(engine, quick, opts, early).await
}

/// Like [`analyze`], from an already fetched quick list.
pub async fn analyze_from(
    engine: &Engine,
    quick: ImageLayers,
    opts: &AnalyzeOptions,
) -> Result<ImageAnalysis, LayersError> {
    analyze_inner(engine, quick, opts, None).await
}

async fn analyze_inner(
    engine: &Engine,
    mut quick: ImageLayers,
    opts: &AnalyzeOptions,
    early: Option<ExportStream>,
) -> Result<ImageAnalysis, LayersError> {
    let image = quick.image.clone();
    let ctl = opts.control.clone();
    let mut fallback_reason = None;
    if opts.via == Via::Local || (opts.via == Via::Auto && opts.local_daemon) {
        let dirs = if opts.local_daemon {
            local::layer_dirs(quick.graph_driver.as_ref(), quick.diff_ids.len())
        } else {
            Err("the daemon is not on this machine".to_string())
        };
        let walked = match dirs {
            Ok(dirs) => {
                let c = ctl.clone();
                tokio::task::spawn_blocking(move || {
                    let mut arena = PathArena::new();
                    local::walk(&dirs, &mut arena, &c).map(|l| (arena, l))
                })
                .await
                .unwrap_or_else(|e| Err(format!("walker stopped: {e}")))
            }
            Err(e) => Err(e),
        };
        match walked {
            Ok((arena, contents)) => {
                return finish(quick, Source::Local, None, arena, contents, &ctl).await;
            }
            Err(e) if e == tarwalk::CANCELLED => return Err(LayersError::Cancelled { image }),
            Err(reason) if opts.via == Via::Local => {
                return Err(LayersError::LocalUnavailable { image, reason });
            }
            Err(reason) => fallback_reason = Some(reason),
        }
    }
    let mut export = early.unwrap_or_else(|| ExportStream::start(engine, &quick.id));
    let rx = std::mem::replace(&mut export.rx, tokio::sync::mpsc::channel(1).1);
    let total = Some(quick.size_bytes);
    let (c, want) = (ctl.clone(), quick.id.clone());
    let scanned = tokio::task::spawn_blocking(move || {
        scan_resolve(
            ChannelReader {
                rx,
                cur: Bytes::new(),
            },
            Some(&want),
            total,
            &c,
        )
    })
    .await
    .map_err(|e| LayersError::CorruptArchive {
        image: image.clone(),
        detail: e.to_string(),
    })?;
    drop(export);
    let (arena, resolved) = scanned.map_err(|e| e.for_image(&image))?;
    if resolved.config.rootfs.diff_ids != quick.diff_ids {
        return Err(LayersError::CorruptArchive {
            image,
            detail:
                "the exported layers differ from the image's layers (was the tag moved meanwhile?)"
                    .into(),
        });
    }
    refine_steps(&mut quick, &resolved.config);
    finish(
        quick,
        Source::Export,
        fallback_reason,
        arena,
        resolved.layers,
        &ctl,
    )
    .await
}

/// Analyses a saved archive (`docker save`, OCI layout tar; the whole file plain or gzip, zstd
/// or xz compressed, told by its first bytes). `image` picks one image of the archive (a tag,
/// an ID or its prefix); `None` takes the only one, and is an error listing them when there are
/// several. The analysis is labelled with the archive's own name of the image (its tag, else
/// its short ID). Every error names the archive file.
pub async fn analyze_archive(
    path: &Path,
    image: Option<&str>,
    ctl: &Control,
) -> Result<ImageAnalysis, LayersError> {
    let io_err = |detail: String| LayersError::ArchiveIo {
        path: path.to_path_buf(),
        detail,
    };
    let file = std::fs::File::open(path).map_err(|e| io_err(e.to_string()))?;
    let meta = file.metadata().map_err(|e| io_err(e.to_string()))?;
    if meta.is_dir() {
        return Err(io_err("it is a directory".into()));
    }
    let (c, want) = (ctl.clone(), image.map(str::to_string));
    let (arena, resolved) = tokio::task::spawn_blocking(move || {
        scan_resolve(
            io::BufReader::with_capacity(1 << 20, file),
            want.as_deref(),
            Some(meta.len()),
            &c,
        )
    })
    .await
    .map_err(|e| io_err(e.to_string()))?
    .map_err(|e| e.for_archive(path))?;
    let quick = archived::layers_from_config(&resolved.name, &resolved);
    finish(quick, Source::Archive, None, arena, resolved.layers, ctl).await
}

/// Scans an archive stream and resolves the wanted image in it (`None`: the only one).
pub fn scan_resolve<R: Read>(
    r: R,
    want: Option<&str>,
    total: Option<u64>,
    ctl: &Control,
) -> Result<(PathArena, Resolved), LayersError> {
    let mut scan = archive::scan(r, total, ctl)?;
    let resolved = layout::resolve(&mut scan, want)?;
    Ok((scan.arena, resolved))
}

async fn finish(
    quick: ImageLayers,
    source: Source,
    fallback_reason: Option<String>,
    arena: PathArena,
    contents: Vec<LayerContents>,
    ctl: &Control,
) -> Result<ImageAnalysis, LayersError> {
    let image = quick.image.clone();
    if ctl.is_cancelled() {
        return Err(LayersError::Cancelled { image });
    }
    let c = ctl.clone();
    let done = tokio::task::spawn_blocking(move || {
        c.report(&Progress {
            phase: Phase::Analyse,
            bytes_done: 0,
            bytes_total: None,
            entries_done: 0,
            layers_done: 0,
            layers_total: Some(contents.len()),
        });
        let children = arena.children();
        let (figures, final_stack) = efficiency::compute_with_stack(&arena, &children, &contents);
        c.report(&Progress {
            phase: Phase::Done,
            bytes_done: 0,
            bytes_total: None,
            entries_done: 0,
            layers_done: contents.len(),
            layers_total: Some(contents.len()),
        });
        ImageAnalysis {
            layers: quick,
            source,
            fallback_reason,
            arena,
            children,
            contents,
            figures,
            final_stack,
        }
    })
    .await
    .map_err(|e| LayersError::CorruptArchive {
        image,
        detail: e.to_string(),
    })?;
    Ok(done)
}

/// Uses the config's exact `empty_layer` flags for the step → layer mapping.
fn refine_steps(quick: &mut ImageLayers, config: &ConfigJson) {
    if config.history.len() != quick.steps.len() {
        return;
    }
    let raw: Vec<Raw> = config
        .history
        .iter()
        .zip(&quick.steps)
        .map(|(h, s)| Raw {
            created_by: s.created_by_raw.clone(),
            created: s.created,
            comment: s.comment.clone(),
            size: Some(s.size_bytes),
            empty_layer: Some(h.empty_layer),
        })
        .collect();
    let base = quick.base.clone();
    quick.steps = history::steps(&raw, quick.diff_ids.len(), quick.size_bytes);
    if let Some(b) = base {
        history::mark_base(&mut quick.steps, b.layers);
    }
}
