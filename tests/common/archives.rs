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
