//! Walking a build context as the client of `docker build` does, deciding for every path
//! whether it is sent: BuildKit's walker (fsutil) or the classic builder's tar (moby's
//! archive). Both ask the matcher with the parent directory's results; they differ in when
//! an excluded directory is still entered for an exception below it, and in whether the
//! parent of a re-included file is sent itself (BuildKit) or only implied (classic).
//! Metadata only: nothing is read but the first bytes of files opened to prove access.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use super::matcher::{Decision, MatchInfo, Matcher};

/// Which client-side walker to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Builder {
    /// BuildKit (`DOCKER_BUILDKIT=1`, buildx, the default since Docker 23).
    #[default]
    Buildkit,
    /// The classic builder (`DOCKER_BUILDKIT=0`), which always sends the Dockerfile and
    /// `.dockerignore`.
    Classic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    File,
    Dir,
    Symlink,
    Other,
}

/// One path the build would receive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sent {
    pub path: String,
    pub kind: Kind,
    pub size: u64,
    pub mode: u32,
    pub uid: u32,
}

/// A path the build needs but cannot read (the build fails on it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    pub path: String,
    pub error: String,
}

/// What the walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked {
    pub sent: Vec<Sent>,
    pub unreadable: Vec<Unreadable>,
    pub excluded_files: u64,
    pub excluded_bytes: u64,
    /// Names that are not UTF-8 (matched on their lossy spelling).
    pub non_utf8: Vec<String>,
    /// How many paths each pattern (by index) decided to exclude.
    pub excluded_by: Vec<u64>,
}

/// Walks `root` and decides every path with `m` as `builder` does. `cancel` stops early
/// (`None`); `progress` gets the number of entries seen now and then.
pub fn walk(
    root: &Path,
    m: &Matcher,
    builder: Builder,
    cancel: &AtomicBool,
    progress: &dyn Fn(u64),
) -> Option<Walked> {
    let mut w = Walker {
        m,
        builder,
        cancel,
        progress,
        seen: 0,
        out: Walked {
            excluded_by: vec![0; m.patterns.len()],
            ..Walked::default()
        },
        pending_dirs: Vec::new(),
    };
    w.dir(root, "", &MatchInfo::default(), true)
        .then_some(w.out)
}

struct Walker<'a> {
    m: &'a Matcher,
    builder: Builder,
    cancel: &'a AtomicBool,
    progress: &'a dyn Fn(u64),
    seen: u64,
    out: Walked,
    /// BuildKit: entered-but-excluded directories, sent once something below them is.
    pending_dirs: Vec<Sent>,
}

impl Walker<'_> {
    /// Walks the directory `abs` (relative path `rel`, "" for the root). `sent_dir`: the
    /// directory itself is sent (else it was entered only for exceptions below it).
    fn dir(&mut self, abs: &Path, rel: &str, info: &MatchInfo, sent_dir: bool) -> bool {
        let entries = match fs::read_dir(abs) {
            Ok(rd) => rd,
            Err(e) => {
                if sent_dir {
                    self.unreadable(rel, &e);
                }
                return true;
            }
        };
        let mut names: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        for name in names {
            if self.cancel.load(Ordering::Relaxed) {
                return false;
            }
            self.seen += 1;
            if self.seen.is_multiple_of(4096) {
                (self.progress)(self.seen);
            }
            let lossy = name.to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                lossy
            } else {
                format!("{rel}/{lossy}")
            };
            if std::str::from_utf8(name.as_bytes()).is_err() {
                self.out.non_utf8.push(path.clone());
            }
            let child = abs.join(&name);
            let meta = match fs::symlink_metadata(&child) {
                Ok(m) => m,
                Err(e) => {
                    self.unreadable(&path, &e);
                    continue;
                }
            };
            let (d, child_info) = self.m.matches_using_parent(&path, info);
            let ft = meta.file_type();
            let kind = if ft.is_dir() {
                Kind::Dir
            } else if ft.is_symlink() {
                Kind::Symlink
            } else if ft.is_file() {
                Kind::File
            } else {
                Kind::Other
            };
            let entry = Sent {
                path: path.clone(),
                kind,
                size: if kind == Kind::File { meta.len() } else { 0 },
                mode: meta.mode() & 0o7777,
                uid: meta.uid(),
            };
            if d.excluded {
                let enter = kind == Kind::Dir && self.enter_excluded(&path);
                self.count_excluded(d, &child, kind, meta.len(), enter);
                if enter {
                    self.pending_dirs.push(entry);
                    let depth = self.pending_dirs.len();
                    if !self.dir(&child, &path, &child_info, false) {
                        return false;
                    }
                    self.pending_dirs.truncate(depth - 1);
                }
                continue;
            }
            self.send(entry);
            match kind {
                Kind::Dir if !self.dir(&child, &path, &child_info, true) => return false,
                Kind::File => {
                    if let Err(e) = fs::File::open(&child) {
                        self.unreadable(&path, &e);
                    }
                }
                _ => {}
            }
        }
        true
    }

    /// Whether an excluded directory is entered anyway, for exceptions below it.
    fn enter_excluded(&self, dir: &str) -> bool {
        if !self.m.exclusions() {
            return false;
        }
        match self.builder {
            Builder::Classic => self.m.exception_under(dir, false),
            Builder::Buildkit => {
                !self.m.only_prefix_exceptions() || self.m.exception_under(dir, true)
            }
        }
    }

    fn send(&mut self, entry: Sent) {
        if self.builder == Builder::Buildkit {
            // fsutil sends the excluded directories above a re-included path first (once:
            // later siblings find them sent).
            let pending = std::mem::take(&mut self.pending_dirs);
            self.out.sent.extend(pending);
        }
        self.out.sent.push(entry);
    }

    /// Counts what an exclusion keeps out (a directory not entered: every file below it;
    /// one that is entered has its files counted one by one).
    fn count_excluded(&mut self, d: Decision, abs: &Path, kind: Kind, len: u64, entered: bool) {
        if let Some(by) = d.by
            && let Some(n) = self.out.excluded_by.get_mut(by)
        {
            *n += 1;
        }
        match kind {
            Kind::File => {
                self.out.excluded_files += 1;
                self.out.excluded_bytes += len;
            }
            Kind::Dir if !entered => {
                let (files, bytes) = du(abs);
                self.out.excluded_files += files;
                self.out.excluded_bytes += bytes;
            }
            Kind::Dir => {}
            _ => self.out.excluded_files += 1,
        }
    }

    fn unreadable(&mut self, path: &str, e: &std::io::Error) {
        let shown = if path.is_empty() { "." } else { path };
        self.out.unreadable.push(Unreadable {
            path: shown.to_string(),
            error: e.to_string(),
        });
    }
}

/// Files and bytes below `dir` (metadata only; unreadable parts are left out).
fn du(dir: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                stack.push(e.path());
            } else {
                files += 1;
                if m.is_file() {
                    bytes += m.len();
                }
            }
        }
    }
    (files, bytes)
}
