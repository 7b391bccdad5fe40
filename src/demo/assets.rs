//! The demo kit's files (assets/demo), embedded in the binary so `docktor demo` works from any
//! directory, and the build contexts assembled from them.

use super::Stage;

/// A file of a build context: its path inside the context, contents and mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextFile {
    pub path: String,
    pub data: Vec<u8>,
    pub mode: u32,
}

impl ContextFile {
    fn new(path: &str, data: &[u8], mode: u32) -> Self {
        ContextFile {
            path: path.to_string(),
            data: data.to_vec(),
            mode,
        }
    }
}

macro_rules! embedded {
    ($($path:literal => $mode:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo/", $path)), $mode)),*]
    };
}

/// The base image's context (besides busybox, added at run time).
const BASE_FILES: &[(&str, &str, u32)] = embedded![
    "base/tools/demo-pad" => 0o755,
    "base/tools/demo-wheel" => 0o755,
    "base/tools/pip" => 0o755,
    "base/tools/uv" => 0o755,
    "base/tools/apt-get" => 0o755,
    "base/etc/passwd" => 0o644,
    "base/etc/group" => 0o644,
    "base/etc/os-release" => 0o644,
    "base/share/wheelhouse.txt" => 0o644,
];

/// The demo app, the build context of the four stages. Git cannot track a nested `.git`, so it
/// is stored as `_git` and renamed in the context.
const APP_FILES: &[(&str, &str, u32)] = embedded![
    "app/.dockerignore" => 0o644,
    "app/.env" => 0o644,
    "app/_git/HEAD" => 0o644,
    "app/_git/config" => 0o644,
    "app/_git/logs/HEAD" => 0o644,
    "app/_git/refs/heads/main" => 0o644,
    "app/_git/objects/pack/pack-9b1e6d4c2a7f3e8d5b0c1a9f6e4d2c8b7a5f3e1d.idx.demo-pad" => 0o644,
    "app/_git/objects/pack/pack-9b1e6d4c2a7f3e8d5b0c1a9f6e4d2c8b7a5f3e1d.pack.demo-pad" => 0o644,
    "app/db.sqlite3.demo-pad" => 0o644,
    "app/docs/README.md" => 0o644,
    "app/docs/architecture.pdf.demo-pad" => 0o644,
    "app/jaaybaanbackend/__init__.py" => 0o644,
    "app/jaaybaanbackend/settings.py" => 0o644,
    "app/jaaybaanbackend/urls.py" => 0o644,
    "app/jaaybaanbackend/wsgi.py" => 0o644,
    "app/manage.py" => 0o755,
    "app/public/health/index.html" => 0o644,
    "app/public/index.html" => 0o644,
    "app/pyproject.toml" => 0o644,
    "app/requirements-dev.txt" => 0o644,
    "app/requirements.txt" => 0o644,
    "app/start.sh" => 0o755,
    "app/tests/fixtures/uploads.tar.demo-pad" => 0o644,
    "app/tests/test_health.py" => 0o644,
    "app/uv.lock" => 0o644,
];

/// The Dockerfile of `stage`.
pub fn dockerfile(stage: Stage) -> &'static str {
    match stage {
        Stage::Base => include_str!("../../assets/demo/base.Dockerfile"),
        Stage::Original => include_str!("../../assets/demo/original.Dockerfile"),
        Stage::MultiStage => include_str!("../../assets/demo/multi-stage.Dockerfile"),
        Stage::OfficialUv => include_str!("../../assets/demo/official-uv.Dockerfile"),
        Stage::Optimized => include_str!("../../assets/demo/optimized.Dockerfile"),
    }
}

/// The build context of `stage` (`busybox`: the static busybox, for the base image), with its
/// `Dockerfile`. Like the docker CLI, it leaves out what the context's `.dockerignore` names
/// (only the optimized stage has one) but always sends the Dockerfile and `.dockerignore`.
pub fn context_files(stage: Stage, busybox: &[u8]) -> Vec<ContextFile> {
    let mut files = vec![ContextFile::new(
        "Dockerfile",
        dockerfile(stage).as_bytes(),
        0o644,
    )];
    if stage == Stage::Base {
        files.push(ContextFile::new("busybox", busybox, 0o755));
        for (path, text, mode) in BASE_FILES {
            let path = path.strip_prefix("base/").unwrap_or(path);
            files.push(ContextFile::new(path, text.as_bytes(), *mode));
        }
        return files;
    }
    let mut ignore: Vec<String> = Vec::new();
    for (path, text, mode) in APP_FILES {
        let path = path.strip_prefix("app/").unwrap_or(path);
        let path = match path.strip_prefix("_git/") {
            Some(rest) => format!(".git/{rest}"),
            None => path.to_string(),
        };
        if path == ".dockerignore" {
            if stage != Stage::Optimized {
                continue;
            }
            ignore = parse_dockerignore(text);
        }
        files.push(ContextFile::new(&path, text.as_bytes(), *mode));
    }
    files.retain(|f| {
        f.path == "Dockerfile" || f.path == ".dockerignore" || !is_ignored(&ignore, &f.path)
    });
    files
}

/// The patterns of a `.dockerignore` (comments and blank lines dropped, `./` and `/` trimmed).
pub fn parse_dockerignore(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_start_matches("./").trim_matches('/').to_string())
        .collect()
}

/// Whether `path` (relative, `/`-separated) is left out by `patterns`. Supported: `*` within a
/// path segment, a leading `**/` (any depth) and prefixes (`docs` leaves out `docs/…`);
/// `!` exceptions are not (the demo's `.dockerignore` has none).
pub fn is_ignored(patterns: &[String], path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    patterns.iter().any(|pattern| {
        let (anywhere, pattern) = match pattern.strip_prefix("**/") {
            Some(rest) => (true, rest),
            None => (false, pattern.as_str()),
        };
        let wanted: Vec<&str> = pattern.split('/').collect();
        let starts: Vec<usize> = if anywhere {
            (0..segments.len()).collect()
        } else {
            vec![0]
        };
        starts.into_iter().any(|start| {
            segments.len() >= start + wanted.len()
                && wanted
                    .iter()
                    .zip(&segments[start..])
                    .all(|(w, s)| glob_segment(w, s))
        })
    })
}

/// `*`-only glob match of one path segment.
fn glob_segment(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text.ends_with(last) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(stage: Stage) -> Vec<String> {
        context_files(stage, b"bb")
            .into_iter()
            .map(|f| f.path)
            .collect()
    }

    #[test]
    fn dockerignore_patterns() {
        let p = parse_dockerignore("# c\n.env\n.git/\n**/__pycache__\n*.sqlite3*\ndocs\n");
        assert!(is_ignored(&p, ".env"));
        assert!(!is_ignored(&p, ".envrc"));
        assert!(is_ignored(&p, ".git/objects/pack/x.pack"));
        assert!(is_ignored(&p, "a/b/__pycache__/c.pyc"));
        assert!(is_ignored(&p, "db.sqlite3.demo-pad"));
        assert!(is_ignored(&p, "docs/README.md"));
        assert!(!is_ignored(&p, "public/docs.html"));
        assert!(!is_ignored(&p, "manage.py"));
    }

    #[test]
    fn only_the_optimized_context_ignores_secrets_and_history() {
        let original = paths(Stage::Original);
        assert!(original.iter().any(|p| p == ".env"));
        assert!(original.iter().any(|p| p.starts_with(".git/")));
        assert!(!original.iter().any(|p| p == ".dockerignore"));
        let optimized = paths(Stage::Optimized);
        assert!(optimized.iter().any(|p| p == ".dockerignore"));
        assert!(optimized.iter().any(|p| p == "public/health/index.html"));
        for gone in [".env", ".git/HEAD", "docs/README.md", "db.sqlite3.demo-pad"] {
            assert!(!optimized.iter().any(|p| p == gone), "{gone} sent");
        }
    }

    fn files_under(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read assets dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                files_under(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    #[test]
    fn every_kit_file_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        let mut on_disk = Vec::new();
        files_under(&root.join("app"), &root, &mut on_disk);
        files_under(&root.join("base"), &root, &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = APP_FILES
            .iter()
            .chain(BASE_FILES)
            .map(|(path, _, _)| path.to_string())
            .collect();
        embedded.sort();
        assert_eq!(embedded, on_disk, "update APP_FILES / BASE_FILES");
    }

    #[test]
    fn base_context_has_busybox_and_tools() {
        let base = paths(Stage::Base);
        for want in ["Dockerfile", "busybox", "tools/demo-pad", "etc/passwd"] {
            assert!(base.iter().any(|p| p == want), "{want} missing");
        }
    }
}
