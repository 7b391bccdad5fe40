//! Synthetic images built in memory from (instruction, files) steps, analysed like a saved
//! archive: what rule tests and benchmarks use instead of a daemon when only files matter.

use std::io::Cursor;

use sha2::{Digest, Sha256};

use super::analyze::{ImageAnalysis, Source, scan_resolve};
use super::control::Control;
use super::{LayersError, archived, efficiency};

/// One build step: the instruction shown in the history and the files its layer holds
/// (path without a leading `/`, size in bytes). `"bin -> usr/bin"` is a symlink.
pub type StepFiles<'a> = (&'a str, Vec<(&'a str, usize)>);

/// Analyses an image made of `steps` (each one layer, bottom first) with `env` in its config.
pub fn image(steps: &[StepFiles], env: &[&str]) -> Result<ImageAnalysis, LayersError> {
    let archive = archive(steps, env);
    let (arena, resolved) = scan_resolve(Cursor::new(archive), None, None, &Control::new())?;
    let layers = archived::layers_from_config("synthetic:1", &resolved);
    let children = arena.children();
    let (figures, final_stack) =
        efficiency::compute_with_stack(&arena, &children, &resolved.layers);
    Ok(ImageAnalysis {
        layers,
        source: Source::Archive,
        fallback_reason: None,
        arena,
        children,
        contents: resolved.layers,
        figures,
        final_stack,
    })
}

/// A `docker save`-style archive (legacy layout) of `steps`.
pub fn archive(steps: &[StepFiles], env: &[&str]) -> Vec<u8> {
    let layers: Vec<Vec<u8>> = steps.iter().map(|(_, files)| layer(files)).collect();
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{:x}", Sha256::digest(l)))
        .collect();
    let history: Vec<serde_json::Value> = steps
        .iter()
        .map(|(created_by, _)| serde_json::json!({ "created_by": created_by }))
        .collect();
    let config = serde_json::json!({
        "rootfs": { "type": "layers", "diff_ids": diff_ids },
        "history": history,
        "config": { "Env": env },
    });
    let names: Vec<String> = (0..layers.len())
        .map(|i| format!("l{i}/layer.tar"))
        .collect();
    let manifest = serde_json::json!([
        { "Config": "config.json", "RepoTags": ["synthetic:1"], "Layers": names }
    ]);
    let mut outer = tar::Builder::new(Vec::new());
    for (name, bytes) in names.iter().zip(&layers) {
        append(&mut outer, name, bytes);
    }
    append(&mut outer, "config.json", config.to_string().as_bytes());
    append(&mut outer, "manifest.json", manifest.to_string().as_bytes());
    outer.into_inner().unwrap_or_default()
}

fn layer(files: &[(&str, usize)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (path, size) in files {
        match path.split_once(" -> ") {
            Some((link, target)) => {
                let mut h = tar::Header::new_gnu();
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_size(0);
                h.set_mode(0o777);
                // As for files: a link tar refuses would show as a missing path.
                let _ = b.append_link(&mut h, link, target);
            }
            None => append(&mut b, path, &vec![b'x'; *size]),
        }
    }
    b.into_inner().unwrap_or_default()
}

fn append(b: &mut tar::Builder<Vec<u8>>, path: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    // Writing into a Vec cannot fail; a path tar refuses would show as a missing file.
    let _ = b.append_data(&mut h, path, data);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_become_layers_with_their_files() {
        let a = image(
            &[
                ("COPY a /", vec![("a", 10)]),
                ("RUN rm a && touch b", vec![("b", 5)]),
            ],
            &["X=1"],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.contents.len(), 2);
        assert_eq!(a.layers.env, ["X=1"]);
        assert_eq!(a.layers.steps.len(), 2);
    }
}
