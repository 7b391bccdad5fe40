//! BuildKit on the current engine (the root's docker CLI with buildx): a cache mount leaves
//! `exec.cachemount` and `regular` records in `/system/df`, in API 1.51's shape (parents under
//! `" Parents"`, no `BuilderSize`); the saved raw sample for parser tests keeps that shape.

use std::path::PathBuf;

use crate::common::{self, engines::current, kit};
use crate::{cleanup, context};

/// The saved `/system/df` answer of the current engine (raw), for unit tests of parsers;
/// `DOCKTOR_WRITE_SAMPLES=1` writes it anew.
fn df_sample_path() -> PathBuf {
    common::repo_root().join("tests/fixtures/df/system-df-1.51.json")
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn cache_mount_records_show_in_df_in_the_1_51_shape() {
    let Some(e) = kit::current_engine() else {
        return;
    };
    let id = std::process::id();
    let token = format!("dkt-kit-cache-{id}");
    let image = format!("dkt-kit-buildkit:{id}");
    let mut made = cleanup(&e);
    made.images.push(image.clone());
    let ctx = context(&format!(
        "FROM scratch\nCOPY busybox /bin/busybox\n\
         RUN --mount=type=cache,id={token},target=/cache [\"/bin/busybox\", \"sh\", \"-c\", \
         \"/bin/busybox echo {token} > /cache/stamp\"]\n"
    ));
    // The classic builder refuses `RUN --mount`: this passing is BuildKit (the root's buildx).
    let out = current::cli(&[
        "build",
        "--progress=plain",
        "-t",
        &image,
        &ctx.path().display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "BuildKit build on {} failed: {}",
        e.host(),
        String::from_utf8_lossy(&out.stderr)
    );

    let (status, _, body) = kit::raw_get(&e.socket, "/v1.51/system/df")
        .unwrap_or_else(|why| panic!("GET /v1.51/system/df: {why}"));
    assert_eq!(status, 200, "{body}");
    let df: serde_json::Value =
        serde_json::from_str(&body).unwrap_or_else(|err| panic!("df is JSON ({err}): {body}"));
    assert!(
        df.get("BuilderSize").is_none(),
        "1.51 has no BuilderSize: {:?}",
        keys(&df)
    );
    let records = df["BuildCache"].as_array().cloned().unwrap_or_default();
    let ours: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| {
            r["Description"]
                .as_str()
                .is_some_and(|d| d.contains(&token))
        })
        .collect();
    made.cache_ids = ours
        .iter()
        .filter_map(|r| r["ID"].as_str().map(str::to_string))
        .collect();
    let of_type = |t: &str| ours.iter().copied().find(|r| r["Type"] == t);
    let cache = of_type("exec.cachemount")
        .unwrap_or_else(|| panic!("an exec.cachemount record with id {token}: {records:#?}"));
    assert!(cache["Size"].as_i64().is_some_and(|s| s > 0), "{cache}");
    let regular =
        of_type("regular").unwrap_or_else(|| panic!("a regular record for the RUN: {records:#?}"));
    // 1.51 spells the parents key with a leading space; there is no "Parents" or "Parent".
    let parents = regular[" Parents"].as_array().cloned().unwrap_or_default();
    assert!(
        !parents.is_empty(),
        "\" Parents\" of the RUN's record: {regular}"
    );
    assert!(
        regular.get("Parents").is_none() && regular.get("Parent").is_none(),
        "{regular}"
    );
    assert!(
        parents
            .iter()
            .all(|p| records.iter().any(|r| r["ID"] == *p)),
        "its parents are records too: {parents:?}"
    );

    if std::env::var("DOCKTOR_WRITE_SAMPLES").is_ok_and(|v| v == "1") {
        // The daemon's own bytes: parsers are tested on what it really sends.
        std::fs::write(df_sample_path(), &body)
            .unwrap_or_else(|err| panic!("write {}: {err}", df_sample_path().display()));
    }
    assert_sample_has_the_live_shape(&df);
}

/// The saved sample still has every key the live answer has, per build-cache record type.
fn assert_sample_has_the_live_shape(live: &serde_json::Value) {
    let path = df_sample_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (DOCKTOR_WRITE_SAMPLES=1 writes it)",
            path.display()
        )
    });
    let sample: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        keys(&sample),
        keys(live),
        "top-level keys of {}",
        path.display()
    );
    let by_type = |v: &serde_json::Value, t: &str| -> Vec<String> {
        let mut all: Vec<String> = v["BuildCache"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["Type"] == t)
            .flat_map(keys)
            .collect();
        all.sort();
        all.dedup();
        all
    };
    for t in ["regular", "exec.cachemount", "source.local"] {
        let want = by_type(live, t);
        let have = by_type(&sample, t);
        assert!(
            want.iter().all(|k| have.contains(k)),
            "{t} records: live keys {want:?}, sample keys {have:?} ({})",
            path.display()
        );
    }
}
