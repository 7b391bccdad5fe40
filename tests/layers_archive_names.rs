//! Which image of an archive is read and what the analysis is called: the image named (tag,
//! ID or prefix), the only one when none is named, a list of them when there are several;
//! the label is the archive's own name of the image, never the argument or the file name.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::archives::*;
use docktor::layers::{Control, LayersError, analyze_archive};

async fn figures(data: &[u8], image: &str) -> Result<docktor::layers::ImageAnalysis, LayersError> {
    let f = write_tmp(data);
    let image = Some(image).filter(|s| !s.is_empty());
    analyze_archive(f.path(), image, &Control::new()).await
}

#[tokio::test]
async fn picks_the_named_image_of_a_multi_image_archive_or_says_which_exist() {
    let layers = sample_layers();
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{}", hex(l)))
        .collect();
    let mut b = tar::Builder::new(Vec::new());
    let names: Vec<String> = (0..layers.len())
        .map(|i| format!("l{i}/layer.tar"))
        .collect();
    for (n, l) in names.iter().zip(&layers) {
        add(&mut b, n, l);
    }
    let mut entries = Vec::new();
    for (tag, extra) in [("one:1", 1), ("two:2", 2)] {
        let mut cfg = config(&diff_ids);
        cfg.extend(std::iter::repeat_n(b' ', extra));
        let cfg_name = format!("{}.json", hex(&cfg));
        add(&mut b, &cfg_name, &cfg);
        entries.push(serde_json::json!({"Config": cfg_name, "RepoTags": [tag], "Layers": names}));
    }
    add(
        &mut b,
        "manifest.json",
        &serde_json::to_vec(&entries).unwrap_or_default(),
    );
    let data = b.into_inner().unwrap_or_default();
    let two = figures(&data, "two:2")
        .await
        .map(|a| (a.layers.tags, a.layers.image));
    assert_eq!(
        two.ok(),
        Some((vec!["two:2".to_string()], "two:2".to_string()))
    );
    let err = figures(&data, "three:3")
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("no image `three:3`") && err.contains("one:1; two:2"),
        "{err}"
    );
    // No name: the archive's images are listed and one is asked for.
    let err = figures(&data, "")
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("several images") && err.contains("one:1; two:2") && err.contains("say which"),
        "{err}"
    );
}

#[tokio::test]
async fn the_analysis_is_labelled_with_the_archives_own_name() {
    let layers = sample_layers();
    for (what, data) in [
        ("legacy", legacy(&layers, "fixture:1", false, None)),
        ("oci", oci(&layers)),
    ] {
        let f = write_tmp(&data);
        let a = analyze_archive(f.path(), None, &Control::new())
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(a.layers.image, "fixture:1", "{what}");
        // By ID prefix: still the archive's tag.
        let id = a
            .layers
            .id
            .trim_start_matches("sha256:")
            .chars()
            .take(8)
            .collect::<String>();
        let by_id = analyze_archive(f.path(), Some(&id), &Control::new()).await;
        assert_eq!(
            by_id.map(|a| a.layers.image).ok().as_deref(),
            Some("fixture:1"),
            "{what}"
        );
        // A name the archive does not hold is an error, even when it holds one image.
        let err = analyze_archive(f.path(), Some("other:2"), &Control::new())
            .await
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("no image `other:2`") && err.contains("fixture:1"),
            "{what}: {err}"
        );
    }
    // Untagged (saved by ID): labelled with its short ID.
    let mut data = legacy(&layers, "x:1", false, None);
    let files = members(&data);
    let manifest = String::from_utf8_lossy(&files["manifest.json"]).replace(r#"["x:1"]"#, "null");
    let mut b = tar::Builder::new(Vec::new());
    for (name, bytes) in &files {
        if name != "manifest.json" {
            add(&mut b, name, bytes);
        }
    }
    add(&mut b, "manifest.json", manifest.as_bytes());
    data = b.into_inner().unwrap_or_default();
    let a = figures(&data, "").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.layers.image.len(), 12, "{}", a.layers.image);
    assert!(a.layers.id.contains(&a.layers.image));
}
