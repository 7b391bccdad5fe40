//! `docktor demo`'s errors: a bad scale, a missing busybox, and a build that fails on the real
//! daemon, each worded with its cause (the failing build names the image and the step).
//!
//! Skips (printing `skipped: no Docker daemon`) when no daemon answers, unless
//! `DOCKTOR_REQUIRE_DOCKER=1`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use docktor::demo::{self, DemoError, DemoOptions};

#[tokio::test]
async fn demo_errors_name_the_cause() {
    let Some(docker) = common::engine().await else {
        return;
    };
    let bad_scale = DemoOptions {
        scale_mb: 0,
        ..DemoOptions::default()
    };
    let err = demo::run_demo(&docker, &bad_scale, |_| {})
        .await
        .expect_err("scale 0");
    assert!(matches!(err, DemoError::InvalidScale(0)), "{err}");

    let missing = DemoOptions {
        busybox: "/nonexistent/busybox".into(),
        ..DemoOptions {
            scale_mb: 1,
            ..DemoOptions::default()
        }
    };
    let err = demo::run_demo(&docker, &missing, |_| {})
        .await
        .expect_err("no busybox");
    assert!(err.to_string().contains("install busybox-static"), "{err}");

    // An ELF header with no program: the base build fails when it first runs busybox.
    // The classic builder keeps the step it committed before the failure as a dangling image
    // (FROM scratch's first step is never found in its cache): the guard removes it.
    let _partial = PartialBase;
    let dir = tempfile::tempdir().expect("tempdir");
    let fake = dir.path().join("busybox");
    let mut elf = vec![0u8; 64];
    elf[..7].copy_from_slice(b"\x7fELF\x02\x01\x01");
    std::fs::write(&fake, &elf).expect("write");
    let broken = DemoOptions {
        busybox: fake,
        ..DemoOptions {
            scale_mb: 1,
            ..DemoOptions::default()
        }
    };
    let err = demo::run_demo(&docker, &broken, |_| {})
        .await
        .expect_err("broken busybox");
    let text = err.to_string();
    eprintln!("build error: {text}");
    match err {
        DemoError::Build {
            image,
            step,
            instruction,
            ..
        } => {
            assert!(image.starts_with("docktor-demo/base:"), "{text}");
            assert!(
                matches!(step, Some((n, total)) if n > 1 && n <= total),
                "{text}"
            );
            assert!(
                instruction.unwrap_or_default().contains("--install"),
                "{text}"
            );
        }
        other => panic!("expected a build error, got {other}"),
    }
}

/// Removes, on drop, the dangling images a failed base build leaves: one layer that holds
/// only the 64-byte fake busybox.
struct PartialBase;

impl Drop for PartialBase {
    fn drop(&mut self) {
        let out = common::docker_cli(&["images", "-q", "--no-trunc", "-f", "dangling=true"]);
        for id in String::from_utf8_lossy(&out.stdout).split_whitespace() {
            let size = common::docker_cli(&["image", "inspect", "-f", "{{.Size}}", id]);
            let history = common::docker_cli(&[
                "history",
                "-q",
                "--no-trunc",
                "--format",
                "{{.CreatedBy}}",
                id,
            ]);
            let fake = String::from_utf8_lossy(&size.stdout).trim() == "64"
                && String::from_utf8_lossy(&history.stdout).contains("in /bin/busybox");
            if fake {
                let _ = common::docker_cli(&["rmi", id]);
            }
        }
    }
}
