//! The guide's Python specifics: the virtual environment in `/app/.venv` (present, owned by
//! the app user, built in the image rather than copied from a developer's machine),
//! bytecode when `UV_COMPILE_BYTECODE=1`, and editable installs (`.pth` files and
//! `__editable__` finders) pointing at source that is not in the image.

use super::{Audit, Spot, spots_in};
use crate::files::entry::Kind;
use crate::files::tree::{NodeId, ROOT, Tree};

/// `cpython-313` for a `.venv/lib/python3.13` (the image's Python, as `.pyc` tags name it).
pub fn python_tag(tree: &Tree) -> Option<String> {
    let venv = venv_dir(tree)?;
    let lib = child(tree, venv, b"lib")?;
    tree.node(lib).children.iter().find_map(|&c| {
        let name = String::from_utf8_lossy(&tree.node(c).name).into_owned();
        let v = name.strip_prefix("python")?;
        let (major, minor) = v.split_once('.')?;
        Some(format!("cpython-{major}{minor}"))
    })
}

fn child(tree: &Tree, id: NodeId, name: &[u8]) -> Option<NodeId> {
    tree.node(id)
        .children
        .iter()
        .copied()
        .find(|&c| &*tree.node(c).name == name)
}

/// The `.venv` directly under the root.
pub fn venv_dir(tree: &Tree) -> Option<NodeId> {
    child(tree, ROOT, b".venv").filter(|&v| tree.node(v).kind == Kind::Dir)
}

/// Does the root look like a Python project (a manifest, or `.py` files near the top)?
pub fn is_python_project(tree: &Tree) -> bool {
    const MANIFESTS: [&[u8]; 5] = [
        b"pyproject.toml",
        b"uv.lock",
        b"requirements.txt",
        b"setup.py",
        b"manage.py",
    ];
    tree.node(ROOT).children.iter().any(|&c| {
        let n = tree.node(c);
        MANIFESTS.contains(&&*n.name)
            || n.name.ends_with(b".py")
            || (n.kind == Kind::Dir
                && n.children
                    .iter()
                    .any(|&g| tree.node(g).name.ends_with(b".py")))
    })
}

/// Spots in `.venv` not owned by `uid`.
pub fn venv_foreign(a: &Audit, venv: NodeId, uid: u32) -> Vec<Spot> {
    spots_in(a.tree, venv, |id| a.tree.node(id).uid != uid, |_| false)
}

const HOST_PREFIXES: [&str; 9] = [
    "/Users/",
    "/home/",
    "/opt/homebrew/",
    "/usr/local/Cellar/",
    "/Library/Frameworks/",
    "/opt/anaconda",
    "/opt/miniconda",
    "/root/.pyenv/",
    "C:",
];

/// A path on a developer's machine (home folders, Homebrew, conda, Windows drives).
fn looks_host(p: &str) -> bool {
    HOST_PREFIXES.iter().any(|h| p.starts_with(h))
}

/// Signs that `.venv` was made on another machine and copied in: its Python is a host path
/// (or a path the image does not have), a macOS or Windows build, a `Scripts` folder.
pub fn host_venv(a: &Audit, venv: NodeId) -> Vec<String> {
    let t = a.tree;
    let mut signs = Vec::new();
    if let Some(bin) = child(t, venv, b"bin") {
        for &c in &t.node(bin).children {
            let n = t.node(c);
            let (Some(target), true) = (&n.link, n.name.starts_with(b"python")) else {
                continue;
            };
            let target = String::from_utf8_lossy(target).into_owned();
            let missing = target.starts_with('/')
                && !t.covers(target.as_bytes())
                && matches!(a.walked.outside.get(&target), Some(None));
            if looks_host(&target) || missing {
                signs.push(format!("{} → {target}", t.path_of(c)));
            }
        }
    }
    if let Some(cfg) = child(t, venv, b"pyvenv.cfg").and_then(|c| t.content(c)) {
        for line in String::from_utf8_lossy(cfg).lines() {
            if let Some((k, v)) = line.split_once('=')
                && k.trim() == "home"
                && looks_host(v.trim())
            {
                signs.push(format!("pyvenv.cfg: home = {}", v.trim()));
            }
        }
    }
    if child(t, venv, b"Scripts").is_some() {
        signs.push(format!(
            "{}/Scripts (a Windows virtual environment)",
            t.path_of(venv)
        ));
    }
    let foreign_build = t.ids().find(|&id| {
        let n = t.node(id);
        (n.name.ends_with(b"-darwin.so") || n.name.ends_with(b".pyd")) && super::in_venv(t, id)
    });
    if let Some(id) = foreign_build {
        signs.push(format!("{} (built for macOS or Windows)", t.path_of(id)));
    }
    signs
}

/// `.py` and `.pyc` files inside `.venv`'s site-packages.
pub fn bytecode_counts(tree: &Tree, venv: NodeId) -> (usize, usize) {
    let mut inside = vec![false; tree.len()];
    let (mut py, mut pyc) = (0, 0);
    for id in tree.ids() {
        let n = tree.node(id);
        let i = id as usize;
        inside[i] = id == venv || (id != ROOT && inside[n.parent as usize]);
        if inside[i] && n.kind.is_regular() {
            if n.name.ends_with(b".py") {
                py += 1;
            } else if n.name.ends_with(b".pyc") {
                pyc += 1;
            }
        }
    }
    (py, pyc)
}

/// One editable install: the file that makes it, and the source paths it points at with
/// whether each is in the image (`None`: not known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editable {
    pub id: NodeId,
    pub targets: Vec<(String, Option<bool>)>,
}

/// Editable installs: `__editable__*` files, `.egg-link`s and `.pth` files that add source
/// folders to `sys.path` (lines that are paths, not `import` lines).
pub fn editables(a: &Audit) -> Vec<Editable> {
    let t = a.tree;
    let mut out = Vec::new();
    for id in t.ids() {
        let n = t.node(id);
        if !n.kind.is_regular() || !super::in_venv(t, id) {
            continue;
        }
        let name = &*n.name;
        let pth = name.ends_with(b".pth") || name.ends_with(b".egg-link");
        let finder = name.starts_with(b"__editable__") && name.ends_with(b"_finder.py");
        if !pth && !finder {
            continue;
        }
        let text = t
            .content(id)
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        let paths: Vec<String> = if finder {
            crate::files::wanted::quoted_paths(&text)
        } else {
            text.lines()
                .map(str::trim)
                .filter(|l| l.starts_with('/'))
                .map(str::to_string)
                .collect()
        };
        if paths.is_empty() && !name.starts_with(b"__editable__") {
            continue;
        }
        let targets = paths
            .into_iter()
            .map(|p| {
                let known = if t.covers(p.as_bytes()) {
                    Some(t.find(p.as_bytes()).is_some())
                } else {
                    // Not read: a developer's home or Homebrew path is surely not there.
                    a.walked
                        .outside
                        .get(&p)
                        .map(Option::is_some)
                        .or_else(|| looks_host(&p).then_some(false))
                };
                (p, known)
            })
            .collect();
        out.push(Editable { id, targets });
    }
    out
}
