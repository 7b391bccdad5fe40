//! The spec: which variables the app expects. Looked up in order: `--spec FILE`, the
//! profile's `[env] spec`, then the first of `.env.example`, `.env`, `BackEnd/.env.example`,
//! `BackEnd/.env` in the current directory. The file is read as a dotenv file and linted.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::dotenv::{self, DotenvFile};
use crate::profile::Profile;

/// Where the spec came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// `--spec FILE`.
    Flag,
    /// The profile's `[env] spec`.
    Profile,
    /// Found in the current directory or `BackEnd/`.
    Found,
}

/// The files looked for when neither `--spec` nor the profile names one, in order.
pub const LOOKED_FOR: [&str; 4] = [
    ".env.example",
    ".env",
    "BackEnd/.env.example",
    "BackEnd/.env",
];

/// A loaded spec: the file's keys (and problems) and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Spec {
    pub origin: Origin,
    /// The path as people should read it (relative to the current directory when found).
    pub path: String,
    #[serde(flatten)]
    pub file: DotenvFile,
}

impl Spec {
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.file.keys()
    }

    pub fn has(&self, key: &str) -> bool {
        self.file.get(key).is_some()
    }
}

/// Finds and reads the spec. `Ok(None)`: none named and none found. A file named by
/// `--spec` or the profile that cannot be read is an error (docktor cannot run as asked).
pub fn load(flag: Option<&Path>, profile: &Profile, cwd: &Path) -> Result<Option<Spec>, String> {
    let named = match (flag, &profile.env_spec) {
        (Some(f), _) => Some((cwd.join(f), f.display().to_string(), Origin::Flag)),
        (None, Some(p)) => Some((PathBuf::from(p), p.clone(), Origin::Profile)),
        (None, None) => None,
    };
    let (path, shown, origin) = match named {
        Some(n) => n,
        None => match LOOKED_FOR.iter().find(|f| cwd.join(f).is_file()) {
            Some(f) => (cwd.join(f), f.to_string(), Origin::Found),
            None => return Ok(None),
        },
    };
    let file = dotenv::read(&path, &shown).map_err(|e| {
        let by = match origin {
            Origin::Flag => "--spec",
            Origin::Profile => "the profile's [env] spec",
            Origin::Found => "found in the current directory",
        };
        format!("cannot read the env spec {shown} ({by}): {e}; give an existing .env.example with --spec FILE")
    })?;
    Ok(Some(Spec {
        origin,
        path: shown,
        file,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_order() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let cwd = dir.path();
        let p = Profile::default();
        assert!(
            load(None, &p, cwd)
                .unwrap_or_else(|e| panic!("{e}"))
                .is_none()
        );
        std::fs::create_dir(cwd.join("BackEnd")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(cwd.join("BackEnd/.env"), "B=1\n").unwrap_or_else(|e| panic!("{e}"));
        let s = load(None, &p, cwd).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            s.as_ref().map(|s| (s.path.as_str(), s.origin)),
            Some(("BackEnd/.env", Origin::Found))
        );
        std::fs::write(cwd.join(".env.example"), "A=\n").unwrap_or_else(|e| panic!("{e}"));
        let s = load(None, &p, cwd).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.map(|s| s.path), Some(".env.example".to_string()));
        std::fs::write(cwd.join("prof.env"), "P=\n").unwrap_or_else(|e| panic!("{e}"));
        let prof = Profile {
            env_spec: Some(cwd.join("prof.env").display().to_string()),
            ..Default::default()
        };
        let s = load(None, &prof, cwd).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.is_some_and(|s| s.origin == Origin::Profile && s.has("P")));
        std::fs::write(cwd.join("flag.env"), "F=\n").unwrap_or_else(|e| panic!("{e}"));
        let s = load(Some(Path::new("flag.env")), &prof, cwd).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.is_some_and(|s| s.origin == Origin::Flag && s.has("F")));
        let e = load(Some(Path::new("nope.env")), &prof, cwd).unwrap_err();
        assert!(e.contains("nope.env") && e.contains("--spec"), "{e}");
    }
}
