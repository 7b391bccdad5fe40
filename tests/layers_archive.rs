//! Archive reading without a daemon: layouts built in the test (legacy, OCI with gzip/zstd
//! blobs before the index, unnamed blobs mapped by digest) and bad input (truncation, absurd
//! sizes, `..` paths, long and non-UTF-8 names, symlink loops, garbage).
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
async fn every_layout_gives_the_same_figures() {
    let layers = sample_layers();
    let reference = figures(&legacy(&layers, "fixture:1", false, None), "fixture:1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let f = &reference.figures;
    // waste: blob's first copy 3000, keep (deleted) 10, d/x hidden by the opaque dir 70
    assert_eq!(f.wasted_bytes, 3080);
    assert_eq!(f.final_bytes, 501);
    assert_eq!(reference.layers.size_bytes, 3080 + 501);
    let variants = [
        (
            "legacy, manifest first",
            legacy(&layers, "fixture:1", true, None),
        ),
        ("oci gzip+zstd, blobs before index", oci(&layers)),
        (
            "blobs named by nothing, mapped by digest",
            legacy(&layers, "fixture:1", false, Some(&["a", "b", "c"])),
        ),
    ];
    for (name, data) in variants {
        let a = figures(&data, "fixture:1")
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(a.figures, reference.figures, "{name}");
        assert_eq!(a.layers.diff_ids, reference.layers.diff_ids, "{name}");
    }
}

#[tokio::test]
async fn truncated_archive_is_a_clear_error_naming_the_archive_and_the_member() {
    let data = legacy(&sample_layers(), "fixture:1", false, None);
    for cut in [700, data.len() / 2, data.len() - 1500] {
        let f = write_tmp(&data[..cut]);
        let err = analyze_archive(f.path(), Some("fixture:1"), &Control::new())
            .await
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let path = f.path().display().to_string();
        assert!(
            err.contains(&path)
                && err.contains("damaged or truncated")
                && (err.contains("member") || err.contains("layer l")),
            "cut {cut}: {err}"
        );
    }
}

#[tokio::test]
async fn missing_files_are_clear_errors() {
    let missing = analyze_archive(
        std::path::Path::new("/nonexistent/a.tar"),
        Some("x"),
        &Control::new(),
    )
    .await;
    let err = missing.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        err.contains("/nonexistent/a.tar") && err.contains("docker save"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let err = analyze_archive(dir.path(), None, &Control::new())
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("is a directory"), "{err}");
}

#[tokio::test]
async fn absurd_entry_size_is_reported_not_allocated() {
    let mut l = Vec::new();
    let mut h = header("huge", 0, tar::EntryType::Regular);
    h.set_size(0o77_777_777_777); // 8 GiB announced, 10 bytes present
    h.set_cksum();
    l.extend_from_slice(h.as_bytes());
    l.extend_from_slice(b"0123456789");
    l.resize(l.len() + 1024, 0);
    let err = figures(&legacy(&[l], "fixture:1", false, None), "fixture:1")
        .await
        .err();
    let err = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        err.contains("l0/layer.tar") && err.contains("damaged"),
        "{err}"
    );
}

#[tokio::test]
async fn hostile_names_are_marked_or_kept_never_applied_outside_the_root() {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = header("placeholder", 4, tar::EntryType::Regular);
    // `..` paths: tar's safe setters refuse them, so write the name bytes directly.
    let name = b"../../etc/passwd";
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.set_cksum();
    b.append(&h, &b"evil"[..]).ok();
    let long = format!("deep/{}/file", "x".repeat(300));
    let mut h = tar::Header::new_gnu();
    h.set_size(3);
    b.append_data(&mut h, &long, &b"abc"[..]).ok();
    let mut h = header("placeholder", 2, tar::EntryType::Regular);
    let raw = b"caf\xe9.txt";
    h.as_old_mut().name[..raw.len()].copy_from_slice(raw);
    h.set_cksum();
    b.append(&h, &b"ok"[..]).ok();
    for (from, to) in [("loop/a", "b"), ("loop/b", "a"), ("loop/self", "self")] {
        let mut h = header(from, 0, tar::EntryType::Symlink);
        h.set_link_name(to).ok();
        h.set_cksum();
        b.append(&h, std::io::empty()).ok();
    }
    let l = b.into_inner().unwrap_or_default();
    let a = figures(&legacy(&[l], "fixture:1", false, None), "fixture:1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let problems = &a.contents[0].problems;
    assert!(
        problems
            .iter()
            .any(|p| p.path.contains("../../etc/passwd") && p.problem.contains("..")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.problem.contains("UTF-8")),
        "{problems:?}"
    );
    assert!(a.arena.find("/etc/passwd").is_none() && a.arena.find("/../etc/passwd").is_none());
    assert!(a.arena.find(&long).is_some(), "long name kept");
    assert!(a.arena.find("/loop/a").is_some() && a.arena.find("/loop/self").is_some());
    assert_eq!(a.figures.final_bytes, 5);
}

#[tokio::test]
async fn layer_trees_mark_changes_and_collapse_and_filter() {
    use docktor::layers::{FileTree, Mark, Scope, SortBy, largest_files};
    use std::collections::HashSet;
    let a = figures(&legacy(&sample_layers(), "fixture:1", false, None), "")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let t = FileTree::build(&a, Scope::Upto(1), SortBy::Name);
    let rows: Vec<(String, Mark, u64)> = t
        .rows
        .iter()
        .map(|r| (a.arena.path(r.node), r.mark, r.size))
        .collect();
    let expect = [
        ("/d", Mark::Unchanged, 1),
        ("/d/x", Mark::Removed, 70),
        ("/d/y", Mark::Added, 1),
        ("/opt", Mark::Unchanged, 510),
        ("/opt/blob", Mark::Modified, 500),
        ("/opt/keep", Mark::Unchanged, 10),
    ];
    let expect: Vec<(String, Mark, u64)> = expect
        .iter()
        .map(|(p, m, s)| (p.to_string(), *m, *s))
        .collect();
    assert_eq!(rows, expect);
    let by_size = FileTree::build(&a, Scope::Upto(1), SortBy::Size);
    assert_eq!(a.arena.path(by_size.rows[0].node), "/opt");
    let only = FileTree::build(&a, Scope::Layer(2), SortBy::Name);
    let paths: Vec<(String, Mark)> = only
        .rows
        .iter()
        .map(|r| (a.arena.path(r.node), r.mark))
        .collect();
    assert_eq!(
        paths,
        [
            ("/opt".to_string(), Mark::Unchanged),
            ("/opt/keep".to_string(), Mark::Removed)
        ]
    );
    let opt = a.arena.find("/opt").unwrap_or(0);
    let collapsed: HashSet<u32> = [opt].into_iter().collect();
    assert_eq!(t.visible(&a, &collapsed, None).len(), 4);
    let filtered: Vec<String> = t
        .visible(&a, &HashSet::new(), Some("BLOB"))
        .iter()
        .map(|&i| a.arena.path(t.rows[i].node))
        .collect();
    assert_eq!(filtered, ["/opt", "/opt/blob"]);
    assert_eq!(largest_files(&a, 0, 1), [("/opt/blob".to_string(), 3000)]);
}

/// `docktor layers --archive FILE ARGS…` through the binary: (exit code, stdout, stderr).
fn layers_cli(archive: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let o = std::process::Command::new(common::docktor_bin())
        .arg("layers")
        .arg("--archive")
        .arg(archive)
        .args(args)
        .output()
        .expect("run docktor");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[tokio::test]
async fn archive_command_gates_and_json_shape() {
    use docktor::report::layers as report;
    let f = write_tmp(&legacy(&sample_layers(), "fixture:1", false, None));
    let code = |args: &[&str]| layers_cli(f.path(), args).0;
    assert_eq!(code(&["fixture:1", "--format", "json"]), Some(0));
    // One image in the archive: IMAGE may be left out.
    let (c, out, err) = layers_cli(f.path(), &["--format", "json"]);
    assert_eq!(c, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["layers"][0]["size_bytes"], 3080);
    assert_eq!(code(&["fixture:1", "--min-efficiency", "0.99"]), Some(1));
    assert_eq!(code(&["fixture:1", "--max-wasted", "1kB"]), Some(1));
    let both = ["--min-efficiency", "0.1", "--max-wasted", "1MB"];
    assert_eq!(code(&both), Some(0));
    // Bad values are clap's errors: exit 2, naming the flag.
    for (bad, flag) in [
        (&["--max-wasted", "lots"][..], "--max-wasted"),
        (&["--min-efficiency", "2"], "--min-efficiency"),
        (&["--format", "yaml"], "--format"),
        (&["--via", "ftp"], "--via"),
    ] {
        let (c, _, err) = layers_cli(f.path(), bad);
        assert_eq!(c, Some(2), "{bad:?}: {err}");
        assert!(err.contains(flag), "{bad:?}: {err}");
    }
    // Without an engine and without --archive there is nothing to read.
    let args = docktor::cli::LayersArgs {
        image: Some("fixture:1".into()),
        archive: None,
        quick: false,
        via: docktor::layers::Via::Auto,
        format: docktor::cli::TextFormat::Json,
        min_efficiency: None,
        max_wasted: None,
    };
    let profile = docktor::profile::Profile::default();
    let err = docktor::commands::layers::run_with(&args, None, &profile)
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("--archive"), "{err}");

    let a = analyze_archive(f.path(), None, &Control::new())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let findings = docktor::diagnose::advise_layers(std::sync::Arc::new(a.clone()), &profile);
    let j = report::to_json(&a, &findings, &[]);
    for key in [
        "image",
        "size_bytes",
        "efficiency",
        "wasted_bytes",
        "inefficient_files",
        "findings",
        "layers",
    ] {
        assert!(j.get(key).is_some(), "missing {key}");
    }
    assert_eq!(j["layers"][0]["size_bytes"], 3080);
    assert_eq!(j["layers"][0]["created_by"], "make");
    assert_eq!(j["inefficient_files"][0]["path"], "/opt/blob");
    let text = report::to_text(&a, &findings, &[]);
    assert!(
        text.contains("efficiency") && text.contains("wasted") && text.contains("/opt/blob"),
        "{text}"
    );
}

#[tokio::test]
async fn an_empty_layer_tar_of_zero_blocks_is_a_layer() {
    let layers = vec![layer(&[("a", b"x")]), vec![0u8; 1024]];
    let a = figures(&legacy(&layers, "fixture:1", false, None), "")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.contents.len(), 2);
    assert_eq!(a.figures.layers[1].files, 0);
}
