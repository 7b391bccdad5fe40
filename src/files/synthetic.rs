//! Trees and runtimes written as text, for rule cases and tests: one entry per line,
//! `KIND PERM UID:GID PATH [SIZE] [-> TARGET] [= CONTENT]`, e.g.
//! `d 755 1001:1001 media`, `f 600 0:0 .env 40`, `l 777 0:0 .venv/bin/python -> /Users/me/py`.
//! KIND is `d`, `f`, `l` (symlink), `h` (hard link), `c`, `b`, `p`; PERM is octal.

use super::accounts::Accounts;
use super::entry::{Entry, Kind};
use super::facts::{Runtime, Via, Walked};
use super::mounts::Mount;
use super::tree::Tree;
use super::user::resolve;

/// One entry from a spec line; the error names the line.
pub fn entry(line: &str) -> Result<Entry, String> {
    let (rest, content) = match line.split_once(" = ") {
        Some((r, c)) => (r, Some(c.replace("\\n", "\n").into_bytes())),
        None => (line, None),
    };
    let (rest, link) = match rest.split_once(" -> ") {
        Some((r, l)) => (r, Some(l.trim().as_bytes().to_vec())),
        None => (rest, None),
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let [kind, perm, ids, path, more @ ..] = words.as_slice() else {
        return Err(format!("'{line}': KIND PERM UID:GID PATH [SIZE]"));
    };
    let kind = match *kind {
        "d" => Kind::Dir,
        "f" => Kind::File,
        "l" => Kind::Symlink,
        "h" => Kind::Hardlink,
        "c" => Kind::CharDevice,
        "b" => Kind::BlockDevice,
        "p" => Kind::Fifo,
        k => return Err(format!("'{line}': unknown kind {k}")),
    };
    let perm = u32::from_str_radix(perm, 8).map_err(|e| format!("'{line}': {e}"))?;
    let (uid, gid) = ids.split_once(':').ok_or(format!("'{line}': UID:GID"))?;
    let uid = uid.parse().map_err(|e| format!("'{line}': {e}"))?;
    let gid = gid.parse().map_err(|e| format!("'{line}': {e}"))?;
    let size = match (more.first(), &content) {
        (Some(s), _) => s.parse().map_err(|e| format!("'{line}': {e}"))?,
        (None, Some(c)) => c.len() as u64,
        (None, None) if kind == Kind::File => 10,
        _ => 0,
    };
    let path = if *path == "." { "" } else { path };
    let mut e = Entry::new(path.as_bytes(), kind, perm, uid, gid, size);
    e.link = link;
    e.content = content;
    Ok(e)
}

/// A tree rooted at `root` from spec lines (blank lines and `#` comments skipped). A line
/// that does not parse panics: specs are written by tests.
pub fn tree(root: &str, spec: &str) -> Tree {
    let mut t = Tree::new(root);
    for line in spec.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match entry(line) {
            Ok(e) => {
                t.insert(e);
            }
            Err(e) => panic!("synthetic tree: {e}"),
        }
    }
    t
}

/// A complete archive walk of `spec` under `root`.
pub fn walked(root: &str, spec: &str) -> Walked {
    Walked::new(tree(root, spec), Via::Archive)
}

/// The guide's accounts: root and app (1001).
pub const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\napp:x:1001:1001:app:/app:/bin/sh\n";
pub const GROUP: &str = "root:x:0:\napp:x:1001:\n";

/// A runtime running as `user` with the guide's accounts and no mounts.
pub fn runtime(user: &str) -> Runtime {
    runtime_with(user, Some(PASSWD), Some(GROUP), Vec::new())
}

/// A runtime with the given files (`None`: missing) and mounts.
pub fn runtime_with(
    user: &str,
    passwd: Option<&str>,
    group: Option<&str>,
    mounts: Vec<Mount>,
) -> Runtime {
    let accounts = Accounts::parse(passwd.map(str::as_bytes), group.map(str::as_bytes));
    Runtime {
        user: resolve(user, &[], &accounts, true),
        accounts,
        command: vec!["/app/start.sh".into()],
        compile_bytecode: false,
        read_only_rootfs: false,
        mounts,
    }
}

/// The guide's `/app`, right in every way: owned by app, writable folders, a start script,
/// a `.venv` with bytecode.
pub const CLEAN_APP: &str = "
d 755 1001:1001 .
f 755 1001:1001 start.sh
f 644 1001:1001 pyproject.toml
f 644 1001:1001 uv.lock
d 755 1001:1001 project
f 644 1001:1001 project/manage.py
d 755 1001:1001 media
d 755 1001:1001 static
d 755 1001:1001 logs
d 755 1001:1001 .venv
f 644 1001:1001 .venv/pyvenv.cfg = home = /usr/local/bin\\n
d 755 1001:1001 .venv/bin
l 777 1001:1001 .venv/bin/python -> /usr/local/bin/python3
d 755 1001:1001 .venv/lib
d 755 1001:1001 .venv/lib/python3.13
d 755 1001:1001 .venv/lib/python3.13/site-packages
f 644 1001:1001 .venv/lib/python3.13/site-packages/django.py
d 755 1001:1001 .venv/lib/python3.13/site-packages/__pycache__
f 644 1001:1001 .venv/lib/python3.13/site-packages/__pycache__/django.cpython-313.pyc
";
