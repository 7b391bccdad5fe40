//! Archives as people keep them, without a daemon: compressed whole (gzip, zstd, xz, told by
//! magic bytes whatever the file is called), files that are no image archive at all (one plain
//! sentence), shared layers written once and linked (legacy and blobs layouts; links leaving
//! the archive or looping are errors naming them), and progress that moves inside a big file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::archives::*;
use docktor::layers::{Control, ImageAnalysis, LayersError, Progress, analyze_archive};
use std::sync::{Arc, Mutex};

async fn read(data: &[u8], image: Option<&str>) -> (String, Result<ImageAnalysis, LayersError>) {
    let f = write_tmp(data);
    let r = analyze_archive(f.path(), image, &Control::new()).await;
    (f.path().display().to_string(), r)
}

async fn error_of(data: &[u8], image: Option<&str>) -> (String, String) {
    let (path, r) = read(data, image).await;
    (path, r.err().map(|e| e.to_string()).unwrap_or_default())
}

#[tokio::test]
async fn compressed_archives_read_as_the_plain_one_whatever_their_name() {
    let layers = sample_layers();
    let plain = legacy(&layers, "fixture:1", false, None);
    let (_, reference) = read(&plain, None).await;
    let reference = reference.unwrap_or_else(|e| panic!("{e}"));
    for data in [plain.clone(), oci(&layers)] {
        for (kind, packed) in compressed(&data) {
            // Named `.tar` although compressed: the bytes tell, not the name.
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let path = dir.path().join("img.tar");
            std::fs::write(&path, &packed).unwrap_or_else(|e| panic!("{e}"));
            let a = analyze_archive(&path, None, &Control::new())
                .await
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
            assert_eq!(a.figures, reference.figures, "{kind}");
            assert_eq!(a.layers.image, "fixture:1", "{kind}");
        }
    }
    let (path, err) = error_of(&compressed(&plain)[0].1[..300], None).await;
    assert!(
        err.contains(&path) && err.contains("damaged or truncated"),
        "{err}"
    );
}

#[tokio::test]
async fn a_file_that_is_no_image_archive_gets_one_plain_sentence() {
    let mut random = Vec::new();
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        random.push((x >> 24) as u8);
    }
    let mut bz = std::process::Command::new("bzip2");
    let bzipped = bz
        .arg("-c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            if let Some(mut i) = c.stdin.take() {
                i.write_all(b"hello").ok();
            }
            c.wait_with_output()
        })
        .map(|o| o.stdout)
        .unwrap_or_else(|_| b"BZh91AY&SY".to_vec());
    // What each is found to be, as the error says it.
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "text",
            b"FROM scratch\nCOPY . /app\n".repeat(40),
            "it is text, not a tar file",
        ),
        ("random", random.clone(), "no tar header at its start"),
        ("empty", Vec::new(), "the file is empty"),
        ("short", b"\x00\x01\x02".to_vec(), "only 3 bytes, too short"),
        (
            "plain tar",
            layer(&[("etc/", b""), ("etc/hosts", b"127.0.0.1")]),
            "a tar file without manifest.json or index.json",
        ),
        ("empty tar", vec![0u8; 1024], "it is an empty tar file"),
        (
            "gzip of text",
            compressed(b"just words")[0].1.clone(),
            "gzip compressed, but what it holds is text",
        ),
        (
            "xz of random",
            compressed(&random)[2].1.clone(),
            "xz compressed, but what it holds is not a tar file",
        ),
        (
            "bzip2",
            bzipped,
            "compressed with bzip2, which docktor does not read",
        ),
    ];
    for (what, data, says) in cases {
        let (path, r) = read(&data, Some("app:1")).await;
        let e = r
            .err()
            .unwrap_or_else(|| panic!("{what}: read as an image"));
        // What it was found to be, apart from the sentence every such error ends with (which
        // names gzip, zstd and xz itself).
        let found = match &e {
            LayersError::NotAnArchive { found, .. } => found.clone(),
            other => panic!("{what}: expected NotAnArchive, got {other:?}"),
        };
        assert!(
            found.contains(says),
            "{what}: found {found:?}, not {says:?}"
        );
        let err = e.to_string();
        assert!(
            err.contains(&path)
                && err.contains(&format!("is not an image archive ({found})"))
                && err.contains("docker save"),
            "{what}: {err}"
        );
        assert!(
            !err.chars().any(|c| c.is_control() || c == '\u{fffd}'),
            "{what}: raw bytes in {err:?}"
        );
        assert!(err.len() < 400, "{what}: one sentence, not a dump: {err}");
    }
}

type Builder = tar::Builder<Vec<u8>>;

/// A legacy archive of two images sharing layer 0 and 1; the second image's copies are links.
fn shared_legacy(link: &dyn Fn(&mut Builder, &str, &str)) -> Vec<u8> {
    let layers = sample_layers();
    let ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{}", hex(l)))
        .collect();
    let mut b = tar::Builder::new(Vec::new());
    // The links come first, before what they point at, as `docker save` may write them.
    link(&mut b, "b0/layer.tar", "../a0/layer.tar");
    link(&mut b, "b1/layer.tar", "../a1/layer.tar");
    for (i, l) in layers.iter().enumerate() {
        add(&mut b, &format!("a{i}/layer.tar"), l);
    }
    let mut manifest = Vec::new();
    for (tag, n) in [("one:1", 3), ("two:1", 2)] {
        let cfg = config(&ids[..n]);
        let name = format!("{}.json", hex(&cfg));
        add(&mut b, &name, &cfg);
        let p = if tag == "one:1" { "a" } else { "b" };
        let paths: Vec<String> = (0..n).map(|i| format!("{p}{i}/layer.tar")).collect();
        manifest.push(serde_json::json!({"Config": name, "RepoTags": [tag], "Layers": paths}));
    }
    add(
        &mut b,
        "manifest.json",
        &serde_json::to_vec(&manifest).unwrap_or_default(),
    );
    b.into_inner().unwrap_or_default()
}

/// What each layer holds (waste left out: it depends on the layers above).
fn held(a: &ImageAnalysis) -> Vec<(u64, u64, u64)> {
    a.figures
        .layers
        .iter()
        .map(|l| (l.files, l.content_bytes, l.size_bytes))
        .collect()
}

#[tokio::test]
async fn shared_layers_written_once_and_linked_are_followed() {
    let sym = shared_legacy(&|b, p, t| add_symlink(b, p, t));
    // Hard links name their target from the archive root.
    let hard = shared_legacy(&|b, p, t| add_hardlink(b, p, t.trim_start_matches("../")));
    let (_, one) = read(&sym, Some("one:1")).await;
    let one = one.unwrap_or_else(|e| panic!("{e}"));
    for (what, data) in [("symlinks", &sym), ("hard links", &hard)] {
        let (_, two) = read(data, Some("two:1")).await;
        let two = two.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(two.layers.image, "two:1");
        assert_eq!(two.contents.len(), 2, "{what}");
        assert_eq!(held(&two)[..], held(&one)[..2], "{what}");
    }
    // The blobs layout of newer engines, with and without legacy links into blobs/.
    for (manifest_json, links) in [(true, false), (true, true), (false, false)] {
        let data = to_docker25(&sym, manifest_json, links);
        let (_, two) = read(&data, Some("two:1")).await;
        let two = two.unwrap_or_else(|e| panic!("docker25 {manifest_json} {links}: {e}"));
        assert_eq!(held(&two)[..], held(&one)[..2]);
        assert_eq!(two.layers.image, "two:1");
    }
}

#[tokio::test]
async fn links_leaving_the_archive_looping_or_dangling_are_errors_naming_them() {
    let cases: [(&str, &str, &str); 5] = [
        (
            "../../../etc/passwd",
            "outside the archive",
            "../../../etc/passwd",
        ),
        ("/etc/passwd", "outside the archive", "/etc/passwd"),
        ("../b1/layer.tar", "loop", "b0/layer.tar"),
        (
            "../nothing/layer.tar",
            "not in the archive",
            "nothing/layer.tar",
        ),
        ("../a0", "not in the archive", "b0/layer.tar"),
    ];
    for (target, why, names) in cases {
        let data = shared_legacy(&|b, p, t| {
            if p == "b0/layer.tar" {
                add_symlink(b, p, target);
            } else if target.contains("b1") {
                add_symlink(b, p, "../b0/layer.tar");
            } else {
                add_symlink(b, p, t);
            }
        });
        let (path, err) = error_of(&data, Some("two:1")).await;
        assert!(
            err.contains(&path) && err.contains(why) && err.contains(names),
            "{target}: {err}"
        );
    }
}

#[tokio::test]
async fn progress_moves_while_a_big_file_is_read() {
    const BIG: usize = 48 << 20;
    let big = layer(&[("big/file", &vec![7u8; BIG])]);
    let data = legacy(&[big], "big:1", false, None);
    let f = write_tmp(&data);
    drop(data);
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let s = seen.clone();
    let ctl = Control::new().with_progress(Arc::new(move |p: &Progress| {
        if let Ok(mut v) = s.lock() {
            v.push(p.clone());
        }
    }));
    let a = analyze_archive(f.path(), None, &ctl)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.figures.final_bytes, BIG as u64);
    let seen = seen.lock().map(|v| v.clone()).unwrap_or_default();
    // Reports made before the one layer was done: inside the big file.
    let inside: Vec<u64> = seen
        .iter()
        .filter(|p| p.layers_done == 0 && p.bytes_done > 0)
        .map(|p| p.bytes_done)
        .collect();
    assert!(inside.len() >= 4, "{inside:?}");
    assert!(inside.windows(2).all(|w| w[0] < w[1]), "{inside:?}");
    assert!(inside.iter().all(|&b| b < BIG as u64 + 4096), "{inside:?}");
    // Throttled: about one report per 8 MiB, not one per read.
    assert!(inside.len() <= 8, "{inside:?}");
}
