//! Tests of the `docktor files` output: the JSON shape with a streamed list, the text.
use super::*;
use crate::diagnose::{Facts, Part, Subject, evaluate, findings};
use crate::files::synthetic::{CLEAN_APP, runtime, walked};
use crate::profile::Profile;
use std::sync::Arc;

fn render(app: &str, user: &str, list: bool, json: bool) -> String {
    let r = Arc::new(runtime(user));
    let mut w = walked("/app", app);
    w.tree.insert(crate::files::Entry::new(
        b"caf\xe9",
        Kind::File,
        0o644,
        1001,
        1001,
        3,
    ));
    let w = Arc::new(w);
    let mut f = Facts::new(Subject::Container {
        id: "x".into(),
        name: "web".into(),
    });
    f.runtime_user = Part::Ready(r.clone());
    f.app_files = Part::Ready(w.clone());
    let outcomes = evaluate(&f, &Profile::default(), |r| r.id.starts_with("files."));
    let found = findings(&outcomes);
    let v = FilesView {
        target: "web",
        kind: "container",
        runtime: &r,
        walked: &w,
        outcomes: &outcomes,
        findings: &found,
        expectations: &[],
    };
    let mut out = Vec::new();
    if json {
        write_json(&mut out, &v, list)
    } else {
        write_text(&mut out, &v, list)
    }
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn json_has_the_documented_shape_and_a_streamed_list() {
    let out = render(CLEAN_APP, "app", true, true);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["path"], "/app");
    assert_eq!(v["user"]["name"], "app");
    assert_eq!(v["user"]["uid"], 1001);
    assert_eq!(v["user"]["gid"], 1001);
    assert_eq!(v["entries"], 20);
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(0));
    let list = v["list"].as_array().unwrap();
    assert_eq!(list.len(), 20);
    let media = list.iter().find(|e| e["path"] == "/app/media").unwrap();
    assert_eq!(
        (
            media["mode"].as_str(),
            media["user"].as_str(),
            media["access"].as_str()
        ),
        (Some("drwxr-xr-x"), Some("app"), Some("rwe"))
    );
    let latin = list.iter().find(|e| e["escaped"] == true).unwrap();
    assert_eq!(latin["path"], "/app/caf\\xe9");
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] != "fail")
    );
}

#[test]
fn text_names_the_user_and_the_findings() {
    let out = render(CLEAN_APP, "", false, false);
    assert!(out.starts_with("web: /app — 20 entries"), "{out}");
    assert!(out.contains("user: root (0:0) (USER (not set))"), "{out}");
    assert!(
        out.contains("error files.user-root  The container runs as root"),
        "{out}"
    );
    let listed = render(CLEAN_APP, "app", true, false);
    assert!(listed.contains("drwxr-xr-x app:app "), "{listed}");
    assert!(
        listed.contains("/app/.venv/bin/python → /usr/local/bin/python3"),
        "{listed}"
    );
    assert!(listed.ends_with("no findings\n"), "{listed}");
}
