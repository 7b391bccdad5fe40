//! Walking a container's files on the real daemon as it changes (tests/scripts/fixtures-files.sh):
//! the first entries come long before the end and a cancel stops the walk, a container
//! removed mid-walk leaves what was read, and the container's own whiteouts and opaque
//! folders read the same from the local overlay2 layers as from the archive stream.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod files_kit;

use common::gone::Gone;
use files_kit::{archive, comparable, layers, local};

#[tokio::test]
async fn the_first_entries_arrive_long_before_the_end_and_esc_cancels() {
    if !files_kit::ready().await {
        return;
    }
    use docktor::files::gather::{ViaChoice, prepare, walk};
    use std::time::Instant;
    let src = files_kit::CliSource {
        name: "dfx-files-big".into(),
    };
    let prep = prepare(&src, ViaChoice::Archive).unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    let mut first = None;
    let mut n = 0u64;
    let meta = walk(
        &src,
        &prep,
        "/app",
        &docktor::files::walk::Control::new(),
        &mut |_| {
            n += 1;
            if n == 200 {
                first = Some(start.elapsed());
            }
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let total = start.elapsed();
    assert_eq!((n, meta.incomplete), (100_101, None));
    let first = first.unwrap_or_else(|| panic!("no entries"));
    assert!(
        first * 5 < total,
        "the first screen after {first:?} of {total:?}"
    );
    // Esc: the walk stops within a few entries, keeping what it read.
    let ctl = docktor::files::walk::Control::new();
    let mut n = 0u64;
    let meta = walk(&src, &prep, "/app", &ctl.clone(), &mut |_| {
        n += 1;
        if n == 1000 {
            ctl.cancel();
        }
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(n < 1100, "{n}");
    assert!(
        meta.incomplete
            .as_deref()
            .is_some_and(|w| w.contains("cancelled")),
        "{meta:?}"
    );
}

#[tokio::test]
async fn a_container_removed_mid_walk_leaves_what_was_read() {
    if !files_kit::ready().await {
        return;
    }
    use docktor::files::gather::{ViaChoice, prepare, walk};
    let image = common::docker_cli_ok(&["inspect", "-f", "{{.Image}}", "dfx-files-big"]);
    let name = format!("dkt-files-gone-{}", std::process::id());
    let _guard = Gone::one(name.clone());
    common::docker_cli_ok(&["run", "-d", "--name", &name, &image]);
    let src = files_kit::CliSource { name: name.clone() };
    let prep = prepare(&src, ViaChoice::Archive).unwrap_or_else(|e| panic!("{e}"));
    let mut n = 0u64;
    let mut remover = None;
    let r = walk(
        &src,
        &prep,
        "/app",
        &docktor::files::walk::Control::new(),
        &mut |_| {
            n += 1;
            if n == 500 {
                // The engine holds the removal until the archive is read (20.10): remove it
                // beside the walk, not in its way.
                let name = name.clone();
                remover = Some(std::thread::spawn(move || {
                    common::docker_cli(&["rm", "-f", &name])
                }));
            }
        },
    );
    let meta = r
        .unwrap_or_else(|e| panic!("an error after entries is a partial walk, not a failure: {e}"));
    if n < 100_101 {
        let why = meta
            .incomplete
            .unwrap_or_else(|| panic!("{n} entries and no word on why"));
        assert!(why.contains("entries"), "{why}");
    }
    if let Some(r) = remover {
        let _ = r.join();
    }
    // Gone now: the next step says which container, not a panic.
    let e = prepare(&src, ViaChoice::Archive).expect_err("the container is gone");
    assert!(e.to_string().contains(&name), "{e}");
}

#[tokio::test]
async fn whiteouts_and_opaque_folders_of_the_container_itself() {
    if !files_kit::ready().await {
        return;
    }
    let layers_ok = layers("dfx-files-odd");
    if let Err(why) = layers_ok {
        assert!(
            !common::is_root(),
            "as root the local walk must work: {why}"
        );
        common::skip::skip(format!("local walk unavailable: {why}"));
        return;
    }
    let image = common::docker_cli_ok(&["inspect", "-f", "{{.Image}}", "dfx-files-odd"]);
    let name = format!("dkt-files-upper-{}", std::process::id());
    let _guard = Gone::one(name.clone());
    common::docker_cli_ok(&["run", "-d", "--user", "0", "--name", &name, &image]);
    // Changes in the container's own layer: a whiteout over an image file, a folder of the
    // image replaced whole (opaque), new files, a hard link broken by a copy-up.
    common::docker_cli_ok(&[
        "exec",
        &name,
        "sh",
        "-c",
        "rm /app/huge.txt && rm -rf /app/deep && mkdir /app/deep && echo fresh > /app/deep/only && echo more >> /app/second && echo n > /app/new.txt",
    ]);
    for stopped in [false, true] {
        if stopped {
            common::docker_cli_ok(&["stop", "-t", "1", &name]);
        }
        let l = layers(&name).unwrap_or_else(|e| panic!("{e}"));
        let (a, _) = archive(&name, "/app");
        let (loc, _) = local(&name, "/app", &l);
        let (a, loc) = (comparable(a), comparable(loc));
        let paths: Vec<String> = loc
            .iter()
            .map(|e| String::from_utf8_lossy(&e.path).into_owned())
            .collect();
        assert!(
            !paths
                .iter()
                .any(|p| p == "huge.txt" || p.starts_with("deep/n")),
            "{paths:?}"
        );
        assert!(paths.iter().any(|p| p == "deep/only") && paths.iter().any(|p| p == "new.txt"));
        assert_eq!(a, loc, "stopped: {stopped}");
    }
}
