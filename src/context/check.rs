//! Running a context check on a directory: find the ignore file in effect, compile it as
//! Docker does, walk, then sum up sizes, the largest paths and the sensitive ones.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::ignorefile;
use super::matcher::Matcher;
use super::report::{ContextReport, Largest, PatternInfo, Refusal, Sensitive};
use super::sensitive::{dir_concern, file_concern};
use super::walk::{self, Builder, Kind, Sent, Walked};

/// How many of the largest files and directories a report lists.
pub const LARGEST: usize = 10;

/// What to check.
#[derive(Debug, Clone)]
pub struct Options {
    pub builder: Builder,
    /// The Dockerfile, relative to the context (`-f`); default `Dockerfile`.
    pub dockerfile: String,
    /// Keep every sent path in the report (`--list`).
    pub keep_list: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            builder: Builder::Buildkit,
            dockerfile: "Dockerfile".into(),
            keep_list: false,
        }
    }
}

/// Why a context could not be checked at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ContextError {
    #[error("{0}: no such directory; give the directory you pass to `docker build`")]
    NotFound(String),
    #[error("{0} is not a directory; a build context is a directory")]
    NotDir(String),
    #[error("cannot read {path}: {error}")]
    Read { path: String, error: String },
    #[error("the context check was cancelled")]
    Cancelled,
}

/// Checks the context `dir`. `cancel` stops the walk; `progress` gets entry counts.
pub fn check(
    dir: &Path,
    opts: &Options,
    cancel: &AtomicBool,
    progress: &dyn Fn(u64),
) -> Result<ContextReport, ContextError> {
    let shown = dir.display().to_string();
    let meta = std::fs::metadata(dir).map_err(|_| ContextError::NotFound(shown.clone()))?;
    if !meta.is_dir() {
        return Err(ContextError::NotDir(shown));
    }
    let (ignore_file, bytes) = ignore_file(dir, opts)?;
    let mut report = ContextReport {
        dir: std::fs::canonicalize(dir)
            .unwrap_or_else(|_| dir.to_path_buf())
            .display()
            .to_string(),
        builder: opts.builder,
        dockerfile: opts.dockerfile.clone(),
        ignore_file: ignore_file.clone(),
        patterns: Vec::new(),
        refused: None,
        files: 0,
        dirs: 0,
        symlinks: 0,
        bytes: 0,
        excluded_files: 0,
        excluded_bytes: 0,
        largest: Vec::new(),
        unreadable: Vec::new(),
        sensitive: Vec::new(),
        non_utf8: Vec::new(),
        sent: Vec::new(),
    };
    let mut lines = match ignorefile::read(&bytes) {
        Ok(l) => l,
        Err(error) => {
            report.refused = Some(Refusal { line: 0, error });
            return Ok(report);
        }
    };
    let original = match Matcher::new(&lines) {
        Ok(m) => m,
        Err((line, error)) => {
            report.refused = Some(Refusal { line, error });
            return Ok(report);
        }
    };
    let dockerfile = opts.dockerfile.trim_start_matches("./").to_string();
    let m = if opts.builder == Builder::Classic {
        add_build_files(&mut lines, &original, &dockerfile);
        Matcher::new(&lines).unwrap_or(original.clone())
    } else {
        original.clone()
    };
    let mut w =
        walk::walk(dir, &m, opts.builder, cancel, progress).ok_or(ContextError::Cancelled)?;
    if opts.builder == Builder::Classic {
        // The daemon reads them, then deletes those the original patterns exclude: COPY
        // never sees them.
        w.sent.retain(|s| {
            !((s.path == ".dockerignore" || s.path == dockerfile)
                && original.matches_or_parent(&s.path).excluded)
        });
    }
    report.patterns = m
        .patterns
        .iter()
        .zip(&m.lines)
        .enumerate()
        .map(|(i, (p, line))| PatternInfo {
            line: *line,
            pattern: p.text.clone(),
            exception: p.exclusion,
            excluded: w.excluded_by.get(i).copied().unwrap_or(0),
            notes: p.notes.clone(),
            unsupported: p.unsupported.clone(),
        })
        .collect();
    summarise(&mut report, dir, w, opts.keep_list);
    Ok(report)
}

/// The ignore file in effect and its bytes: BuildKit prefers `<Dockerfile>.dockerignore`
/// beside the Dockerfile, then `.dockerignore` at the context's root.
fn ignore_file(dir: &Path, opts: &Options) -> Result<(Option<String>, Vec<u8>), ContextError> {
    let mut candidates: Vec<String> = Vec::new();
    if opts.builder == Builder::Buildkit {
        candidates.push(format!("{}.dockerignore", opts.dockerfile));
    }
    candidates.push(".dockerignore".into());
    for rel in candidates {
        let path: PathBuf = dir.join(&rel);
        match std::fs::read(&path) {
            Ok(b) => return Ok((Some(rel), b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(ContextError::Read {
                    path: path.display().to_string(),
                    error: e.to_string(),
                });
            }
        }
    }
    Ok((None, Vec::new()))
}

/// The classic builder's client re-includes the Dockerfile and `.dockerignore` when the
/// patterns exclude them (deciding with patternmatcher's older `Matches`), so the daemon
/// can read them; the exceptions it adds change the walk, so they are added here too.
fn add_build_files(lines: &mut Vec<(usize, String)>, m: &Matcher, dockerfile: &str) {
    for keep in [".dockerignore", dockerfile] {
        if m.matches_legacy(keep) {
            lines.push((0, format!("!{keep}")));
        }
    }
}

fn summarise(r: &mut ContextReport, dir: &Path, w: Walked, keep_list: bool) {
    r.excluded_files = w.excluded_files;
    r.excluded_bytes = w.excluded_bytes;
    r.unreadable = w.unreadable;
    r.non_utf8 = w.non_utf8;
    // Totals per directory (every ancestor of each file).
    let mut per_dir: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for s in &w.sent {
        match s.kind {
            Kind::File => {
                r.files += 1;
                r.bytes += s.size;
                for (i, _) in s.path.match_indices('/') {
                    let e = per_dir.entry(&s.path[..i]).or_default();
                    e.0 += s.size;
                    e.1 += 1;
                }
            }
            Kind::Dir => r.dirs += 1,
            Kind::Symlink => r.symlinks += 1,
            Kind::Other => {}
        }
    }
    let mut largest: Vec<Largest> = w
        .sent
        .iter()
        .filter(|s| s.kind == Kind::File)
        .map(|s| Largest {
            path: s.path.clone(),
            kind: Kind::File,
            bytes: s.size,
            files: 1,
        })
        .collect();
    largest.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)));
    largest.truncate(LARGEST);
    let mut dirs: Vec<Largest> = per_dir
        .iter()
        .map(|(p, (bytes, files))| Largest {
            path: p.to_string(),
            kind: Kind::Dir,
            bytes: *bytes,
            files: *files,
        })
        .collect();
    dirs.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)));
    dirs.truncate(LARGEST);
    largest.extend(dirs);
    r.largest = largest;
    r.sensitive = sensitive(dir, &w.sent, &per_dir);
    if keep_list {
        r.sent = w.sent;
    }
}

/// Sensitive paths among those sent: a flagged directory once (with its totals), files
/// outside flagged directories one by one.
fn sensitive(dir: &Path, sent: &[Sent], per_dir: &BTreeMap<&str, (u64, u64)>) -> Vec<Sensitive> {
    let mut out: Vec<Sensitive> = Vec::new();
    let mut flagged: Vec<String> = Vec::new();
    for s in sent {
        if flagged.iter().any(|d| s.path.starts_with(&format!("{d}/"))) {
            continue;
        }
        let name = s.path.rsplit('/').next().unwrap_or(&s.path);
        let found = match s.kind {
            Kind::Dir => {
                let abs = dir.join(&s.path);
                let has = |child: &str| abs.join(child).exists();
                dir_concern(name, &has).inspect(|_| flagged.push(s.path.clone()))
            }
            Kind::File => {
                let head = || read_head(&dir.join(&s.path));
                file_concern(&s.path, &head)
            }
            _ => None,
        };
        if let Some((concern, why)) = found {
            let (bytes, files) = match s.kind {
                Kind::Dir => per_dir.get(s.path.as_str()).copied().unwrap_or((0, 0)),
                _ => (s.size, 1),
            };
            out.push(Sensitive {
                path: s.path.clone(),
                concern,
                why,
                bytes,
                files,
            });
        }
    }
    out
}

/// The first 4 KiB of a file (to tell a private key from a certificate).
fn read_head(path: &Path) -> Option<Vec<u8>> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut buf = vec![0u8; 4096];
    let n = f.read(&mut buf).ok()?;
    buf.truncate(n);
    Some(buf)
}
