//! The Files gatherer through docktor's own engine (inspect, the archive endpoint, helper
//! containers) on the real daemon: the same entries the docker CLI's stream gives, the same
//! findings through the local walk and the archive, an image read through a helper that is
//! removed afterwards, stopped and never-started containers, and the headless command's
//! exit codes and JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod files_kit;

use std::process::Command;

use docktor::diagnose::{Facts, Part, Subject, evaluate, findings};
use docktor::engine::Engine;
use docktor::files::engine_source::EngineSource;
use docktor::files::gather::{ViaChoice, collect};
use docktor::files::walk::Control;
use docktor::files::{Runtime, Walked};
use docktor::profile::Profile;

async fn setup() -> Option<Engine> {
    let e = common::engine().await?;
    files_kit::fixtures().then_some(e)
}

/// Gathers through `src` on a blocking thread, as the product does.
async fn gather(src: EngineSource, path: &str, via: ViaChoice) -> (EngineSource, Runtime, Walked) {
    let path = path.to_string();
    tokio::task::spawn_blocking(move || {
        let (r, w) = collect(&src, &path, via, &[], &Control::new(), &mut |_| {})
            .unwrap_or_else(|e| panic!("{e}"));
        (src, r, w)
    })
    .await
    .unwrap()
}

fn ids_of(r: Runtime, w: Walked) -> Vec<docktor::diagnose::Finding> {
    let mut f = Facts::new(Subject::Container {
        id: "x".into(),
        name: "x".into(),
    });
    f.runtime_user = Part::Ready(r.into());
    f.app_files = Part::Ready(w.into());
    findings(&evaluate(&f, &Profile::default(), |r| {
        r.id.starts_with("files.")
    }))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_engine_reads_what_the_cli_reads_and_the_rules_agree() {
    let Some(engine) = setup().await else { return };
    for name in [
        "dfx-files-clean",
        "dfx-files-perms",
        "dfx-files-stopped",
        "dfx-files-ghost",
        "dfx-files-odd",
        "dfx-files-scratch",
    ] {
        let (_, r, w) = gather(
            EngineSource::container(&engine, name),
            "/app",
            ViaChoice::Archive,
        )
        .await;
        assert_eq!(w.via, docktor::files::Via::Archive);
        let (_, cli) = files_kit::archive(name, "/app");
        assert_eq!(w.tree.len(), cli.len(), "{name}");
        for id in cli.ids() {
            let p = cli.raw_path(id);
            let mine = w
                .tree
                .find(&p)
                .unwrap_or_else(|| panic!("{name}: {}", cli.path_of(id)));
            let (a, b) = (cli.node(id), w.tree.node(mine));
            assert_eq!(
                (a.kind, a.perm, a.uid, a.gid, a.size, &a.link),
                (b.kind, b.perm, b.uid, b.gid, b.size, &b.link),
                "{name}: {}",
                cli.path_of(id)
            );
        }
        let by_engine = ids_of(r, w);
        let by_cli = files_kit::file_findings(name);
        assert_eq!(by_engine, by_cli, "{name}");
        let (_, r, w) = gather(
            EngineSource::container(&engine, name),
            "/app",
            ViaChoice::Auto,
        )
        .await;
        if w.via == docktor::files::Via::Local {
            assert_eq!(ids_of(r, w), by_cli, "{name}: local walk");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_image_is_read_through_a_helper_that_goes_away() {
    let Some(engine) = setup().await else { return };
    let image = common::docker_cli_ok(&["inspect", "-f", "{{.Config.Image}}", "dfx-files-leaky"]);
    let src = EngineSource::image(&engine, &image)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (src, r, w) = gather(src, "/app", ViaChoice::Archive).await;
    // This source's own helper (other tests may read images at the same time).
    let id = src
        .helper_id()
        .expect("an image's source has a helper")
        .to_string();
    let helper = || {
        common::docker_cli_ok(&[
            "ps",
            "-aq",
            "--no-trunc",
            "--filter",
            &format!("id={id}"),
            "--filter",
            "label=docktor.helper.for=files",
        ])
    };
    assert!(!helper().is_empty(), "a helper while reading");
    src.close().await;
    assert!(helper().is_empty(), "the helper is removed");
    assert_eq!(ids_of(r, w), files_kit::file_findings("dfx-files-leaky"));
    // An image asked for by ID (as the Images view does) is named as docker shows it.
    let id = common::docker_cli_ok(&["image", "inspect", "-f", "{{.Id}}", &image]);
    let (code, _, err) = docktor(&["files", &id, "--path", "/nope"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "/nope does not exist in image {}",
            docktor::model::short_id(&id)
        )),
        "{err}"
    );
}

fn docktor(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(common::docktor_bin())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn docktor_files_exit_codes_and_json() {
    let Some(_) = setup().await else { return };
    let (code, out, err) = docktor(&["files", "dfx-files-clean"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("no findings"), "{out}");
    let (code, out, _) = docktor(&["files", "dfx-files-perms", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            v["path"].as_str(),
            v["user"]["name"].as_str(),
            v["user"]["uid"].as_u64(),
            v["user"]["gid"].as_u64()
        ),
        (Some("/app"), Some("app"), Some(1001), Some(1001))
    );
    assert_eq!(v["entries"], 7);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "files.must-write")
    );
    // --fail-on: warnings alone do not fail at error, do at warn.
    // dfx-files-uid has warnings only (a numeric uid without a passwd line, the uid, the
    // accounts, the owners).
    let (code, _, _) = docktor(&["files", "dfx-files-uid"]);
    assert_eq!(code, 0);
    let (code, _, _) = docktor(&["files", "dfx-files-uid", "--fail-on", "warn"]);
    assert_eq!(code, 1);
    // Cannot run: a missing container, a missing path, a local walk that cannot be.
    let (code, _, err) = docktor(&["files", "dfx-files-nope"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no container or image named dfx-files-nope"),
        "{err}"
    );
    let (code, _, err) = docktor(&["files", "dfx-files-clean", "--path", "/nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nope does not exist"), "{err}");
    // --list: every entry, with the names from the container's /etc/passwd.
    let (code, out, _) = docktor(&[
        "files",
        "dfx-files-odd",
        "--list",
        "--format",
        "json",
        "--via",
        "archive",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v["list"].as_array().unwrap();
    assert_eq!(list.len() as u64, v["entries"].as_u64().unwrap());
    let huge = list.iter().find(|e| e["path"] == "/app/huge.txt").unwrap();
    assert_eq!(
        (huge["uid"].as_u64(), huge["user"].as_str()),
        (Some(3_000_000), Some("huge"))
    );
    assert!(
        list.iter()
            .any(|e| e["path"] == "/app/caf\\xe9.txt" && e["escaped"] == true)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_image_without_etc_passwd_at_all() {
    let Some(engine) = setup().await else { return };
    // FROM scratch, busybox as /sleep, no /etc at all, a numeric user.
    let tag = format!("dkt-files-nopasswd:{}", std::process::id());
    struct Guard(String);
    impl Drop for Guard {
        fn drop(&mut self) {
            let _ = common::docker_cli(&["rmi", "-f", &self.0]);
        }
    }
    let _guard = Guard(tag.clone());
    let ctx = tempfile::tempdir().unwrap();
    std::fs::copy("/bin/busybox", ctx.path().join("busybox")).unwrap();
    std::fs::create_dir(ctx.path().join("app")).unwrap();
    std::fs::write(ctx.path().join("app/data.txt"), "x").unwrap();
    std::fs::write(
        ctx.path().join("Dockerfile"),
        "FROM scratch\nCOPY busybox /sleep\nCOPY --chown=1001:1001 app /app\nUSER 1001\nCMD [\"/sleep\", \"1\"]\n",
    )
    .unwrap();
    let out = Command::new(common::docker_cli_path())
        .args(["build", "-q", "-t", &tag])
        .arg(ctx.path())
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let src = EngineSource::image(&engine, &tag)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (src, r, w) = gather(src, "/app", ViaChoice::Archive).await;
    src.close().await;
    assert_eq!(
        r.accounts.passwd,
        docktor::files::accounts::Presence::Missing
    );
    assert_eq!(r.accounts.user_name(1001), "1001", "numbers where unknown");
    let found = ids_of(r, w);
    let ids: Vec<&str> = found.iter().map(|f| f.id).collect();
    assert!(
        ids.contains(&"files.user-unknown"),
        "a uid without a passwd line: {ids:?}"
    );
    assert!(
        !ids.contains(&"files.accounts"),
        "no file is not a malformed file: {ids:?}"
    );
}
