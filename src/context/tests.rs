//! Context checks on temporary directories: what is sent with and without a good
//! `.dockerignore`, where the two builders differ, and what is flagged.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::walk::Kind;
use super::*;

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (p, body) in files {
        let path = d.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if p.ends_with('/') {
            continue;
        }
        std::fs::write(path, body).unwrap();
    }
    d
}

fn run(dir: &Path, builder: Builder) -> ContextReport {
    let opts = Options {
        builder,
        keep_list: true,
        ..Options::default()
    };
    check(dir, &opts, &AtomicBool::new(false), &|_| {}).unwrap()
}

fn sent(r: &ContextReport) -> Vec<String> {
    r.sent.iter().map(|s| s.path.clone()).collect()
}

const APP: &[(&str, &str)] = &[
    ("Dockerfile", "FROM scratch\n"),
    ("pyproject.toml", "[project]\n"),
    ("app/main.py", "print(1)\n"),
    ("app/__pycache__/main.cpython-313.pyc", "xx"),
    (".env", "SECRET_KEY=abc\n"),
    (".env.example", "SECRET_KEY=\n"),
    (".git/HEAD", "ref: refs/heads/main\n"),
    (".venv/pyvenv.cfg", "home = /usr\n"),
    ("db.sqlite3", "SQLite format 3"),
];

#[test]
fn without_a_dockerignore_everything_goes_and_is_flagged() {
    let d = tree(APP);
    let r = run(d.path(), Builder::Buildkit);
    assert_eq!(r.ignore_file, None);
    assert_eq!(r.files, 9);
    let flagged: Vec<(&str, sensitive::Concern)> = r
        .sensitive
        .iter()
        .map(|s| (s.path.as_str(), s.concern))
        .collect();
    use sensitive::Concern::*;
    assert_eq!(
        flagged,
        [
            (".env", Secret),
            (".git", Git),
            (".venv", Venv),
            ("app/__pycache__", DevCache),
            ("db.sqlite3", Database),
        ]
    );
    assert_eq!(r.largest[0].path, ".git/HEAD");
}

#[test]
fn a_good_dockerignore_keeps_them_out() {
    let mut files = APP.to_vec();
    files.push((
        ".dockerignore",
        ".git\n.venv\n**/__pycache__\n.env*\n!.env.example\n*.sqlite3\n",
    ));
    let d = tree(&files);
    let r = run(d.path(), Builder::Buildkit);
    assert_eq!(r.ignore_file.as_deref(), Some(".dockerignore"));
    assert!(r.sensitive.is_empty(), "{:?}", r.sensitive);
    assert_eq!(
        sent(&r),
        [
            ".dockerignore",
            ".env.example",
            "Dockerfile",
            "app",
            "app/main.py",
            "pyproject.toml"
        ]
    );
    assert_eq!(r.excluded_files, 5);
    let by_line: Vec<(usize, u64)> = r.patterns.iter().map(|p| (p.line, p.excluded)).collect();
    assert_eq!(by_line, [(1, 1), (2, 1), (3, 1), (4, 1), (5, 0), (6, 1)]);
}

#[test]
fn classic_sends_the_build_files_but_the_build_does_not_see_them() {
    let d = tree(&[("Dockerfile", "x"), (".dockerignore", "*\n"), ("a", "1")]);
    assert_eq!(
        sent(&run(d.path(), Builder::Buildkit)),
        Vec::<String>::new()
    );
    // The classic client sends both for the daemon to read, which then deletes them: the
    // build sees neither.
    let r = run(d.path(), Builder::Classic);
    assert_eq!(sent(&r), Vec::<String>::new());
    assert_eq!(r.patterns.iter().filter(|p| p.line == 0).count(), 2);
}

#[test]
fn the_builders_differ_on_exceptions_under_excluded_directories() {
    let d = tree(&[
        (".dockerignore", "dir\n!**/keep.txt\n"),
        ("dir/keep.txt", "k"),
        ("dir/drop.txt", "d"),
    ]);
    // BuildKit walks every excluded directory when an exception has wildcards.
    let bk = run(d.path(), Builder::Buildkit);
    assert_eq!(sent(&bk), [".dockerignore", "dir", "dir/keep.txt"]);
    // The classic tar skips `dir`: no exception starts with `dir/`.
    assert_eq!(sent(&run(d.path(), Builder::Classic)), [".dockerignore"]);
    let d = tree(&[
        (".dockerignore", "dir\n!dir/sub/keep.txt\n"),
        ("dir/sub/keep.txt", "k"),
        ("dir/drop.txt", "d"),
    ]);
    // Both enter `dir`; BuildKit sends the excluded parents, the classic tar implies them.
    assert_eq!(
        sent(&run(d.path(), Builder::Buildkit)),
        [".dockerignore", "dir", "dir/sub", "dir/sub/keep.txt"]
    );
    assert_eq!(
        sent(&run(d.path(), Builder::Classic)),
        [".dockerignore", "dir/sub/keep.txt"]
    );
}

#[test]
fn a_refused_dockerignore_is_reported_with_its_line() {
    let d = tree(&[(".dockerignore", ".git\n\n[abc\n"), ("a", "1")]);
    let r = run(d.path(), Builder::Buildkit);
    let refused = r.refused.unwrap();
    assert_eq!(refused.line, 3);
    assert!(refused.error.contains("syntax error"), "{}", refused.error);
}

#[test]
fn a_dockerfile_specific_ignore_file_wins_with_buildkit() {
    let d = tree(&[
        ("Dockerfile", "x"),
        ("Dockerfile.dockerignore", "b\n"),
        (".dockerignore", "a\n"),
        ("a", "1"),
        ("b", "2"),
    ]);
    let r = run(d.path(), Builder::Buildkit);
    assert_eq!(r.ignore_file.as_deref(), Some("Dockerfile.dockerignore"));
    assert!(sent(&r).contains(&"a".to_string()));
    let r = run(d.path(), Builder::Classic);
    assert_eq!(r.ignore_file.as_deref(), Some(".dockerignore"));
}

#[test]
fn missing_and_non_directories_say_what_to_give() {
    let d = tree(&[("f", "1")]);
    let err = |p: &Path| check(p, &Options::default(), &AtomicBool::new(false), &|_| {});
    assert!(matches!(
        err(&d.path().join("nope")),
        Err(ContextError::NotFound(_))
    ));
    assert!(matches!(
        err(&d.path().join("f")),
        Err(ContextError::NotDir(_))
    ));
    let cancelled = check(
        d.path(),
        &Options::default(),
        &AtomicBool::new(true),
        &|_| {},
    );
    assert_eq!(cancelled, Err(ContextError::Cancelled));
}

#[test]
fn symlinks_are_sent_as_links() {
    let d = tree(&[("target.txt", "1234")]);
    std::os::unix::fs::symlink("/etc/passwd", d.path().join("link")).unwrap();
    let r = run(d.path(), Builder::Buildkit);
    assert_eq!(r.symlinks, 1);
    assert_eq!(r.bytes, 4);
    assert!(
        r.sent
            .iter()
            .any(|s| s.path == "link" && s.kind == Kind::Symlink)
    );
}
