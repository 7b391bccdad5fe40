//! Against real daemons, on every engine of the kit (`common::kit::for_each_engine`): an image
//! built FROM scratch with busybox and deliberate waste (a rewritten file, a deleted file, an
//! opaque directory, a `chown -R`, a hard link) must give identical figures through the quick
//! list, the export stream, the local overlay2 walk (where this machine can read the engine's
//! layer directories) and a `docker save` archive. On the kit's current engine the layer
//! directories are inside its own root, not on this machine's paths: `--via local` says so and
//! `--via auto` falls back to the export, saying why. Each test builds its own image
//! (`dkt-layers-<test>-<engine>-<pid>`), removed when it ends. An engine that does not answer
//! skips (counted) unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::built::{self, BuiltImage};
use common::kit::{KitEngine, for_each_engine};
use docktor::engine::Engine;
use docktor::layers::{
    AnalyzeOptions, Control, ImageAnalysis, LayersError, Source, Via, analyze, analyze_archive,
    quick_layers,
};

const DOCKERFILE: &str = r#"FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /data/keep /data/gone /opt/t && head -c 100000 /dev/urandom > /data/big && echo hi > /data/keep/a && ln /data/keep/a /data/keep/hard && for i in 1 2 3; do echo $i > /data/gone/f$i; done && for i in $(seq 1 120); do head -c 1000 /dev/urandom > /opt/t/m$i; done
RUN head -c 50000 /dev/urandom > /data/big && rm /data/keep/a
RUN rm -rf /data/gone && mkdir /data/gone && echo new > /data/gone/n
RUN chown -R 1001:1001 /opt/t
RUN true
ENV UV_COMPILE_BYTECODE=1
"#;

/// The overlay2 walk reads the engine's layer directories and `trusted.*` attributes: the
/// shared engine's, with overlay2, as root (`KitEngine::local_walk`). Where only root is
/// missing, the test says it skips that source (counted) and checks the others.
fn local_walk_possible(e: &KitEngine) -> bool {
    match e.local_walk() {
        Ok(()) => true,
        Err(why) if why.contains("root") => {
            common::skip::skip(format!("{why}: only the other sources are compared"));
            false
        }
        Err(_) => false,
    }
}

fn build_fixture(e: &KitEngine, test: &str) -> BuiltImage {
    let tag = format!("{}:waste", built::name("layers", test, e));
    BuiltImage::build(e, &tag, DOCKERFILE)
}

async fn run(d: &Engine, tag: &str, via: Via) -> Result<ImageAnalysis, LayersError> {
    let opts = AnalyzeOptions {
        via,
        local_daemon: d.is_local(),
        control: Control::new(),
    };
    analyze(d, tag, &opts).await
}

#[tokio::test]
async fn quick_export_local_and_archive_agree() {
    for_each_engine(async |e| {
        let d = e.engine().await;
        let img = build_fixture(e, "agree");
        let tag = img.tag.as_str();
        let quick = quick_layers(&d, tag)
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        let export = run(&d, tag, Via::Export)
            .await
            .unwrap_or_else(|err| panic!("export: {err}"));
        assert_eq!(export.source, Source::Export);
        assert_eq!(export.fallback_reason, None);
        if local_walk_possible(e) {
            let local = run(&d, tag, Via::Local)
                .await
                .unwrap_or_else(|err| panic!("local: {err}"));
            assert_eq!(local.source, Source::Local);
            assert_eq!(export.figures, local.figures);
            let auto = run(&d, tag, Via::Auto).await.expect("auto");
            assert_eq!(auto.source, Source::Local, "auto takes the local walk");
        } else {
            // On the current engine its overlay2 paths are inside its own root: not this
            // machine's. Elsewhere (no root, another storage driver) it says why too.
            let err = run(&d, tag, Via::Local).await.err();
            let Some(LayersError::LocalUnavailable { reason, .. }) = err else {
                panic!("--via local: {err:?}");
            };
            let auto = run(&d, tag, Via::Auto).await.expect("auto");
            assert_eq!(auto.source, Source::Export, "auto falls back to the export");
            assert_eq!(auto.fallback_reason.as_deref(), Some(reason.as_str()));
            if e.name == "current" {
                assert!(reason.contains("/var/lib/docker/overlay2/"), "{reason}");
            }
            assert_eq!(auto.figures, export.figures);
        }

        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
        let path = dir.path().join("saved.tar");
        // The engine's own export is what `docker save` writes.
        let mut saved = Vec::new();
        let mut chunks = std::pin::pin!(d.export_image(tag));
        while let Some(chunk) = futures_util::StreamExt::next(&mut chunks).await {
            saved.extend_from_slice(&chunk.unwrap_or_else(|err| panic!("export: {err}")));
        }
        std::fs::write(&path, &saved).unwrap_or_else(|err| panic!("{err}"));
        let archived = analyze_archive(&path, Some(tag), &Control::new())
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(archived.figures, export.figures);
        assert_eq!(archived.layers.size_bytes, quick.size_bytes);
        let oci_path = dir.path().join("oci.tar");
        std::fs::write(&oci_path, to_oci(&saved)).unwrap_or_else(|err| panic!("{err}"));
        let oci = analyze_archive(&oci_path, None, &Control::new())
            .await
            .unwrap_or_else(|err| panic!("oci: {err}"));
        assert_eq!(
            oci.figures, export.figures,
            "OCI layout with gzip and zstd blobs"
        );

        // per-layer sizes: the daemon's history figures equal what the contents add up to
        let daemon_sizes: Vec<u64> = quick
            .steps
            .iter()
            .filter(|s| s.layer.is_some())
            .map(|s| s.size_bytes)
            .collect();
        let content_sizes: Vec<u64> = export.figures.layers.iter().map(|l| l.size_bytes).collect();
        assert_eq!(daemon_sizes, content_sizes);
        assert_eq!(quick.diff_ids.len(), 6);
        assert_eq!(
            quick.steps.iter().filter(|s| s.empty).count(),
            3,
            "the test's LABEL, `RUN true` and ENV fold"
        );

        let f = &export.figures;
        let find = |p: &str| f.inefficient.iter().find(|i| i.path == p).cloned();
        assert_eq!(
            find("/data/big").map(|i| (i.copies, i.wasted_bytes)),
            Some((2, 100_000))
        );
        assert_eq!(
            find("/data/gone/f1").map(|i| i.copies),
            Some(1),
            "hidden by the opaque dir"
        );
        assert_eq!(
            find("/opt/t/m1").map(|i| i.wasted_bytes),
            Some(1000),
            "chown copy"
        );
        assert!(f.wasted_bytes >= 100_000 + 120_000 + 6);
        let advice = docktor::diagnose::advise_layers(
            std::sync::Arc::new(export.clone()),
            &Default::default(),
        );
        let ids: Vec<&str> = advice.iter().map(|x| x.id).collect();
        assert!(ids.contains(&"layers.chown-copy"), "{ids:?}");
        assert!(
            !ids.contains(&"layers.no-bytecode"),
            "no .py files at all: {ids:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn missing_image_names_it_and_suggests_docker_images() {
    for_each_engine(async |e| {
        let d = e.engine().await;
        let err = quick_layers(&d, "docktor-no-such-image:404").await.err();
        assert!(
            matches!(err, Some(LayersError::ImageNotFound { .. })),
            "{err:?}"
        );
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.contains("docktor-no-such-image:404") && text.contains("docker images"),
            "{text}"
        );
    })
    .await;
}

#[tokio::test]
async fn cancelled_analysis_stops_with_cancelled() {
    for_each_engine(async |e| {
        let d = e.engine().await;
        let img = build_fixture(e, "cancel");
        let control = Control::new();
        control.cancel();
        let vias: &[Via] = if local_walk_possible(e) {
            &[Via::Export, Via::Local, Via::Auto]
        } else {
            &[Via::Export, Via::Auto]
        };
        for &via in vias {
            let opts = AnalyzeOptions {
                via,
                local_daemon: d.is_local(),
                control: control.clone(),
            };
            let r = analyze(&d, &img.tag, &opts).await;
            assert!(
                matches!(r, Err(LayersError::Cancelled { .. })),
                "{via:?}: {:?}",
                r.err()
            );
        }
    })
    .await;
}

/// Rewrites a legacy `docker save` archive as an OCI layout: layer blobs alternately gzip and
/// zstd compressed, written before the config, the manifest and index.json.
fn to_oci(legacy: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    use std::io::{Read, Write};
    let hex = |d: &[u8]| format!("{:x}", Sha256::digest(d));
    let mut members = std::collections::HashMap::new();
    let mut ar = tar::Archive::new(legacy);
    for e in ar.entries().unwrap_or_else(|e| panic!("{e}")) {
        let mut e = e.unwrap_or_else(|e| panic!("{e}"));
        let name = e
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap_or_else(|e| panic!("{e}"));
        members.insert(name, data);
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&members["manifest.json"]).unwrap_or_default();
    let config = members[manifest[0]["Config"].as_str().unwrap_or_default()].clone();
    let mut out = tar::Builder::new(Vec::new());
    let mut add = |name: &str, data: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        out.append_data(&mut h, name, data)
            .unwrap_or_else(|e| panic!("{e}"));
    };
    let mut layers = Vec::new();
    for (i, l) in manifest[0]["Layers"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let raw = &members[l.as_str().unwrap_or_default()];
        let blob = if i % 2 == 0 {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(raw).unwrap_or_else(|e| panic!("{e}"));
            gz.finish().unwrap_or_else(|e| panic!("{e}"))
        } else {
            zstd::encode_all(&raw[..], 3).unwrap_or_else(|e| panic!("{e}"))
        };
        add(&format!("blobs/sha256/{}", hex(&blob)), &blob);
        layers.push(serde_json::json!({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": format!("sha256:{}", hex(&blob)), "size": blob.len()}));
    }
    add(&format!("blobs/sha256/{}", hex(&config)), &config);
    let m = serde_json::json!({"schemaVersion": 2, "config": {"digest": format!("sha256:{}", hex(&config))}, "layers": layers});
    let m = serde_json::to_vec(&m).unwrap_or_default();
    add(&format!("blobs/sha256/{}", hex(&m)), &m);
    let index = serde_json::json!({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": format!("sha256:{}", hex(&m))}]});
    add(
        "index.json",
        &serde_json::to_vec(&index).unwrap_or_default(),
    );
    out.into_inner().unwrap_or_else(|e| panic!("{e}"))
}
