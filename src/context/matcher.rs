//! The pattern list of a `.dockerignore`, applied as moby's patternmatcher applies it: in
//! order, the last pattern that matches a path (or one of its parent directories) decides;
//! `!` patterns re-include. The walk passes each directory's results to its children, as
//! Docker's own walkers do (`MatchesUsingParentResults`), which decides the odd cases.

use super::clean::go_clean;
use super::pattern::Pattern;

/// Which patterns matched a directory (for its children); empty = nothing known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchInfo(Vec<bool>);

/// The patterns, compiled, and whether any is an exception.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    pub patterns: Vec<Pattern>,
    /// The `.dockerignore` line of each pattern (0 for patterns docktor added).
    pub lines: Vec<usize>,
}

/// Whether a path is excluded, and the index of the pattern that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decision {
    pub excluded: bool,
    pub by: Option<usize>,
}

impl Matcher {
    /// Compiles `patterns` (as `ignorefile::read` gives them: `(line, pattern)`) the way
    /// `patternmatcher.New` does. `Err((line, why))` is Docker's refusal of the file.
    pub fn new(patterns: &[(usize, String)]) -> Result<Matcher, (usize, String)> {
        let mut m = Matcher::default();
        for (line, raw) in patterns {
            let p = raw.trim();
            if p.is_empty() {
                continue;
            }
            let p = go_clean(p);
            let (exclusion, text) = match p.strip_prefix('!') {
                Some("") => return Err((*line, "illegal exclusion pattern: \"!\"".into())),
                Some(rest) => (true, rest.to_string()),
                None => (false, p),
            };
            let pattern = Pattern::compile(&text, exclusion).map_err(|e| (*line, e))?;
            m.patterns.push(pattern);
            m.lines.push(*line);
        }
        Ok(m)
    }

    /// Whether any pattern is an exception (`!…`).
    pub fn exclusions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// `MatchesUsingParentResults`: `file`'s decision given its parent directory's info
    /// (empty info: the parents are checked here), and the info for `file`'s children.
    pub fn matches_using_parent(&self, file: &str, parent: &MatchInfo) -> (Decision, MatchInfo) {
        let known = !parent.0.is_empty();
        let mut d = Decision::default();
        let mut info = vec![false; self.patterns.len()];
        for (i, p) in self.patterns.iter().enumerate() {
            let mut hit = known && parent.0.get(i).copied().unwrap_or(false);
            if !hit {
                if p.exclusion != d.excluded {
                    continue;
                }
                hit = p.matches(file);
                if !hit && !known {
                    hit = parents(file).any(|dir| p.matches(dir));
                }
            }
            info[i] = hit;
            if hit {
                d = Decision {
                    excluded: !p.exclusion,
                    by: Some(i),
                };
            }
        }
        (d, MatchInfo(info))
    }

    /// `MatchesOrParentMatches`: the pattern or one of the parent directories matches.
    pub fn matches_or_parent(&self, file: &str) -> Decision {
        self.matches_using_parent(file, &MatchInfo::default()).0
    }

    /// The deprecated `Matches`, which checks only the parent of the pattern's own depth;
    /// the classic builder's client still uses it to decide whether to keep the Dockerfile
    /// and `.dockerignore`.
    pub fn matches_legacy(&self, file: &str) -> bool {
        let parent = match file.rsplit_once('/') {
            Some((dir, _)) => dir,
            None => ".",
        };
        let dirs: Vec<&str> = parent.split('/').collect();
        let mut matched = false;
        for p in &self.patterns {
            if p.exclusion != matched {
                continue;
            }
            let mut hit = p.matches(file);
            let depth = p.text.split('/').count();
            if !hit && parent != "." && depth <= dirs.len() {
                hit = p.matches(&dirs[..depth].join("/"));
            }
            if hit {
                matched = !p.exclusion;
            }
        }
        matched
    }

    /// Whether an excluded directory must still be walked: an exception pattern starts
    /// with it (`dir/` for `!dir/keep`). `strip_glob`: BuildKit first drops a trailing
    /// `/**` or `/*` from the exception.
    pub fn exception_under(&self, dir: &str, strip_glob: bool) -> bool {
        let dir_slash = format!("{dir}/");
        self.patterns.iter().filter(|p| p.exclusion).any(|p| {
            let mut s = p.text.as_str();
            if strip_glob {
                s = s.strip_suffix("/**").unwrap_or(s);
                s = s.strip_suffix("/*").unwrap_or(s);
            }
            format!("{s}/").starts_with(&dir_slash)
        })
    }

    /// BuildKit walks excluded directories only when every exception is a plain prefix
    /// (no `*[]?^\` before a trailing `/*` or `/**`); otherwise it walks them all.
    pub fn only_prefix_exceptions(&self) -> bool {
        self.patterns.iter().filter(|p| p.exclusion).all(|p| {
            let s = p.text.as_str();
            let s = s.strip_suffix("/**").unwrap_or(s);
            let s = s.strip_suffix("/*").unwrap_or(s);
            !s.contains(['*', '[', ']', '?', '^', '\\'])
        })
    }
}

/// `a`, `a/b` for `a/b/c` (Go's `filepath.Dir` split, shortest first).
fn parents(file: &str) -> impl Iterator<Item = &str> {
    file.match_indices('/').map(move |(i, _)| &file[..i])
}
