//! Hot paths of the layer analysis over a synthetic image of 60k files: streaming the archive
//! (outer tar, layer tars, path arena insertion) and stacking + efficiency.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use docktor::layers::Control;
use docktor::layers::analyze::scan_resolve;
use docktor::layers::efficiency::compute;
use sha2::{Digest, Sha256};
use std::hint::black_box;

fn layer(dirs: usize, files: usize, tag: u8) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let data = [tag; 100];
    for d in 0..dirs {
        for f in 0..files {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            b.append_data(&mut h, format!("opt/venv/lib/p{d}/m{f}.py"), &data[..])
                .ok();
        }
    }
    b.into_inner().unwrap_or_default()
}

fn archive() -> Vec<u8> {
    let layers = [layer(400, 100, 1), layer(200, 100, 2)];
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{:x}", Sha256::digest(l)))
        .collect();
    let cfg =
        serde_json::to_vec(&serde_json::json!({"rootfs": {"diff_ids": diff_ids}, "history": []}))
            .unwrap_or_default();
    let manifest = serde_json::json!([{"Config": "c.json", "RepoTags": ["bench:1"], "Layers": ["0/layer.tar", "1/layer.tar"]}]);
    let mut b = tar::Builder::new(Vec::new());
    let mut add = |name: &str, data: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        b.append_data(&mut h, name, data).ok();
    };
    add("0/layer.tar", &layers[0]);
    add("1/layer.tar", &layers[1]);
    add("c.json", &cfg);
    add(
        "manifest.json",
        &serde_json::to_vec(&manifest).unwrap_or_default(),
    );
    b.into_inner().unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let data = archive();
    let mut g = c.benchmark_group("layers");
    g.sample_size(10);
    g.bench_function("scan 60k entries (tar walk + tree insertion)", |b| {
        b.iter(|| {
            scan_resolve(
                std::io::Cursor::new(black_box(&data)),
                None,
                None,
                &Control::new(),
            )
            .map(|r| r.1.layers.len())
        })
    });
    let Ok((arena, resolved)) =
        scan_resolve(std::io::Cursor::new(&data), None, None, &Control::new())
    else {
        return;
    };
    let children = arena.children();
    g.bench_function("stack + efficiency over 60k entries", |b| {
        b.iter(|| compute(&arena, &children, black_box(&resolved.layers)).wasted_bytes)
    });
    g.finish();
}

criterion_group!(layers_benches, benches);
criterion_main!(layers_benches);
