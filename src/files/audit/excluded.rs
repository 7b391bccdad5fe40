//! Files a `.dockerignore` should have kept out of the image, in two kinds: secrets
//! (`.env*`, local databases, private keys, credential files — dockle's CIS-DI-0010 list
//! and the guide's) and clutter (VCS, editor and cache folders, dockle's DKL-LI-0003 list,
//! plus what they miss for this stack: `node_modules`, host `__pycache__`). A matching
//! folder is reported once, not its contents; `.venv` and mounts are left out.

use super::{Audit, in_venv};
use crate::files::entry::Kind;
use crate::files::tree::{NodeId, ROOT};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Secret,
    Clutter,
}

/// One file or folder that should not be in the image, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub id: NodeId,
    pub category: Category,
    pub what: &'static str,
}

const ENV_EXAMPLES: [&str; 5] = [
    ".env.example",
    ".env.sample",
    ".env.template",
    ".env.dist",
    ".env.defaults",
];
const KEY_NAMES: [&str; 4] = ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"];
const CREDENTIAL_FILES: [&str; 7] = [
    ".git-credentials",
    ".netrc",
    ".pgpass",
    ".pypirc",
    ".htpasswd",
    ".npmrc",
    ".dockercfg",
];
const SECRET_EXTENSIONS: [&str; 10] = [
    ".secret",
    ".ovpn",
    ".private_key",
    ".ppk",
    ".p12",
    ".pfx",
    ".jks",
    ".keystore",
    ".kdbx",
    ".psafe3",
];
const DB_EXTENSIONS: [&str; 4] = [".sqlite3", ".sqlite", ".db", ".sqlite3-journal"];
const VCS_DIRS: [&str; 3] = [".git", ".svn", ".hg"];
const EDITOR_DIRS: [&str; 2] = [".vscode", ".idea"];
const CACHE_DIRS: [&str; 11] = [
    ".cache",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".tox",
    ".nox",
    "htmlcov",
    ".ipynb_checkpoints",
    ".npm",
    ".hypothesis",
    ".coverage",
];
const BUILD_FILES: [&str; 6] = [
    "Dockerfile",
    "docker-compose.yml",
    "docker-compose.yaml",
    "compose.yml",
    "compose.yaml",
    ".vimrc",
];

/// What a secret-looking file is, or `None`.
fn secret(a: &Audit, id: NodeId, name: &str) -> Option<&'static str> {
    if a.tree.node(id).kind == Kind::Dir {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let ends = |exts: &[&str]| exts.iter().any(|e| lower.ends_with(e));
    if (name == ".env" || name.starts_with(".env.")) && !ENV_EXAMPLES.contains(&name) {
        return Some("an environment file");
    }
    if KEY_NAMES.contains(&name) {
        return Some("an SSH private key");
    }
    if lower.ends_with(".pem") || lower.ends_with(".key") {
        let content = a.tree.content(id)?;
        let text = String::from_utf8_lossy(content);
        return text.contains("PRIVATE KEY").then_some("a private key");
    }
    if lower.starts_with("credential") || CREDENTIAL_FILES.contains(&name) {
        return Some("a credentials file");
    }
    if lower.starts_with("secrets.") && ends(&[".yml", ".yaml", ".json", ".toml", ".env"]) {
        return Some("a secrets file");
    }
    if ends(&SECRET_EXTENSIONS) {
        return Some("a key store or secret file");
    }
    if ends(&DB_EXTENSIONS) {
        return Some("a local database");
    }
    if a.tree.rel_path(id).ends_with(b".docker/config.json") {
        return Some("Docker registry credentials");
    }
    None
}

/// What a clutter file or folder is, or `None`.
fn clutter(a: &Audit, id: NodeId, name: &str, python: Option<&str>) -> Option<&'static str> {
    let dir = a.tree.node(id).kind == Kind::Dir;
    if dir && VCS_DIRS.contains(&name) {
        return Some("a version-control folder");
    }
    if dir && EDITOR_DIRS.contains(&name) {
        return Some("an editor folder");
    }
    if CACHE_DIRS.contains(&name) {
        return Some("a tool cache");
    }
    if name.ends_with(".swp") || name.ends_with(".swo") || name.ends_with('~') {
        return Some("an editor swap or backup file");
    }
    if name == ".DS_Store" || name == "Thumbs.db" {
        return Some("a desktop metadata file");
    }
    if BUILD_FILES.contains(&name) {
        return Some("a build file the app does not need");
    }
    if dir && name == "node_modules" {
        return Some("node_modules copied in (build it in a stage, copy only the output)");
    }
    if dir && name == "__pycache__" && host_bytecode(a, id, python) {
        return Some("bytecode compiled by another Python (copied from the host)");
    }
    None
}

/// Does a `__pycache__` hold bytecode of a Python other than the image's (`python`, e.g.
/// `cpython-313`)? Bytecode of the image's own Python may have been written at run time.
fn host_bytecode(a: &Audit, id: NodeId, python: Option<&str>) -> bool {
    let tags: Vec<String> = a
        .tree
        .node(id)
        .children
        .iter()
        .filter_map(|&c| {
            let name = String::from_utf8_lossy(&a.tree.node(c).name).into_owned();
            let stem = name.strip_suffix(".pyc")?;
            stem.rsplit('.').next().map(str::to_string)
        })
        .collect();
    match python {
        Some(p) => tags.iter().any(|t| !t.starts_with(p)),
        None => !tags.is_empty(),
    }
}

/// Every excluded-looking file or folder, top-most first.
pub fn excluded(a: &Audit) -> Vec<Excluded> {
    let python = super::python::python_tag(a.tree);
    let mut out = Vec::new();
    let mut covered = vec![false; a.tree.len()];
    for id in a.tree.ids() {
        let n = a.tree.node(id);
        let i = id as usize;
        if id != ROOT && covered[n.parent as usize] {
            covered[i] = true;
            continue;
        }
        if id == ROOT || a.on_mount()[i] || in_venv(a.tree, id) {
            covered[i] = id != ROOT;
            continue;
        }
        let name = String::from_utf8_lossy(&n.name);
        let found = match secret(a, id, &name) {
            Some(w) => Some((Category::Secret, w)),
            None => clutter(a, id, &name, python.as_deref()).map(|w| (Category::Clutter, w)),
        };
        if let Some((category, what)) = found {
            covered[i] = true;
            out.push(Excluded { id, category, what });
        }
    }
    out
}
