//! Advice rules on small hand-made images (archives built in the test): each rule fires on
//! the mistake it names, with evidence, and stays quiet on a clean image.

use docktor::layers::{Control, ImageAnalysis, advise, analyze_archive};
use docktor::profile::Profile;
use sha2::{Digest, Sha256};
use std::io::Write;

fn layer(files: &[(&str, usize)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (path, size) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(*size as u64);
        h.set_mode(0o644);
        b.append_data(&mut h, path, &vec![b'x'; *size][..]).ok();
    }
    b.into_inner().unwrap_or_default()
}

fn add(b: &mut tar::Builder<Vec<u8>>, path: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    b.append_data(&mut h, path, data).ok();
}

/// An image from (instruction, files) steps and an environment.
async fn image(steps: &[(&str, Vec<(&str, usize)>)], env: &[&str]) -> ImageAnalysis {
    let layers: Vec<Vec<u8>> = steps.iter().map(|(_, f)| layer(f)).collect();
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{:x}", Sha256::digest(l)))
        .collect();
    let history: Vec<_> = steps
        .iter()
        .map(|(c, _)| serde_json::json!({"created_by": c}))
        .collect();
    let cfg = serde_json::to_vec(&serde_json::json!({"rootfs": {"diff_ids": diff_ids}, "history": history, "config": {"Env": env}})).unwrap_or_default();
    let names: Vec<String> = (0..layers.len())
        .map(|i| format!("l{i}/layer.tar"))
        .collect();
    let mut b = tar::Builder::new(Vec::new());
    for (n, l) in names.iter().zip(&layers) {
        add(&mut b, n, l);
    }
    add(&mut b, "c.json", &cfg);
    add(
        &mut b,
        "manifest.json",
        &serde_json::to_vec(
            &serde_json::json!([{"Config": "c.json", "RepoTags": ["t:1"], "Layers": names}]),
        )
        .unwrap_or_default(),
    );
    let mut f = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
    f.write_all(&b.into_inner().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    analyze_archive(f.path(), None, &Control::new())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

fn ids(a: &ImageAnalysis, p: &Profile) -> Vec<&'static str> {
    advise(a, p).iter().map(|f| f.id).collect()
}

#[tokio::test]
async fn clean_image_gets_no_advice() {
    let a = image(
        &[
            (
                "COPY pyproject.toml uv.lock /app/ # buildkit",
                vec![("app/pyproject.toml", 100), ("app/uv.lock", 100)],
            ),
            (
                "RUN /bin/sh -c uv sync --locked --no-install-project # buildkit",
                vec![
                    (
                        "app/.venv/lib/python3.13/site-packages/django/__init__.py",
                        1000,
                    ),
                    (
                        "app/.venv/lib/python3.13/site-packages/django/__init__.pyc",
                        900,
                    ),
                ],
            ),
            ("COPY . /app # buildkit", vec![("app/main.py", 500)]),
        ],
        &["UV_COMPILE_BYTECODE=1"],
    )
    .await;
    assert_eq!(ids(&a, &Profile::default()), Vec::<&str>::new());
}

#[tokio::test]
async fn each_mistake_is_named_with_evidence() {
    let app_files: Vec<String> = (0..120).map(|i| format!("app/src/m{i}.py")).collect();
    let mut copy: Vec<(&str, usize)> = app_files.iter().map(|p| (p.as_str(), 10_000)).collect();
    copy.push(("app/.env", 20));
    copy.push(("app/.git/HEAD", 30));
    let a = image(
        &[
            (
                "/bin/sh -c apt-get update && apt-get install -y build-essential",
                vec![
                    ("usr/bin/gcc", 5000),
                    ("usr/include/stdio.h", 300),
                    ("var/lib/apt/lists/deb_Packages", 200_000),
                ],
            ),
            ("/bin/sh -c #(nop) COPY dir:abc in /app ", copy.clone()),
            (
                "/bin/sh -c pip install -r requirements-dev.txt",
                vec![
                    (
                        "usr/local/lib/python3.13/site-packages/pytest/__init__.py",
                        4000,
                    ),
                    ("root/.cache/pip/http/x", 100_000),
                ],
            ),
            ("/bin/sh -c chown -R 1001:1001 /app", copy),
        ],
        &["UV_COMPILE_BYTECODE=1"],
    )
    .await;
    let profile = Profile {
        size_budget_bytes: 1_000_000,
        ..Profile::default()
    };
    let findings = advise(&a, &profile);
    let got: Vec<&str> = findings.iter().map(|f| f.id).collect();
    for want in [
        "layers.build-tools",
        "layers.dev-dependencies",
        "layers.package-cache",
        "layers.no-bytecode",
        "layers.env-file",
        "layers.git-dir",
        "layers.source-before-deps",
        "layers.chown-copy",
        "layers.size-budget",
        "layers.wasted",
    ] {
        assert!(got.contains(&want), "{want} missing from {got:?}");
    }
    let by = |id: &str| {
        findings
            .iter()
            .find(|f| f.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        by("layers.source-before-deps").section,
        "Dependency Layer Separation"
    );
    assert!(by("layers.source-before-deps").evidence.contains("layer 1"));
    assert!(by("layers.build-tools").evidence.contains("/usr/bin/gcc"));
    assert!(
        by("layers.package-cache")
            .evidence
            .contains("/var/lib/apt/lists/ in layer 0")
    );
    assert!(by("layers.chown-copy").evidence.contains("layer 3"));
    assert_eq!(
        by("layers.env-file").severity,
        docktor::diagnose::Severity::Error
    );
    assert_eq!(
        findings[0].severity,
        docktor::diagnose::Severity::Error,
        "most severe first"
    );
    assert!(
        findings
            .iter()
            .all(|f| !f.title.is_empty() && !f.evidence.is_empty() && !f.fix.is_empty())
    );
}
