//! Maps what an archive scan found to the image's layers, in order, whatever the layout:
//! legacy `docker save` (`manifest.json` + `<id>/layer.tar`), Docker 25+ (`manifest.json`
//! pointing at `blobs/sha256/…`) and OCI (`index.json` → manifest → config and layer blobs).
//! Picks the image asked for (`names`) among those the archive lists (`listing`), and follows
//! the links by which `docker save` shares a layer between images.

mod listing;
mod names;

use super::LayersError;
use super::archive::Scan;
use super::entries::LayerContents;
use listing::list_images;
use names::{label, matches, tag_matches};
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

/// One image of the archive, resolved: config and its layers bottom first.
#[derive(Debug)]
pub struct Resolved {
    pub config: ConfigJson,
    pub tags: Vec<String>,
    /// Config digest (`sha256:…`), the image ID.
    pub id: String,
    /// The archive's own name for it: the tag asked for or its first tag, else its short ID.
    pub name: String,
    pub layers: Vec<LayerContents>,
}

/// One image an archive lists, before its layers are taken.
#[derive(Debug, Clone)]
pub(super) struct Listed {
    pub tags: Vec<String>,
    /// Hex of the config digest.
    pub id: String,
    pub config: String,
    pub layers: Vec<String>,
}

/// Picks the image `want` (a tag, an ID or a prefix of it; `None` takes the only image, and
/// says which there are when there are several) and maps its layers. Consumes the scan's blobs.
pub fn resolve(scan: &mut Scan, want: Option<&str>) -> Result<Resolved, LayersError> {
    let images = list_images(scan)?;
    let want = want.map(str::trim).filter(|w| !w.is_empty());
    let found = || {
        images
            .iter()
            .map(Listed::describe)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let several = |of: &[&Listed]| LayersError::SeveralImages {
        archive: String::new(),
        found: of
            .iter()
            .map(|i| i.describe())
            .collect::<Vec<_>>()
            .join("; "),
        first: of.first().map(|i| label(i)).unwrap_or_default(),
    };
    let pick = match want {
        Some(w) => {
            // A tag names one image; an ID prefix may match several.
            let by_tag = images
                .iter()
                .find(|i| i.tags.iter().any(|t| tag_matches(t, w)));
            let by_id: Vec<&Listed> = images.iter().filter(|i| matches(i, w)).collect();
            match (by_tag, by_id.as_slice()) {
                (Some(i), _) => i,
                (None, [i]) => *i,
                (None, []) => {
                    return Err(LayersError::ImageNotInArchive {
                        archive: String::new(),
                        image: w.to_string(),
                        found: found(),
                    });
                }
                (None, _) => return Err(several(&by_id)),
            }
        }
        None if images.len() > 1 => return Err(several(&images.iter().collect::<Vec<_>>())),
        None => images
            .first()
            .ok_or_else(|| bad("its manifest lists no image".into()))?,
    };
    let name = want
        .and_then(|w| pick.tags.iter().find(|t| tag_matches(t, w)).cloned())
        .unwrap_or_else(|| label(pick));
    let config_path = member(scan, &pick.config)?;
    let raw = scan
        .json
        .get(&config_path)
        .ok_or_else(|| bad(format!("config {} missing", pick.config)))?;
    let config: ConfigJson =
        serde_json::from_slice(raw).map_err(|e| bad(format!("config {config_path}: {e}")))?;
    let layers = map_layers(scan, &pick.layers, &config.rootfs.diff_ids, &name)?;
    Ok(Resolved {
        config,
        tags: pick.tags.clone(),
        id: format!("sha256:{}", pick.id),
        name,
        layers,
    })
}

/// The member `name` stands for (links followed); a link to nothing is an error naming it.
pub(super) fn member(scan: &Scan, name: &str) -> Result<String, LayersError> {
    let real = scan.canonical(name)?;
    if real != name && !scan.has(&real) {
        return Err(LayersError::BadLink {
            archive: String::new(),
            member: name.to_string(),
            target: real,
            why: "is not in the archive".into(),
        });
    }
    Ok(real)
}

fn map_layers(
    scan: &mut Scan,
    paths: &[String],
    diff_ids: &[String],
    image: &str,
) -> Result<Vec<LayerContents>, LayersError> {
    let mut taken: HashMap<String, LayerContents> = HashMap::new();
    let mut out = Vec::with_capacity(diff_ids.len());
    for (i, diff_id) in diff_ids.iter().enumerate() {
        let named = paths.get(i).map(|p| member(scan, p)).transpose()?;
        let by_name = named.filter(|p| scan.blobs.contains_key(p) || taken.contains_key(p));
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
                archive: String::new(),
                image: image.to_string(),
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

pub(super) fn digest_of(config_path: &str) -> String {
    let name = config_path.rsplit('/').next().unwrap_or(config_path);
    name.trim_end_matches(".json")
        .trim_start_matches("sha256:")
        .to_string()
}

pub(super) fn blob_path(digest: &str) -> String {
    match digest.split_once(':') {
        Some((alg, hex)) => format!("blobs/{alg}/{hex}"),
        None => format!("blobs/sha256/{digest}"),
    }
}

pub(super) fn bad(detail: String) -> LayersError {
    LayersError::UnknownLayout {
        archive: String::new(),
        // JSON errors may quote what they could not parse.
        detail: super::paths::escape_bytes(detail.as_bytes()).into_owned(),
    }
}
