//! What should not travel to the daemon, as the guide's "Excluded Files" lists it: `.env`
//! files and keys (secrets), the `.git` directory, virtual environments, development tools
//! and caches, local databases. Decided from names (and, for `.pem`, the first bytes).

use serde::Serialize;

/// Why a path should stay out of the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Concern {
    /// Credentials: `.env` files, private keys, registry and package-index tokens.
    Secret,
    Git,
    Venv,
    DevCache,
    Database,
}

impl Concern {
    pub fn describe(self) -> &'static str {
        match self {
            Concern::Secret => "secret",
            Concern::Git => "git history",
            Concern::Venv => "virtual environment",
            Concern::DevCache => "development tool or cache",
            Concern::Database => "local database",
        }
    }
}

/// Env-file suffixes that are templates, not secrets.
const TEMPLATES: [&str; 5] = ["example", "sample", "template", "dist", "defaults"];

/// Directories of tools and caches (the whole directory is reported once).
const CACHE_DIRS: [&str; 12] = [
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".tox",
    ".nox",
    "node_modules",
    ".idea",
    ".vscode",
    "htmlcov",
    ".ipynb_checkpoints",
    ".hypothesis",
];

const SECRET_FILES: [&str; 9] = [
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".git-credentials",
    ".htpasswd",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
];

const KEY_EXTENSIONS: [&str; 5] = ["key", "p12", "pfx", "jks", "keystore"];
const DB_EXTENSIONS: [&str; 6] = [
    "sqlite",
    "sqlite3",
    "db",
    "db-journal",
    "sqlite3-journal",
    "rdb",
];

/// A directory's concern (reported for the whole directory), if any. `has` says whether a
/// child of that name exists (for virtual environments: `pyvenv.cfg`).
pub fn dir_concern(name: &str, has: &dyn Fn(&str) -> bool) -> Option<(Concern, String)> {
    if name == ".git" {
        return Some((Concern::Git, "the repository's history and config".into()));
    }
    if name == ".venv" || ((name == "venv" || name == "env") && has("pyvenv.cfg")) {
        return Some((
            Concern::Venv,
            "a local virtual environment (the image builds its own with uv)".into(),
        ));
    }
    if CACHE_DIRS.contains(&name) {
        return Some((
            Concern::DevCache,
            format!("{name} is a tool's cache or settings"),
        ));
    }
    None
}

/// A file's concern, if any. `head` reads the file's first bytes when the name alone
/// cannot tell (`.pem`: a certificate or a private key).
pub fn file_concern(path: &str, head: &dyn Fn() -> Option<Vec<u8>>) -> Option<(Concern, String)> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if is_env_file(&lower) {
        return Some((Concern::Secret, "an env file: settings and secrets".into()));
    }
    if SECRET_FILES.contains(&lower.as_str()) {
        return Some((
            Concern::Secret,
            format!("{name} holds credentials or a private key"),
        ));
    }
    let parent = path.rsplit('/').nth(1).unwrap_or("");
    if (parent == ".aws" && lower == "credentials")
        || (parent == ".docker" && lower == "config.json")
    {
        return Some((
            Concern::Secret,
            format!("{parent}/{name} holds credentials"),
        ));
    }
    if KEY_EXTENSIONS.contains(&ext) {
        return Some((
            Concern::Secret,
            format!("a .{ext} file: a key or key store"),
        ));
    }
    if ext == "pem" && head().is_some_and(|b| String::from_utf8_lossy(&b).contains("PRIVATE KEY")) {
        return Some((Concern::Secret, "a PEM file with a private key".into()));
    }
    if DB_EXTENSIONS.contains(&ext) || lower == "dump.rdb" {
        return Some((Concern::Database, "a local database file".into()));
    }
    if ext == "pyc" || lower == ".coverage" {
        return Some((
            Concern::DevCache,
            "compiled or coverage files from a local run".into(),
        ));
    }
    None
}

/// `.env`, `.env.prod`, `prod.env` — not `.env.example` and other templates.
fn is_env_file(lower: &str) -> bool {
    if lower == ".env" {
        return true;
    }
    if let Some(rest) = lower.strip_prefix(".env.") {
        return !TEMPLATES.iter().any(|t| rest == *t || rest.ends_with(t));
    }
    lower.ends_with(".env") && lower.len() > 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let none = || None;
        let f = |p: &str| file_concern(p, &none).map(|(c, _)| c);
        assert_eq!(f(".env"), Some(Concern::Secret));
        assert_eq!(f("app/.env.production"), Some(Concern::Secret));
        assert_eq!(f("deploy/prod.env"), Some(Concern::Secret));
        assert_eq!(f(".env.example"), None);
        assert_eq!(f(".env.local.sample"), None);
        assert_eq!(f("home/.ssh/id_ed25519"), Some(Concern::Secret));
        assert_eq!(f("home/.ssh/id_ed25519.pub"), None);
        assert_eq!(f(".aws/credentials"), Some(Concern::Secret));
        assert_eq!(f("certs/tls.key"), Some(Concern::Secret));
        assert_eq!(f("certs/ca.pem"), None);
        let key = || Some(b"-----BEGIN PRIVATE KEY-----\n".to_vec());
        assert!(file_concern("certs/x.pem", &key).is_some());
        assert_eq!(f("db.sqlite3"), Some(Concern::Database));
        assert_eq!(f("src/app.py"), None);
        assert_eq!(f("environment.py"), None);
        let no = |_: &str| false;
        let yes = |n: &str| n == "pyvenv.cfg";
        assert_eq!(dir_concern(".git", &no).map(|c| c.0), Some(Concern::Git));
        assert_eq!(dir_concern("venv", &yes).map(|c| c.0), Some(Concern::Venv));
        assert_eq!(dir_concern("venv", &no), None);
        assert_eq!(
            dir_concern("node_modules", &no).map(|c| c.0),
            Some(Concern::DevCache)
        );
    }
}
