//! The comparison's jobs: analysing its images one after the other (memory stays that of
//! one analysis; cached analyses are reused), and writing the Markdown table to a file that
//! does not exist yet (never over an earlier export).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnose::Finding;
use crate::layers::{AnalyzeOptions, Control, ImageSummary};
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};
use crate::tui::panes::layers::job::cache;

/// Analyses the images of a comparison, slot by slot.
pub struct Analyse {
    pub images: Vec<String>,
}

/// One slot of the comparison is analysed (or failed). Slots, not image names, say which:
/// the same image may be compared twice.
pub struct One {
    pub slot: usize,
    pub result: Result<(Box<ImageSummary>, Vec<Finding>), String>,
}

pub fn key() -> JobKey {
    JobKey::new("compare", "")
}

impl Job for Analyse {
    fn key(&self) -> JobKey {
        key()
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            for (slot, image) in self.images.iter().enumerate() {
                let result = one(&ctx, image).await;
                if !ctx.report.send(One { slot, result }) || ctx.cancel.is_cancelled() {
                    return;
                }
            }
        })
    }
}

async fn one(ctx: &JobCtx, image: &str) -> Result<(Box<ImageSummary>, Vec<Finding>), String> {
    let engine = ctx.engine()?;
    let opts = AnalyzeOptions {
        local_daemon: engine.is_local(),
        control: Control::new().with_cancel(ctx.cancel.flag()),
        ..Default::default()
    };
    let analysis = cache(&ctx.shared)
        .analyze(engine, image, &opts)
        .await
        .map_err(|e| e.to_string())?;
    let findings = crate::diagnose::advise_layers(analysis.clone(), &ctx.profile);
    Ok((Box::new(ImageSummary::from_analysis(&analysis)), findings))
}

/// Writes the comparison's Markdown table into `dir`.
pub struct Export {
    pub dir: PathBuf,
    pub markdown: String,
}

/// Where the table was written, or why it was not.
pub struct Exported(pub Result<PathBuf, String>);

/// The file name of the first export; later ones are `docktor-compare-2.md`, `-3`, …
pub const EXPORT_STEM: &str = "docktor-compare";

impl Job for Export {
    fn key(&self) -> JobKey {
        JobKey::new("export", "comparison")
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let Export { dir, markdown } = *self;
            let r = tokio::task::spawn_blocking(move || {
                write_new(&dir, EXPORT_STEM, "md", markdown.as_bytes())
                    .map_err(|e| format!("cannot write the comparison into {}: {e}", dir.display()))
            })
            .await
            .unwrap_or_else(|e| Err(format!("the export stopped: {e}")));
            ctx.report.send(Exported(r));
        })
    }
}

/// Writes `data` to `dir/stem.ext`, or `stem-2.ext`, `stem-3.ext`… when that exists: an
/// existing file is never overwritten (the file is created exclusively, so two exports at
/// once cannot clobber each other either).
pub fn write_new(dir: &Path, stem: &str, ext: &str, data: &[u8]) -> std::io::Result<PathBuf> {
    for n in 1..=1000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(data)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "{stem}.{ext} and 999 numbered copies exist already: remove some"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_never_overwrite() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = write_new(dir.path(), "docktor-compare", "md", b"one").expect("first");
        let b = write_new(dir.path(), "docktor-compare", "md", b"two").expect("second");
        assert_eq!(a, dir.path().join("docktor-compare.md"));
        assert_eq!(b, dir.path().join("docktor-compare-2.md"));
        assert_eq!(std::fs::read_to_string(&a).expect("read"), "one");
        assert_eq!(std::fs::read_to_string(&b).expect("read"), "two");
    }
}
