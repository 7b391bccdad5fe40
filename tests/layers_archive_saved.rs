//! Against the real daemon: `docker save` of several images that share layers (the daemon
//! writes a shared layer once and symlinks the other places to it), the same rewritten in the
//! blobs layout of newer engines, and saves kept compressed (`docker save IMG | gzip`). The
//! images are built FROM scratch with the host's busybox under tags unique to the test and
//! removed afterwards, even when the test fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::archives::{compressed, to_docker25};
use docktor::layers::{Control, ImageAnalysis, analyze_archive};
use std::path::Path;

/// Images built for one test, untagged (never removed by ID) when dropped.
struct Images {
    tags: Vec<String>,
    _ctx: tempfile::TempDir,
}

impl Drop for Images {
    fn drop(&mut self) {
        let mut args = vec!["rmi"];
        args.extend(self.tags.iter().map(String::as_str));
        common::docker_cli(&args);
    }
}

/// `base` (busybox), `env` (base + ENV: same layers, its top one linked in a save) and `run`
/// (base + a RUN layer: base's top layer linked below it).
fn build(test: &str) -> Images {
    let ctx = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    std::fs::copy("/bin/busybox", ctx.path().join("busybox"))
        .unwrap_or_else(|e| panic!("copy /bin/busybox (install busybox-static): {e}"));
    let prefix = format!("dkt-archives-{test}-{}", std::process::id());
    let mut images = Images {
        tags: Vec::new(),
        _ctx: ctx,
    };
    let base = format!("{prefix}-base:1");
    let steps = [
        (
            base.clone(),
            // The label: no other build shares this test's cache chain (see common::built).
            format!(
                "FROM scratch\nLABEL docktor.test.image=\"{prefix}\"\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nRUN echo one > /one && echo two > /two\n"
            ),
        ),
        (
            format!("{prefix}-env:1"),
            format!("FROM {base}\nENV MODE=env\n"),
        ),
        (
            format!("{prefix}-run:1"),
            format!("FROM {base}\nRUN rm /one && echo three > /three\n"),
        ),
    ];
    for (tag, dockerfile) in steps {
        let file = images
            ._ctx
            .path()
            .join(format!("{}.Dockerfile", images.tags.len()));
        std::fs::write(&file, dockerfile).unwrap_or_else(|e| panic!("write Dockerfile: {e}"));
        let (f, c) = (
            file.display().to_string(),
            images._ctx.path().display().to_string(),
        );
        common::docker_cli_ok(&["build", "-q", "-f", &f, "-t", &tag, &c]);
        images.tags.push(tag);
    }
    images
}

fn save(tags: &[String], to: &Path) -> Vec<u8> {
    let mut args = vec!["save".to_string(), "-o".into(), to.display().to_string()];
    args.extend(tags.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    common::docker_cli_ok(&args);
    std::fs::read(to).unwrap_or_else(|e| panic!("read {}: {e}", to.display()))
}

async fn read(path: &Path, image: Option<&str>) -> ImageAnalysis {
    analyze_archive(path, image, &Control::new())
        .await
        .unwrap_or_else(|e| panic!("{} {image:?}: {e}", path.display()))
}

#[tokio::test]
async fn several_saved_images_sharing_layers_are_each_read_whole() {
    if common::engine().await.is_none() {
        return;
    }
    let images = build("shared");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let all = save(&images.tags, &dir.path().join("all.tar"));
    let linked = tar::Archive::new(&all[..])
        .entries()
        .map(|es| {
            es.filter_map(Result::ok)
                .any(|e| e.header().entry_type().is_symlink())
        })
        .unwrap_or(false);
    assert!(
        linked,
        "docker save wrote no link: the test would prove nothing"
    );
    let layouts = [
        ("docker save", all.clone()),
        ("blobs + manifest.json", to_docker25(&all, true, false)),
        ("blobs + legacy links", to_docker25(&all, true, true)),
        ("OCI index only", to_docker25(&all, false, false)),
    ];
    for tag in &images.tags {
        let one = save(std::slice::from_ref(tag), &dir.path().join("one.tar"));
        let one_path = dir.path().join("one.tar");
        std::fs::write(&one_path, &one).unwrap_or_else(|e| panic!("{e}"));
        let reference = read(&one_path, None).await;
        assert_eq!(&reference.layers.image, tag);
        for (layout, data) in &layouts {
            let path = dir.path().join("layout.tar");
            std::fs::write(&path, data).unwrap_or_else(|e| panic!("{e}"));
            let a = read(&path, Some(tag)).await;
            assert_eq!(a.figures, reference.figures, "{layout}: {tag}");
            assert_eq!(
                a.layers.diff_ids, reference.layers.diff_ids,
                "{layout}: {tag}"
            );
            assert_eq!(&a.layers.image, tag, "{layout}");
        }
    }
    let path = dir.path().join("all.tar");
    let err = analyze_archive(&path, None, &Control::new())
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("several images") && images.tags.iter().all(|t| err.contains(t.as_str())),
        "{err}"
    );
}

#[tokio::test]
async fn saves_kept_compressed_are_read_and_labelled_with_their_tag() {
    if common::engine().await.is_none() {
        return;
    }
    let images = build("packed");
    let tag = &images.tags[2];
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plain_path = dir.path().join("img.tar");
    let plain = save(std::slice::from_ref(tag), &plain_path);
    let reference = read(&plain_path, None).await;
    // As people do it: `docker save IMG | gzip > img.tar.gz`.
    let gz = dir.path().join("img.tar.gz");
    let cli = common::docker_cli_path().display().to_string();
    let piped = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "\"{cli}\" save {tag} | gzip > \"{}\"",
            gz.display()
        ))
        .status();
    assert!(piped.is_ok_and(|s| s.success()), "docker save | gzip");
    let mut files = vec![gz];
    for (kind, data) in compressed(&plain) {
        let p = dir.path().join(format!("img-{kind}"));
        std::fs::write(&p, data).unwrap_or_else(|e| panic!("{e}"));
        files.push(p);
    }
    for f in &files {
        let a = read(f, None).await;
        assert_eq!(a.figures, reference.figures, "{}", f.display());
        assert_eq!(&a.layers.image, tag, "{}", f.display());
    }
    // The command's output carries the archive's name of the image, not the argument.
    let id: String = reference
        .layers
        .id
        .trim_start_matches("sha256:")
        .chars()
        .take(12)
        .collect();
    let out = std::process::Command::new(common::docktor_bin())
        .args(["layers", &id, "--format", "json", "--archive"])
        .arg(&files[0])
        .output()
        .unwrap_or_else(|e| panic!("run docktor: {e}"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(
        json["image"].as_str(),
        Some(tag.as_str()),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
