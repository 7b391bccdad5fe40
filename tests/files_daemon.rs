//! The Files fixtures on the real daemon (tests/scripts/fixtures-files.sh): the clean one
//! gives no finding, each mistake gives its rules, a scratch image without a shell, a
//! stopped and a never-started container are read without exec, awkward tar entries come
//! through, and the local overlay2 walk gives the same entries as the archive stream.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod files_kit;

use files_kit::{archive, comparable, file_findings, ids, layers, local};

#[tokio::test]
async fn the_clean_app_gives_no_finding() {
    if !files_kit::ready().await {
        return;
    }
    let f = file_findings("dfx-files-clean");
    assert!(f.is_empty(), "{f:#?}");
}

#[tokio::test]
async fn each_mistake_gives_its_rules() {
    if !files_kit::ready().await {
        return;
    }
    let cases: [(&str, &[&str]); 6] = [
        (
            "dfx-files-root",
            &["files.owner", "files.user-root", "files.venv"],
        ),
        (
            "dfx-files-perms",
            &[
                "files.must-write",
                "files.owner",
                "files.setuid",
                "files.start-script",
                "files.unreadable",
                "files.world-writable",
            ],
        ),
        (
            "dfx-files-stopped",
            &[
                "files.must-write",
                "files.owner",
                "files.setuid",
                "files.start-script",
                "files.unreadable",
                "files.world-writable",
            ],
        ),
        (
            "dfx-files-ghost",
            &["files.owner", "files.user-unknown", "files.venv"],
        ),
        (
            "dfx-files-uid",
            &[
                "files.accounts",
                "files.owner",
                "files.user-uid",
                "files.user-unknown",
                "files.venv",
            ],
        ),
        (
            "dfx-files-leaky",
            &[
                "files.clutter",
                "files.editable-install",
                "files.no-bytecode",
                "files.secrets",
            ],
        ),
    ];
    for (name, want) in cases {
        let f = file_findings(name);
        assert_eq!(ids(&f), want.to_vec(), "{name}: {f:#?}");
    }
}

#[tokio::test]
async fn findings_name_paths_and_fixes() {
    if !files_kit::ready().await {
        return;
    }
    let f = file_findings("dfx-files-perms");
    let by = |id: &str| f.iter().filter(|x| x.id == id).cloned().collect::<Vec<_>>();
    let write = by("files.must-write");
    let paths: Vec<&str> = write
        .iter()
        .flat_map(|w| w.paths.iter().map(String::as_str))
        .collect();
    assert_eq!(paths, vec!["/app/media", "/app/logs"], "{write:#?}");
    assert!(
        write[0].evidence.contains("drwxr-xr-x root:root"),
        "{}",
        write[0].evidence
    );
    assert!(
        write[0].fix.contains("install -d -o app -g app /app/media"),
        "{}",
        write[0].fix
    );
    let unreadable = &by("files.unreadable")[0];
    assert_eq!(unreadable.paths, vec!["/app/secret.conf"]);
    assert!(
        by("files.start-script")[0]
            .evidence
            .contains("-rw-r--r-- app:app")
    );
    assert_eq!(by("files.setuid")[0].paths, vec!["/app/tool"]);
    assert_eq!(by("files.world-writable")[0].paths, vec!["/app/shared.txt"]);
    let leaky = file_findings("dfx-files-leaky");
    let secrets = leaky
        .iter()
        .find(|x| x.id == "files.secrets")
        .unwrap_or_else(|| panic!("{leaky:#?}"));
    for p in [
        "/app/.env",
        "/app/id_rsa",
        "/app/credentials.json",
        "/app/db.sqlite3",
    ] {
        assert!(secrets.paths.iter().any(|x| x == p), "{p}: {secrets:#?}");
    }
    assert!(!secrets.paths.iter().any(|x| x == "/app/.env.example"));
    let clutter: Vec<&str> = leaky
        .iter()
        .filter(|x| x.id == "files.clutter")
        .map(|x| x.title.as_str())
        .collect();
    assert!(
        clutter
            .iter()
            .any(|t| t.contains("Mac") || t.contains("developer's machine")),
        "{clutter:?}"
    );
    let editable = leaky
        .iter()
        .find(|x| x.id == "files.editable-install")
        .unwrap_or_else(|| panic!("editable"));
    assert!(
        editable.evidence.contains("/Users/me/jaaybaan/src"),
        "{}",
        editable.evidence
    );
}

#[tokio::test]
async fn a_scratch_image_without_a_shell_is_read() {
    if !files_kit::ready().await {
        return;
    }
    let rt = files_kit::runtime("dfx-files-scratch");
    assert_eq!(rt.user.name.as_deref(), Some("app"));
    let (entries, tree) = archive("dfx-files-scratch", "/app");
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(
        tree.find(b"/app/hello.txt").map(|id| tree.node(id).uid),
        Some(1001)
    );
    assert_eq!(tree.node(0).uid, 1001);
    assert!(file_findings("dfx-files-scratch").is_empty());
}

#[tokio::test]
async fn awkward_entries_come_through_the_archive() {
    if !files_kit::ready().await {
        return;
    }
    let (_, t) = archive("dfx-files-odd", "/app");
    let rt = files_kit::runtime("dfx-files-odd");
    let find = |p: &[u8]| {
        t.find(p)
            .map(|id| t.node(id).clone())
            .unwrap_or_else(|| panic!("{}", String::from_utf8_lossy(p)))
    };
    assert_eq!(
        t.path_of(t.find(b"/app/caf\xe9.txt").unwrap_or(0)),
        "/app/caf\\xe9.txt"
    );
    find(b"/app/\xff\xfe");
    let long = "n".repeat(150);
    find(format!("/app/deep/{long}/{long}/f.txt").as_bytes());
    let links: Vec<_> = [b"/app/first".as_slice(), b"/app/second"]
        .iter()
        .map(|p| find(p))
        .collect();
    for l in &links {
        assert_eq!(l.kind, docktor::files::Kind::Hardlink);
        assert_eq!(l.link.as_deref(), Some(b"deep/third".as_slice()));
    }
    assert_eq!(find(b"/app/null").device, Some((1, 3)));
    assert_eq!(
        find(b"/app/loopdev").kind,
        docktor::files::Kind::BlockDevice
    );
    assert_eq!(find(b"/app/pipe").kind, docktor::files::Kind::Fifo);
    assert_eq!(
        find(b"/app/loop1").link.as_deref(),
        Some(b"loop2".as_slice())
    );
    let huge = find(b"/app/huge.txt");
    assert_eq!(huge.uid, 3_000_000);
    assert_eq!(rt.accounts.user_name(huge.uid), "huge");
    assert_eq!(find(b"/app/closed").perm, 0);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
}

#[tokio::test]
async fn the_local_walk_equals_the_archive() {
    if !files_kit::ready().await {
        return;
    }
    for name in [
        "dfx-files-clean",
        "dfx-files-odd",
        "dfx-files-stopped",
        "dfx-files-leaky",
        "dfx-files-scratch",
    ] {
        let layers = match layers(name) {
            Ok(l) => l,
            Err(why) => {
                common::skip::skip(format!("local walk unavailable: {why}"));
                return;
            }
        };
        for path in ["/app", "/etc", "/"] {
            let (a, _) = archive(name, path);
            let (l, walk) = local(name, path, &layers);
            assert!(walk.missing_mounts.is_empty(), "{name}");
            let (a, l) = (comparable(a), comparable(l));
            assert_eq!(
                a.len(),
                l.len(),
                "{name}:{path}: {} vs {} entries",
                a.len(),
                l.len()
            );
            for (x, y) in a.iter().zip(&l) {
                assert_eq!(x, y, "{name}:{path}");
            }
        }
    }
}

#[tokio::test]
async fn the_local_walk_gives_the_same_findings() {
    if !files_kit::ready().await {
        return;
    }
    if let Err(why) = layers("dfx-files-clean") {
        common::skip::skip(format!("local walk unavailable: {why}"));
        return;
    }
    use docktor::diagnose::{evaluate, findings};
    use docktor::files::gather::ViaChoice;
    let p = docktor::profile::Profile::default();
    for name in [
        "dfx-files-clean",
        "dfx-files-perms",
        "dfx-files-stopped",
        "dfx-files-leaky",
        "dfx-files-odd",
        "dfx-files-ghost",
    ] {
        let run = |via| {
            let (f, _, w) = files_kit::gathered(name, "/app", via, &p);
            (
                findings(&evaluate(&f, &p, |r| r.id.starts_with("files."))),
                w,
            )
        };
        let (local, lw) = run(ViaChoice::Auto);
        let (archive, aw) = run(ViaChoice::Archive);
        assert_eq!(lw.via, docktor::files::Via::Local, "{name}");
        assert_eq!(aw.via, docktor::files::Via::Archive, "{name}");
        assert_eq!(local, archive, "{name}");
        assert_eq!(lw.tree.len(), aw.tree.len(), "{name}");
    }
}

#[tokio::test]
async fn a_missing_path_says_so() {
    if !files_kit::ready().await {
        return;
    }
    use docktor::files::gather::{ViaChoice, prepare, walk};
    let src = files_kit::CliSource {
        name: "dfx-files-clean".into(),
    };
    for via in [ViaChoice::Archive, ViaChoice::Auto] {
        let prep = prepare(&src, via).unwrap_or_else(|e| panic!("{e}"));
        let e = walk(
            &src,
            &prep,
            "/nope",
            &docktor::files::walk::Control::new(),
            &mut |_| {},
        )
        .expect_err("no such path");
        assert!(
            matches!(e, docktor::files::FilesError::NoSuchPath { .. }),
            "{e}"
        );
        assert!(e.to_string().contains("/nope does not exist"), "{e}");
    }
    // As a user runs it, both ways name what they asked for.
    for via in ["archive", "local"] {
        let out = std::process::Command::new(common::docktor_bin())
            .args(["files", "dfx-files-clean", "--path", "/nope", "--via", via])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("/nope does not exist in dfx-files-clean"),
            "--via {via}: {err}"
        );
    }
}
