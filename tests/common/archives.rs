//! Image archives built in memory for tests: layer tars, configs, `docker save` (legacy)
//! and OCI layouts, so archive reading and the layers views can be tested without a daemon.
#![allow(dead_code)]

use sha2::{Digest, Sha256};
use std::io::Write;

pub fn hex(data: &[u8]) -> String {
    format!("{:x}", Sha256::digest(data))
}

pub fn header(path: &str, size: u64, kind: tar::EntryType) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_path(path).ok();
    h.set_size(size);
    h.set_entry_type(kind);
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_cksum();
    h
}

/// A layer tar: (path, bytes) files, `path/` directories, `.wh.` names as given.
pub fn layer(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (path, data) in files {
        if path.ends_with('/') {
            let h = header(path, 0, tar::EntryType::Directory);
            b.append(&h, std::io::empty()).ok();
        } else {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_entry_type(tar::EntryType::Regular);
            b.append_data(&mut h, path, *data).ok();
        }
    }
    b.into_inner().unwrap_or_default()
}

pub fn config(diff_ids: &[String]) -> Vec<u8> {
    let history: Vec<_> = diff_ids
        .iter()
        .map(|_| serde_json::json!({"created_by": "/bin/sh -c make"}))
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
        "config": {"Env": ["PATH=/bin"]}
    }))
    .unwrap_or_default()
}

pub fn add(b: &mut tar::Builder<Vec<u8>>, path: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    b.append_data(&mut h, path, data).ok();
}

/// `docker save` legacy layout; `layer_names` overrides where layers are stored.
pub fn legacy(
    layers: &[Vec<u8>],
    tag: &str,
    manifest_first: bool,
    stored_as: Option<&[&str]>,
) -> Vec<u8> {
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{}", hex(l)))
        .collect();
    let cfg = config(&diff_ids);
    let cfg_name = format!("{}.json", hex(&cfg));
    let names: Vec<String> = (0..layers.len())
        .map(|i| format!("l{i}/layer.tar"))
        .collect();
    let manifest = serde_json::to_vec(
        &serde_json::json!([{"Config": cfg_name, "RepoTags": [tag], "Layers": names}]),
    )
    .unwrap_or_default();
    let mut b = tar::Builder::new(Vec::new());
    if manifest_first {
        add(&mut b, "manifest.json", &manifest);
    }
    for (i, l) in layers.iter().enumerate() {
        let name = stored_as
            .and_then(|s| s.get(i))
            .map_or(names[i].clone(), |s| s.to_string());
        add(&mut b, &name, l);
    }
    add(&mut b, &cfg_name, &cfg);
    if !manifest_first {
        add(&mut b, "manifest.json", &manifest);
    }
    b.into_inner().unwrap_or_default()
}

/// OCI layout with compressed blobs first and index.json last.
pub fn oci(layers: &[Vec<u8>]) -> Vec<u8> {
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{}", hex(l)))
        .collect();
    let cfg = config(&diff_ids);
    let mut b = tar::Builder::new(Vec::new());
    let mut descs = Vec::new();
    for (i, l) in layers.iter().enumerate() {
        let blob = if i % 2 == 0 {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(l).ok();
            gz.finish().unwrap_or_default()
        } else {
            zstd::encode_all(&l[..], 3).unwrap_or_default()
        };
        add(&mut b, &format!("blobs/sha256/{}", hex(&blob)), &blob);
        descs.push(serde_json::json!({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": format!("sha256:{}", hex(&blob)), "size": blob.len()}));
    }
    add(&mut b, &format!("blobs/sha256/{}", hex(&cfg)), &cfg);
    let manifest = serde_json::to_vec(&serde_json::json!({"schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": format!("sha256:{}", hex(&cfg))}, "layers": descs})).unwrap_or_default();
    add(
        &mut b,
        &format!("blobs/sha256/{}", hex(&manifest)),
        &manifest,
    );
    add(&mut b, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#);
    let index = serde_json::json!({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": format!("sha256:{}", hex(&manifest)), "annotations": {"io.containerd.image.name": "docker.io/library/fixture:1"}}]});
    add(
        &mut b,
        "index.json",
        &serde_json::to_vec(&index).unwrap_or_default(),
    );
    b.into_inner().unwrap_or_default()
}

pub fn sample_layers() -> Vec<Vec<u8>> {
    vec![
        layer(&[
            ("opt/", b""),
            ("opt/blob", &[1u8; 3000]),
            ("opt/keep", &[2u8; 10]),
            ("d/", b""),
            ("d/x", &[3u8; 70]),
        ]),
        layer(&[
            ("opt/", b""),
            ("opt/blob", &[4u8; 500]),
            ("d/", b""),
            ("d/.wh..wh..opq", b""),
            ("d/y", b"y"),
        ]),
        layer(&[("opt/", b""), ("opt/.wh.keep", b"")]),
    ]
}

pub fn write_tmp(data: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("temp file: {e}"));
    f.write_all(data)
        .unwrap_or_else(|e| panic!("write temp file: {e}"));
    f
}

/// Adds a symlink member (`docker save` links a layer shared by several images this way).
pub fn add_symlink(b: &mut tar::Builder<Vec<u8>>, path: &str, target: &str) {
    let mut h = header(path, 0, tar::EntryType::Symlink);
    h.set_link_name(target).ok();
    h.set_cksum();
    b.append(&h, std::io::empty()).ok();
}

/// Adds a hard-link member pointing at an earlier member.
pub fn add_hardlink(b: &mut tar::Builder<Vec<u8>>, path: &str, target: &str) {
    let mut h = header(path, 0, tar::EntryType::Link);
    h.set_link_name(target).ok();
    h.set_cksum();
    b.append(&h, std::io::empty()).ok();
}

/// The members of an archive by name, symlinks and hard links resolved (inside the archive).
pub fn members(archive: &[u8]) -> std::collections::HashMap<String, Vec<u8>> {
    use std::io::Read;
    let mut files = std::collections::HashMap::new();
    let mut links = Vec::new();
    let mut ar = tar::Archive::new(archive);
    for e in ar.entries().unwrap_or_else(|e| panic!("{e}")) {
        let mut e = e.unwrap_or_else(|e| panic!("{e}"));
        let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
        let kind = e.header().entry_type();
        if kind.is_symlink() || kind.is_hard_link() {
            let to = e.link_name_bytes().unwrap_or_default();
            let to = String::from_utf8_lossy(&to).into_owned();
            let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
            let joined = if kind.is_symlink() && !dir.is_empty() {
                format!("{dir}/{to}")
            } else {
                to
            };
            let mut parts: Vec<&str> = Vec::new();
            for p in joined.split('/') {
                match p {
                    ".." => {
                        parts.pop();
                    }
                    "" | "." => {}
                    p => parts.push(p),
                }
            }
            links.push((name, parts.join("/")));
        } else if kind.is_file() {
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap_or_else(|e| panic!("{e}"));
            files.insert(name, data);
        }
    }
    for (name, to) in links {
        if let Some(data) = files.get(&to).cloned() {
            files.insert(name, data);
        }
    }
    files
}

/// Rewrites a legacy multi-image `docker save` archive the way Docker 25+ writes it: every
/// layer once as `blobs/sha256/<diff_id>`, configs and OCI manifests as blobs, `index.json`
/// with containerd's name annotations, and (with `manifest_json`) `manifest.json` pointing at
/// the blobs. With `legacy_links`, the images after the first name their layers by legacy
/// `<n>/layer.tar` members that are symlinks into `blobs/`.
pub fn to_docker25(legacy: &[u8], manifest_json: bool, legacy_links: bool) -> Vec<u8> {
    let files = members(legacy);
    let manifest: Vec<serde_json::Value> =
        serde_json::from_slice(&files["manifest.json"]).unwrap_or_default();
    let mut b = tar::Builder::new(Vec::new());
    let mut written = std::collections::HashSet::new();
    let (mut items, mut descs) = (Vec::new(), Vec::new());
    for (i, img) in manifest.iter().enumerate() {
        let config = &files[img["Config"].as_str().unwrap_or_default()];
        let cfg_hex = hex(config);
        let mut layer_paths = Vec::new();
        let mut layer_descs = Vec::new();
        for (j, l) in img["Layers"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let data = &files[l.as_str().unwrap_or_default()];
            let blob = format!("blobs/sha256/{}", hex(data));
            if written.insert(blob.clone()) {
                add(&mut b, &blob, data);
            }
            layer_descs.push(serde_json::json!({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": format!("sha256:{}", hex(data)), "size": data.len()}));
            if legacy_links && i > 0 {
                let link = format!("legacy{i}-{j}/layer.tar");
                add_symlink(&mut b, &link, &format!("../{blob}"));
                layer_paths.push(link);
            } else {
                layer_paths.push(blob);
            }
        }
        if written.insert(cfg_hex.clone()) {
            add(&mut b, &format!("blobs/sha256/{cfg_hex}"), config);
        }
        let m = serde_json::to_vec(&serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": format!("sha256:{cfg_hex}"), "size": config.len()}, "layers": layer_descs})).unwrap_or_default();
        add(&mut b, &format!("blobs/sha256/{}", hex(&m)), &m);
        let tags: Vec<String> = img["RepoTags"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect();
        for t in &tags {
            let tag = t.rsplit_once(':').map_or("latest", |(_, t)| t);
            descs.push(serde_json::json!({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": format!("sha256:{}", hex(&m)), "size": m.len(), "annotations": {"io.containerd.image.name": format!("docker.io/library/{t}"), "org.opencontainers.image.ref.name": tag}}));
        }
        items.push(serde_json::json!({"Config": format!("blobs/sha256/{cfg_hex}"), "RepoTags": tags, "Layers": layer_paths}));
    }
    add(&mut b, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#);
    let index = serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": descs});
    add(
        &mut b,
        "index.json",
        &serde_json::to_vec(&index).unwrap_or_default(),
    );
    if manifest_json {
        add(
            &mut b,
            "manifest.json",
            &serde_json::to_vec(&items).unwrap_or_default(),
        );
    }
    b.into_inner().unwrap_or_default()
}

/// `data` compressed as people keep saved images: gzip, zstd and xz (name, bytes).
pub fn compressed(data: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).ok();
    let mut xz = liblzma::write::XzEncoder::new(Vec::new(), 1);
    xz.write_all(data).ok();
    vec![
        ("gzip", gz.finish().unwrap_or_default()),
        ("zstd", zstd::encode_all(data, 3).unwrap_or_default()),
        ("xz", xz.finish().unwrap_or_default()),
    ]
}

/// A `docker save` archive of `n` images (`{repo}:0` … `{repo}:{n-1}`) that share one small
/// layer and differ only in a label, so each has an ID of its own.
pub fn many_images(n: usize, repo: &str) -> Vec<u8> {
    let l = layer(&[("etc/", b""), ("etc/hostname", b"many\n")]);
    let diff_id = format!("sha256:{}", hex(&l));
    let mut b = tar::Builder::new(Vec::new());
    add(&mut b, "l0/layer.tar", &l);
    let mut manifest = Vec::new();
    for i in 0..n {
        let cfg = serde_json::to_vec(&serde_json::json!({
            "architecture": "amd64",
            "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created_by": "/bin/sh -c #(nop) COPY hostname"}],
            "config": {"Labels": {"n": i.to_string()}, "Cmd": ["/bin/true"]}
        }))
        .unwrap_or_default();
        let name = format!("{}.json", hex(&cfg));
        add(&mut b, &name, &cfg);
        manifest.push(serde_json::json!({
            "Config": name,
            "RepoTags": [format!("{repo}:{i}")],
            "Layers": ["l0/layer.tar"],
        }));
    }
    let manifest = serde_json::to_vec(&manifest).unwrap_or_default();
    add(&mut b, "manifest.json", &manifest);
    b.into_inner().unwrap_or_default()
}
