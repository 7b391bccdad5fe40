//! Maps what an archive scan found to the image's layers, in order, whatever the layout:
//! legacy `docker save` (`manifest.json` + `<id>/layer.tar`), Docker 25+ (`manifest.json`
//! pointing at `blobs/sha256/…`) and OCI (`index.json` → manifest → config and layer blobs).

use super::LayersError;
use super::archive::Scan;
use super::entries::LayerContents;
use serde::Deserialize;
use std::collections::HashMap;

/// The parts of an image config (`<id>.json` / config blob) the analysis uses.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ConfigJson {
    #[serde(default)]
    pub rootfs: RootFs,
    #[serde(default)]
    pub history: Vec<HistoryJson>,
    #[serde(default)]
    pub config: Option<RunConfig>,
    #[serde(default)]
    pub created: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RootFs {
    #[serde(default)]
    pub diff_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct HistoryJson {
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub created_by: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub empty_layer: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RunConfig {
    #[serde(rename = "Env", default)]
    pub env: Option<Vec<String>>,
    #[serde(rename = "User", default)]
    pub user: Option<String>,
}

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

/// One image of the archive, resolved: config and its layers bottom first.
#[derive(Debug)]
pub struct Resolved {
    pub config: ConfigJson,
    pub tags: Vec<String>,
    /// Config digest (`sha256:…`), the image ID.
    pub id: String,
    pub layers: Vec<LayerContents>,
}

/// Picks the image `want` (a tag, an ID or a prefix of it; empty takes the only image) and
/// maps its layers. Consumes the scan's blobs.
pub fn resolve(scan: &mut Scan, want: &str) -> Result<Resolved, LayersError> {
    let (config_path, tags, layer_paths) = if let Some(m) = scan.json.get("manifest.json") {
        let entries: Vec<LegacyEntry> =
            serde_json::from_slice(m).map_err(|e| bad(format!("manifest.json: {e}")))?;
        let found = entries
            .iter()
            .map(|e| tags_or_id(&e.repo_tags, &e.config))
            .collect::<Vec<_>>();
        let pick = choose(&entries, want, |e| {
            (
                e.repo_tags.clone().unwrap_or_default(),
                digest_of(&e.config),
            )
        })
        .ok_or_else(|| not_in(want, &found))?;
        (
            pick.config.clone(),
            pick.repo_tags.clone().unwrap_or_default(),
            pick.layers.clone(),
        )
    } else if let Some(ix) = scan.json.get("index.json") {
        let index: OciIndex =
            serde_json::from_slice(ix).map_err(|e| bad(format!("index.json: {e}")))?;
        let manifests = flatten_index(scan, &index.manifests, 0);
        let found = manifests
            .iter()
            .map(|(t, d)| t.first().cloned().unwrap_or_else(|| d.clone()))
            .collect::<Vec<_>>();
        let (tags, digest) = choose(&manifests, want, |(t, d)| (t.clone(), d.clone()))
            .cloned()
            .ok_or_else(|| not_in(want, &found))?;
        let raw = scan
            .json
            .get(&blob_path(&digest))
            .ok_or_else(|| bad(format!("manifest blob {digest} missing")))?;
        let m: OciManifest =
            serde_json::from_slice(raw).map_err(|e| bad(format!("manifest {digest}: {e}")))?;
        let layers = m.layers.iter().map(|l| blob_path(&l.digest)).collect();
        (blob_path(&m.config.digest), tags, layers)
    } else {
        return Err(bad("neither manifest.json nor index.json found".into()));
    };
    let raw = scan
        .json
        .get(&config_path)
        .ok_or_else(|| bad(format!("config {config_path} missing")))?;
    let config: ConfigJson =
        serde_json::from_slice(raw).map_err(|e| bad(format!("config {config_path}: {e}")))?;
    let id = format!("sha256:{}", digest_of(&config_path));
    let layers = map_layers(scan, &layer_paths, &config.rootfs.diff_ids, want)?;
    Ok(Resolved {
        config,
        tags,
        id,
        layers,
    })
}

fn map_layers(
    scan: &mut Scan,
    paths: &[String],
    diff_ids: &[String],
    want: &str,
) -> Result<Vec<LayerContents>, LayersError> {
    let mut taken: HashMap<String, LayerContents> = HashMap::new();
    let mut out = Vec::with_capacity(diff_ids.len());
    for (i, diff_id) in diff_ids.iter().enumerate() {
        let by_name = paths
            .get(i)
            .filter(|p| scan.blobs.contains_key(*p) || taken.contains_key(*p))
            .cloned();
        let key = by_name.or_else(|| {
            let hex = diff_id.trim_start_matches("sha256:");
            scan.blobs
                .iter()
                .find(|(k, b)| b.diff_id.as_deref() == Some(diff_id.as_str()) || k.ends_with(hex))
                .map(|(k, _)| k.clone())
                .or_else(|| taken.keys().find(|k| k.ends_with(hex)).cloned())
        });
        let Some(key) = key else {
            return Err(LayersError::MissingLayer {
                image: want.to_string(),
                index: i,
                diff_id: diff_id.clone(),
            });
        };
        let contents = match scan.blobs.remove(&key) {
            Some(b) => b.contents,
            None => taken.get(&key).cloned().unwrap_or_default(),
        };
        taken.insert(key, contents.clone());
        out.push(contents);
    }
    Ok(out)
}

/// Every image manifest of an OCI index (following nested indexes), as (tags, digest).
fn flatten_index(scan: &Scan, list: &[Descriptor], depth: usize) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    for d in list {
        let tags: Vec<String> = [
            "io.containerd.image.name",
            "org.opencontainers.image.ref.name",
        ]
        .iter()
        .filter_map(|k| d.annotations.get(*k).cloned())
        .collect();
        let nested = d.media_type.contains("index") || d.media_type.contains("manifest.list");
        if nested && depth < 4 {
            if let Some(raw) = scan.json.get(&blob_path(&d.digest))
                && let Ok(ix) = serde_json::from_slice::<OciIndex>(raw)
            {
                for (t, dg) in flatten_index(scan, &ix.manifests, depth + 1) {
                    out.push((if t.is_empty() { tags.clone() } else { t }, dg));
                }
            }
        } else if scan.json.contains_key(&blob_path(&d.digest)) {
            out.push((tags, d.digest.clone()));
        }
    }
    out
}

fn choose<'a, T>(
    items: &'a [T],
    want: &str,
    key: impl Fn(&T) -> (Vec<String>, String),
) -> Option<&'a T> {
    if items.len() == 1 {
        return items.first();
    }
    let want_id = want.trim_start_matches("sha256:");
    items.iter().find(|it| {
        let (tags, id) = key(it);
        let id = id.trim_start_matches("sha256:").to_string();
        tags.iter().any(|t| tag_matches(t, want)) || (want_id.len() >= 4 && id.starts_with(want_id))
    })
}

fn tag_matches(tag: &str, want: &str) -> bool {
    let norm = |s: &str| {
        let s = s
            .trim_start_matches("docker.io/")
            .trim_start_matches("library/");
        if s.rsplit('/').next().is_some_and(|last| last.contains(':')) {
            s.to_string()
        } else {
            format!("{s}:latest")
        }
    };
    !want.is_empty() && (tag == want || norm(tag) == norm(want))
}

fn tags_or_id(tags: &Option<Vec<String>>, config: &str) -> String {
    tags.as_ref()
        .and_then(|t| t.first().cloned())
        .unwrap_or_else(|| digest_of(config).chars().take(12).collect())
}

fn digest_of(config_path: &str) -> String {
    let name = config_path.rsplit('/').next().unwrap_or(config_path);
    name.trim_end_matches(".json")
        .trim_start_matches("sha256:")
        .to_string()
}

fn blob_path(digest: &str) -> String {
    match digest.split_once(':') {
        Some((alg, hex)) => format!("blobs/{alg}/{hex}"),
        None => format!("blobs/sha256/{digest}"),
    }
}

fn bad(detail: String) -> LayersError {
    LayersError::UnknownLayout {
        image: String::new(),
        detail,
    }
}

fn not_in(want: &str, found: &[String]) -> LayersError {
    LayersError::ImageNotInArchive {
        image: want.to_string(),
        found: found.join(", "),
    }
}
