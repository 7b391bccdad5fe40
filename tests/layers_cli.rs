//! `docktor layers IMAGE` through the binary, on every engine of the kit: exit 0 with the
//! report, 1 when a gate fails (the report still printed), 2 when it cannot run (missing
//! image, `--via local` where the layer directories cannot be read, a bad flag); `--via`
//! picks the source and `auto` falls back to the export, saying why; progress goes to stderr
//! only when stderr is a terminal. Each test builds its own image, removed when it ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

use common::built::{self, BuiltImage};
use common::kit::{KitEngine, for_each_engine};

/// A rewritten 20 kB file (20 kB wasted) and a deleted one (5 kB wasted).
const DOCKERFILE: &str = r#"FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir /data && head -c 20000 /dev/urandom > /data/big && head -c 5000 /dev/urandom > /data/gone
RUN head -c 20000 /dev/urandom > /data/big && rm /data/gone
"#;

fn image(e: &KitEngine, test: &str) -> BuiltImage {
    BuiltImage::build(
        e,
        &format!("{}:1", built::name("layerscli", test, e)),
        DOCKERFILE,
    )
}

/// `docktor -H <engine> layers ARGS…`, stdout and stderr pipes.
fn layers(e: &KitEngine, args: &[&str]) -> Output {
    Command::new(common::docktor_bin())
        .args(["-H", &e.host(), "layers"])
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run docktor")
}

fn json(o: &Output) -> serde_json::Value {
    let out = String::from_utf8_lossy(&o.stdout);
    serde_json::from_str(&out).unwrap_or_else(|err| {
        panic!(
            "JSON ({err}): {out}\nstderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test]
async fn exit_codes_0_1_2_and_the_report() {
    for_each_engine(async |e| {
        let img = image(e, "codes");
        let tag = img.tag.as_str();
        let ok = layers(e, &[tag, "--via", "export", "--format", "json"]);
        assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
        let v = json(&ok);
        assert_eq!(v["image"], tag);
        assert_eq!(v["id"], img.id());
        assert_eq!(v["source"], "export");
        assert_eq!(v["wasted_bytes"], 25_000, "{v}");
        let files: Vec<&str> = v["inefficient_files"]
            .as_array()
            .expect("inefficient_files[]")
            .iter()
            .filter_map(|f| f["path"].as_str())
            .collect();
        assert_eq!(files, ["/data/big", "/data/gone"], "{v}");
        assert!(
            stderr(&ok).is_empty(),
            "no progress into a pipe: {:?}",
            stderr(&ok)
        );

        // A failed gate: exit 1, and the report (with the gate) is still printed.
        for (gate, name) in [
            (&["--max-wasted", "10kB"][..], "max-wasted"),
            (&["--min-efficiency", "0.99"][..], "min-efficiency"),
        ] {
            let mut args = vec![tag, "--via", "export", "--format", "json"];
            args.extend_from_slice(gate);
            let o = layers(e, &args);
            assert_eq!(o.status.code(), Some(1), "{gate:?}: {}", stderr(&o));
            let v = json(&o);
            assert_eq!(v["gates"][0]["name"], name, "{gate:?}: {v}");
            assert_eq!(v["gates"][0]["passed"], false, "{gate:?}: {v}");
            assert_eq!(v["wasted_bytes"], 25_000, "the report is still whole");
        }
        let passing = layers(e, &[tag, "--via", "export", "--max-wasted", "1MB"]);
        assert_eq!(passing.status.code(), Some(0), "{}", stderr(&passing));
        let text = String::from_utf8_lossy(&passing.stdout);
        assert!(
            text.contains("read from the image export") && text.contains("/data/big"),
            "{text}"
        );

        // Cannot run: exit 2, saying which image and what to do; never a panic.
        let missing = layers(e, &["docktor-no-such-image:404"]);
        assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
        let err = stderr(&missing);
        assert!(
            err.contains("docktor-no-such-image:404") && err.contains("docker images"),
            "{err}"
        );
        let bad = layers(e, &[tag, "--via", "ftp"]);
        assert_eq!(bad.status.code(), Some(2));
        assert!(stderr(&bad).contains("--via"), "{}", stderr(&bad));
        for o in [&missing, &bad] {
            assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
        }
    })
    .await;
}

#[tokio::test]
async fn via_picks_the_source_and_auto_falls_back_to_the_export() {
    for_each_engine(async |e| {
        let img = image(e, "via");
        let tag = img.tag.as_str();
        let export = json(&layers(e, &[tag, "--via", "export", "--format", "json"]));
        let auto = layers(e, &[tag, "--via", "auto", "--format", "json"]);
        assert_eq!(auto.status.code(), Some(0), "{}", stderr(&auto));
        let auto = json(&auto);
        let local = layers(e, &[tag, "--via", "local", "--format", "json"]);
        // The layer directories are readable only for the shared engine (this machine's
        // /var/lib/docker), with overlay2, and only by root.
        if e.local_walk().is_ok() {
            assert_eq!(local.status.code(), Some(0), "{}", stderr(&local));
            let local = json(&local);
            assert_eq!(local["source"], "local");
            assert_eq!(auto["source"], "local", "auto takes the local walk");
            assert_eq!(auto["fallback_reason"], serde_json::Value::Null);
            for k in ["efficiency", "wasted_bytes", "inefficient_files", "layers"] {
                assert_eq!(local[k], export[k], "{k}: local vs export");
            }
        } else {
            assert_eq!(local.status.code(), Some(2), "{}", stderr(&local));
            let err = stderr(&local);
            assert!(err.contains(tag) && !err.contains("panicked"), "{err}");
            assert_eq!(auto["source"], "export", "auto falls back to the export");
            let why = auto["fallback_reason"].as_str().unwrap_or_default();
            assert!(!why.is_empty(), "the reason: {auto}");
            if e.name == "current" {
                assert!(
                    why.contains("/var/lib/docker/overlay2/"),
                    "the reason: {auto}"
                );
            }
            assert_eq!(auto["wasted_bytes"], export["wasted_bytes"]);
            let text = layers(e, &[tag, "--via", "auto"]);
            let text = String::from_utf8_lossy(&text.stdout);
            assert!(text.contains("(local read not possible: "), "{text}");
        }
    })
    .await;
}

#[test]
fn progress_only_on_a_terminal() {
    let Some(e) = common::kit::shared_engine() else {
        return;
    };
    let img = image(&e, "progress");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.json");
    // `script` gives docktor a terminal for stderr; stdout goes to a file.
    let cmd = format!(
        "{} -H {} layers {} --via export --format json > {}",
        common::docktor_bin().display(),
        e.host(),
        img.tag,
        out.display()
    );
    let o = Command::new("script")
        .args(["-qefc", &cmd, "/dev/null"])
        .output()
        .expect("run script (util-linux)");
    let terminal = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{terminal}");
    assert!(
        terminal.contains("\r\x1b[K") && terminal.contains(" entries"),
        "a progress line rewritten in place: {terminal:?}"
    );
    assert!(
        terminal.ends_with("\r\x1b[K") || terminal.ends_with("\r\x1b[K\r\n"),
        "the line is cleared at the end: {terminal:?}"
    );
    let report = std::fs::read_to_string(&out).expect("the report");
    assert!(
        !report.contains('\x1b') && report.trim_start().starts_with('{'),
        "stdout has the report only: {report}"
    );
}
