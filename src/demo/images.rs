//! The demo's orchestration: busybox, the base image, the four stages, and `--run`.

use std::collections::BTreeMap;
use std::path::Path;

use super::build::{BuildRequest, build};
use super::context::{content_hash, tar};
use super::{DemoError, DemoEvent, DemoImage, DemoOptions, DemoOutcome, Stage, assets, run};
use crate::engine::Engine;

/// Bytes standing for 1 MB of the guide, per MB of `--scale-mb`.
const UNIT_PER_SCALE_MB: u64 = 10_000;

/// Builds (or reuses) the base image and the guide's four images, tags them, optionally starts
/// the optimized one, and returns their IDs and sizes. `progress` hears every step.
pub async fn run_demo(
    engine: &Engine,
    opts: &DemoOptions,
    mut progress: impl FnMut(DemoEvent),
) -> Result<DemoOutcome, DemoError> {
    if !(1..=100).contains(&opts.scale_mb) {
        return Err(DemoError::InvalidScale(opts.scale_mb));
    }
    let busybox = read_busybox(&opts.busybox)?;
    let unit = (opts.scale_mb * UNIT_PER_SCALE_MB).to_string();
    let base_args = BTreeMap::from([("DEMO_UNIT".to_string(), unit)]);
    let base = ensure(
        engine,
        Stage::Base,
        &busybox,
        &base_args,
        opts,
        &mut progress,
    )
    .await?;
    let app_args = BTreeMap::from([("BASE".to_string(), base.tag.clone())]);
    let mut images = Vec::new();
    for stage in Stage::GUIDE {
        images.push(ensure(engine, stage, &[], &app_args, opts, &mut progress).await?);
    }
    let container = if opts.run {
        run::start_all(engine, &images, opts.health_timeout, &mut progress).await?
    } else {
        None
    };
    Ok(DemoOutcome {
        scale_mb: opts.scale_mb,
        base,
        images,
        container,
    })
}

/// Reads the busybox binary, refusing one that could not run in an empty image.
fn read_busybox(path: &Path) -> Result<Vec<u8>, DemoError> {
    let fail = |reason: String| DemoError::Busybox {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    if !bytes.starts_with(b"\x7fELF") {
        return Err(fail("not an executable (ELF) file".into()));
    }
    if has_interpreter(&bytes) == Some(true) {
        return Err(fail(
            "it is dynamically linked and would not run in an image built FROM scratch".into(),
        ));
    }
    Ok(bytes)
}

/// Whether a 64-bit little-endian ELF asks for a program interpreter (is dynamically linked);
/// `None` for other ELF flavours or a truncated header.
fn has_interpreter(elf: &[u8]) -> Option<bool> {
    if elf.get(4) != Some(&2) || elf.get(5) != Some(&1) {
        return None;
    }
    let u64_at = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(elf.get(at..at + 8)?.try_into().ok()?))
    };
    let u16_at = |at: usize| -> Option<u16> {
        Some(u16::from_le_bytes(elf.get(at..at + 2)?.try_into().ok()?))
    };
    let phoff = usize::try_from(u64_at(0x20)?).ok()?;
    let phentsize = usize::from(u16_at(0x36)?);
    let phnum = usize::from(u16_at(0x38)?);
    let mut found = false;
    for i in 0..phnum {
        let at = phoff.checked_add(i.checked_mul(phentsize)?)?;
        let kind = u32::from_le_bytes(elf.get(at..at + 4)?.try_into().ok()?);
        found |= kind == 3; // PT_INTERP
    }
    Some(found)
}

/// Reuses the image whose content tag exists, or builds it; then points the stable name at it.
async fn ensure(
    engine: &Engine,
    stage: Stage,
    busybox: &[u8],
    buildargs: &BTreeMap<String, String>,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(DemoEvent),
) -> Result<DemoImage, DemoError> {
    let archive = tar(&assets::context_files(stage, busybox))?;
    let hash = content_hash(&archive, buildargs);
    let repo = stage.repo();
    let tag = format!("{repo}:{hash}");
    let existing = if opts.rebuild {
        None
    } else {
        inspect(engine, &tag).await?
    };
    let cached = existing.is_some();
    let (id, size) = match existing {
        Some(found) => {
            progress(DemoEvent::Cached {
                stage,
                tag: tag.clone(),
            });
            found
        }
        None => {
            progress(DemoEvent::Building {
                stage,
                tag: tag.clone(),
            });
            let labels = BTreeMap::from([
                ("docktor.demo".to_string(), "1".to_string()),
                ("docktor.demo.stage".to_string(), stage.name().to_string()),
                (
                    "docktor.demo.scale-mb".to_string(),
                    opts.scale_mb.to_string(),
                ),
                ("docktor.demo.hash".to_string(), hash.clone()),
            ]);
            let request = BuildRequest {
                stage,
                tag: &tag,
                archive,
                buildargs,
                labels,
                nocache: opts.rebuild,
            };
            build(engine, request, progress).await?;
            let built = inspect(engine, &tag)
                .await?
                .ok_or_else(|| DemoError::Build {
                    image: tag.clone(),
                    step: None,
                    instruction: None,
                    message: "the build ended but the image is not there".into(),
                })?;
            progress(DemoEvent::Built {
                stage,
                id: built.0.clone(),
                size: built.1,
            });
            built
        }
    };
    engine
        .tag_image(&tag, &repo, "latest")
        .await
        .map_err(|e| DemoError::engine(format!("tag {tag} as {repo}"), e))?;
    Ok(DemoImage {
        stage,
        name: repo,
        tag,
        id,
        size,
        cached,
    })
}

/// The ID and size of image `tag`, or `None` when it does not exist.
async fn inspect(engine: &Engine, tag: &str) -> Result<Option<(String, u64)>, DemoError> {
    match engine.inspect_image(tag).await {
        Ok(image) => Ok(Some((image.id, image.size_bytes))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(DemoError::engine(format!("inspect image {tag}"), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busybox_checks() {
        let missing = read_busybox(Path::new("/nonexistent/busybox")).expect_err("missing");
        assert!(
            missing.to_string().contains("install busybox-static"),
            "{missing}"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("busybox");
        std::fs::write(&text, "#!/bin/sh\n").expect("write");
        assert!(read_busybox(&text).is_err());
        // this test binary is dynamically linked
        let me = std::env::current_exe().expect("current exe");
        let bytes = std::fs::read(me).expect("read self");
        assert_eq!(has_interpreter(&bytes), Some(true));
        if let Ok(bb) = std::fs::read("/bin/busybox") {
            assert!(has_interpreter(&bb).is_some());
        }
    }
}
