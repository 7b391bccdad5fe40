//! Tests of what the files rules look for, on synthetic trees.

use super::excluded::{Category, excluded};
use super::owners::{foreign_owned, world_writable};
use super::perms::{WriteProblem, must_write, not_executable, unreadable};
use super::python::{editables, host_venv, python_tag, venv_dir};
use super::{Audit, spots};
use crate::files::mounts::{Mount, MountKind};
use crate::files::synthetic::{CLEAN_APP, GROUP, PASSWD, runtime, runtime_with, walked};
use crate::files::{Runtime, Walked};

fn with<T>(app: &str, r: &Runtime, f: impl FnOnce(&Audit) -> T) -> T {
    let w: Walked = walked("/app", app);
    let a = Audit::new(&w, r);
    f(&a)
}

#[test]
fn a_wholly_foreign_folder_is_one_spot() {
    let app = "d 755 1001:1001 .\nd 755 0:0 src\nf 644 0:0 src/a.py\nf 644 0:0 src/b.py\nd 755 0:0 mixed\nf 644 1001:1001 mixed/ok\nf 644 0:0 mixed/bad\n";
    let r = runtime("app");
    with(app, &r, |a| {
        let s = foreign_owned(a, 1001, &[]);
        let paths: Vec<(String, u32)> = s.iter().map(|s| (a.tree.path_of(s.id), s.below)).collect();
        assert_eq!(
            paths,
            vec![
                ("/app/src".into(), 2),
                ("/app/mixed".into(), 0),
                ("/app/mixed/bad".into(), 0)
            ]
        );
        assert!(foreign_owned(a, 1001, &["src".into(), "mixed".into()]).is_empty());
        assert!(spots(a.tree, |_| false, |_| false).is_empty());
    });
}

#[test]
fn must_write_folders_missing_blocked_read_only_and_tmpfs() {
    let r = runtime("app");
    // Missing but creatable (the app owns /app): fine; missing under a root-owned parent: not.
    with("d 755 1001:1001 .\n", &r, |a| {
        assert!(must_write(a, &["media".into()]).0.is_empty())
    });
    with("d 755 0:0 .\n", &r, |a| {
        let (p, n) = must_write(a, &["media".into(), "/elsewhere".into()]);
        assert_eq!(n, 1, "a folder outside the tree is not checked");
        assert!(
            matches!(p[0].problem, WriteProblem::Missing { parent: Some(0) }),
            "{p:?}"
        );
    });
    // Writable itself, but the way there is closed.
    with("d 700 0:0 .\nd 777 1001:1001 media\n", &r, |a| {
        let (p, _) = must_write(a, &["media".into()]);
        assert!(
            matches!(
                p[0].problem,
                WriteProblem::NotWritable {
                    blocked_by: Some(0),
                    ..
                }
            ),
            "{p:?}"
        );
    });
    // A read-only bind mount.
    let ro = Mount {
        kind: MountKind::Bind,
        source: "/srv/static".into(),
        destination: "/app/static".into(),
        rw: false,
        host_path: None,
        tmpfs: None,
    };
    let r2 = runtime_with("app", Some(PASSWD), Some(GROUP), vec![ro]);
    let mut w = walked("/app", "d 755 1001:1001 .\nd 777 1001:1001 static\n");
    crate::files::mounts::mark(&mut w.tree, &r2.mounts);
    let a = Audit::new(&w, &r2);
    let (p, _) = must_write(&a, &["static".into()]);
    assert!(
        matches!(
            p[0].problem,
            WriteProblem::NotWritable {
                read_only: true,
                ..
            }
        ),
        "{p:?}"
    );
    // A tmpfs is 1777 root unless its options say otherwise: writable, whatever is under it.
    let r3 = runtime_with(
        "app",
        Some(PASSWD),
        Some(GROUP),
        vec![Mount::tmpfs("/app/logs", "rw,noexec")],
    );
    let mut w = walked("/app", "d 755 1001:1001 .\nd 755 0:0 logs\n");
    crate::files::mounts::mark(&mut w.tree, &r3.mounts);
    assert!(
        must_write(&Audit::new(&w, &r3), &["logs".into()])
            .0
            .is_empty()
    );
    let r4 = runtime_with(
        "app",
        Some(PASSWD),
        Some(GROUP),
        vec![Mount::tmpfs("/app/logs", "mode=0755")],
    );
    assert_eq!(
        must_write(&Audit::new(&w, &r4), &["logs".into()]).0.len(),
        1
    );
}

#[test]
fn unreadable_folders_hide_what_is_below() {
    let r = runtime("app");
    let app = "d 755 1001:1001 .\nd 700 0:0 secret\nf 644 0:0 secret/a\nf 644 0:0 secret/b\nf 600 0:0 key\nf 644 0:0 ok\nl 777 0:0 link -> secret/a\n";
    with(app, &r, |a| {
        let s = unreadable(a);
        let paths: Vec<String> = s.iter().map(|s| a.tree.path_of(s.id)).collect();
        assert_eq!(paths, vec!["/app/secret", "/app/key"]);
        assert_eq!(s[0].below, 2);
    });
    // Root reads everything.
    with(app, &runtime(""), |a| assert!(unreadable(a).is_empty()));
}

#[test]
fn scripts_and_the_command() {
    let mut r = runtime("app");
    r.command = vec!["/app/run.sh".into()];
    with("d 755 1001:1001 .\nf 644 1001:1001 start.sh\n", &r, |a| {
        let (bad, checked) = not_executable(a, &["start.sh".into()]);
        assert_eq!(checked, 1);
        let paths: Vec<(&str, bool)> = bad
            .iter()
            .map(|b| (b.path.as_str(), b.is_command))
            .collect();
        assert_eq!(paths, vec![("/app/start.sh", false), ("/app/run.sh", true)]);
    });
    r.command = vec!["gunicorn".into()];
    with(CLEAN_APP, &r, |a| {
        assert!(
            not_executable(a, &["start.sh".into(), "absent.sh".into()])
                .0
                .is_empty()
        )
    });
}

#[test]
fn world_writable_skips_sticky_folders_and_symlinks() {
    let app = "d 755 1001:1001 .\nd 1777 1001:1001 tmp\nd 777 1001:1001 open\nf 666 1001:1001 open/f\nl 777 1001:1001 l -> x\n";
    with(app, &runtime("app"), |a| {
        let s = world_writable(a);
        assert_eq!(s.len(), 1);
        assert_eq!(
            (a.tree.path_of(s[0].id), s[0].below),
            ("/app/open".into(), 1)
        );
    });
}

#[test]
fn excluded_files_secrets_and_clutter() {
    let app = "d 755 1001:1001 .
f 600 1001:1001 .env
f 644 1001:1001 .env.example
f 644 1001:1001 db.sqlite3
f 600 1001:1001 server.key = -----BEGIN PRIVATE KEY-----\\nabc
f 644 1001:1001 chain.pem = -----BEGIN CERTIFICATE-----\\nabc
f 600 1001:1001 id_ed25519
f 644 1001:1001 id_ed25519.pub
f 644 1001:1001 credentials.json
d 755 1001:1001 .git
f 644 1001:1001 .git/HEAD
d 755 1001:1001 node_modules
d 755 1001:1001 src
d 755 1001:1001 src/__pycache__
f 644 1001:1001 src/__pycache__/m.cpython-311.pyc
d 755 1001:1001 lib
d 755 1001:1001 lib/__pycache__
f 644 1001:1001 lib/__pycache__/m.cpython-313.pyc
d 755 1001:1001 .venv
d 755 1001:1001 .venv/lib
d 755 1001:1001 .venv/lib/python3.13
f 644 1001:1001 .venv/lib/python3.13/.env
f 644 1001:1001 Dockerfile
";
    with(app, &runtime("app"), |a| {
        assert_eq!(python_tag(a.tree).as_deref(), Some("cpython-313"));
        let found: Vec<(String, Category)> = excluded(a)
            .iter()
            .map(|e| (a.tree.path_of(e.id), e.category))
            .collect();
        let secrets: Vec<&str> = found
            .iter()
            .filter(|f| f.1 == Category::Secret)
            .map(|f| f.0.as_str())
            .collect();
        assert_eq!(
            secrets,
            vec![
                "/app/.env",
                "/app/db.sqlite3",
                "/app/server.key",
                "/app/id_ed25519",
                "/app/credentials.json"
            ]
        );
        let clutter: Vec<&str> = found
            .iter()
            .filter(|f| f.1 == Category::Clutter)
            .map(|f| f.0.as_str())
            .collect();
        assert_eq!(
            clutter,
            vec![
                "/app/.git",
                "/app/node_modules",
                "/app/src/__pycache__",
                "/app/Dockerfile"
            ]
        );
    });
}

#[test]
fn a_venv_from_a_mac_and_editable_installs() {
    let app = "d 755 1001:1001 .
d 755 1001:1001 .venv
f 644 1001:1001 .venv/pyvenv.cfg = home = /opt/homebrew/opt/python@3.13/bin\\n
d 755 1001:1001 .venv/bin
l 777 1001:1001 .venv/bin/python -> /opt/homebrew/bin/python3
d 755 1001:1001 .venv/lib
d 755 1001:1001 .venv/lib/python3.13
d 755 1001:1001 .venv/lib/python3.13/site-packages
f 644 1001:1001 .venv/lib/python3.13/site-packages/_speedups.cpython-313-darwin.so
f 644 1001:1001 .venv/lib/python3.13/site-packages/_proj.pth = /Users/me/proj/src\\n
f 644 1001:1001 .venv/lib/python3.13/site-packages/_inside.pth = /app/src\\n
f 644 1001:1001 .venv/lib/python3.13/site-packages/_virtualenv.pth = import _virtualenv\\n
f 644 1001:1001 .venv/lib/python3.13/site-packages/__editable___pkg_finder.py = MAPPING = {'pkg': '/home/me/pkg/src/pkg'}\\n
";
    with(app, &runtime("app"), |a| {
        let venv = venv_dir(a.tree).unwrap();
        let signs = host_venv(a, venv);
        assert_eq!(signs.len(), 3, "{signs:?}");
        let e = editables(a);
        let t: Vec<Vec<(String, Option<bool>)>> = e.iter().map(|e| e.targets.clone()).collect();
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t.contains(&vec![("/app/src".into(), Some(false))]));
        assert!(t.contains(&vec![("/Users/me/proj/src".into(), Some(false))]));
        assert!(t.contains(&vec![("/home/me/pkg/src/pkg".into(), Some(false))]));
    });
    with(CLEAN_APP, &runtime("app"), |a| {
        assert!(host_venv(a, venv_dir(a.tree).unwrap()).is_empty());
        assert!(editables(a).is_empty());
    });
}
