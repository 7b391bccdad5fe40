//! Which images an archive lists: `manifest.json` (legacy `docker save` and Docker 25+) or,
//! without it, `index.json` (OCI layout; nested indexes followed, tags of one manifest merged).

use super::names::familiar;
use super::{Listed, bad, blob_path, digest_of, member};
use crate::layers::LayersError;
use crate::layers::archive::Scan;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
struct LegacyEntry {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers", default)]
    layers: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Descriptor {
    digest: String,
    #[serde(rename = "mediaType", default)]
    media_type: String,
    #[serde(default)]
    annotations: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct OciIndex {
    #[serde(default)]
    manifests: Vec<Descriptor>,
}

#[derive(Debug, Deserialize)]
struct OciManifest {
    config: Descriptor,
    #[serde(default)]
    layers: Vec<Descriptor>,
}

/// The images `manifest.json` (legacy and Docker 25+) or `index.json` (OCI) lists.
pub(super) fn list_images(scan: &Scan) -> Result<Vec<Listed>, LayersError> {
    if let Some(m) = scan.json.get("manifest.json") {
        let entries: Vec<LegacyEntry> =
            serde_json::from_slice(m).map_err(|e| bad(format!("manifest.json: {e}")))?;
        return Ok(entries
            .into_iter()
            .map(|e| Listed {
                tags: e.repo_tags.unwrap_or_default(),
                id: digest_of(&e.config),
                config: e.config,
                layers: e.layers,
            })
            .collect());
    }
    let Some(ix) = scan.json.get("index.json") else {
        return Err(LayersError::NotAnArchive {
            path: Default::default(),
            found: if scan.members == 0 {
                "it is an empty tar file".into()
            } else {
                "it is a tar file without manifest.json or index.json: a plain tar of files or a \
                 container export"
                    .into()
            },
        });
    };
    let index: OciIndex =
        serde_json::from_slice(ix).map_err(|e| bad(format!("index.json: {e}")))?;
    let mut out: Vec<Listed> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (tags, digest) in flatten_index(scan, &index.manifests, 0) {
        if let Some(known) = seen.get(&digest).and_then(|&i| out.get_mut(i)) {
            for t in tags {
                if !known.tags.contains(&t) {
                    known.tags.push(t);
                }
            }
            continue;
        }
        let path = member(scan, &blob_path(&digest))?;
        let Some(raw) = scan.json.get(&path) else {
            return Err(bad(format!("manifest blob {digest} missing")));
        };
        let m: OciManifest =
            serde_json::from_slice(raw).map_err(|e| bad(format!("manifest {digest}: {e}")))?;
        seen.insert(digest, out.len());
        out.push(Listed {
            tags,
            id: digest_of(&m.config.digest),
            config: blob_path(&m.config.digest),
            layers: m.layers.iter().map(|l| blob_path(&l.digest)).collect(),
        });
    }
    Ok(out)
}

/// Every image manifest of an OCI index (following nested indexes), as (tags, digest).
fn flatten_index(scan: &Scan, list: &[Descriptor], depth: usize) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    for d in list {
        // containerd's annotation holds the full name; the OCI one often only the tag.
        let tags: Vec<String> = d
            .annotations
            .get("io.containerd.image.name")
            .or_else(|| d.annotations.get("org.opencontainers.image.ref.name"))
            .map(|n| familiar(n))
            .into_iter()
            .collect();
        let path = scan.canonical(&blob_path(&d.digest)).unwrap_or_default();
        let nested = d.media_type.contains("index") || d.media_type.contains("manifest.list");
        if nested && depth < 4 {
            if let Some(raw) = scan.json.get(&path)
                && let Ok(ix) = serde_json::from_slice::<OciIndex>(raw)
            {
                for (t, dg) in flatten_index(scan, &ix.manifests, depth + 1) {
                    out.push((if t.is_empty() { tags.clone() } else { t }, dg));
                }
            }
        } else if scan.json.contains_key(&path) {
            out.push((tags, d.digest.clone()));
        }
    }
    out
}
