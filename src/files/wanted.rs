//! The paths outside the walked root that rules ask about, collected from the entries as
//! they stream by (so the gatherer can read them right after the walk): the targets of
//! `.venv/bin/python*` links, the folders `.pth` files and editable finders point at, and
//! the profile's expectation paths.

use std::collections::BTreeSet;

use super::entry::{Entry, normalize};
use super::expect::Expectation;

#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// The walked root, normalised (`app`; empty for `/`).
    root: Vec<u8>,
    /// Paths whose kind, mode and owner matter (expectations).
    full: BTreeSet<String>,
    /// Paths of which only existence matters (link targets, source folders).
    paths: BTreeSet<String>,
}

impl Wanted {
    pub fn new(root: &str, expectations: &[Expectation]) -> Wanted {
        let mut w = Wanted {
            root: normalize(root.as_bytes()),
            full: BTreeSet::new(),
            paths: BTreeSet::new(),
        };
        for e in expectations {
            if e.path.starts_with('/') && !w.covered(e.path.as_bytes()) {
                w.full.insert(e.path.clone());
            }
        }
        w
    }

    /// Is the container path `p` at or under the root?
    fn covered(&self, p: &[u8]) -> bool {
        let p = normalize(p);
        self.root.is_empty()
            || p == self.root
            || (p.starts_with(&self.root) && p.get(self.root.len()) == Some(&b'/'))
    }

    fn add(&mut self, p: &str) {
        if p.starts_with('/') && !self.covered(p.as_bytes()) {
            self.paths.insert(p.to_string());
        }
    }

    /// Looks at one entry of the walk.
    pub fn see(&mut self, e: &Entry) {
        let name = e.path.rsplit(|b| *b == b'/').next().unwrap_or_default();
        if name.starts_with(b"python")
            && let Some(l) = &e.link
            && l.starts_with(b"/")
        {
            self.add(&String::from_utf8_lossy(l));
        }
        let Some(c) = &e.content else { return };
        let text = String::from_utf8_lossy(c);
        if name.ends_with(b".pth") {
            for l in text.lines().map(str::trim) {
                self.add(l);
            }
        } else if name.ends_with(b"_finder.py") {
            for p in quoted_paths(&text) {
                self.add(&p);
            }
        }
    }

    /// Every path wanted.
    pub fn paths(&self) -> Vec<String> {
        self.full.union(&self.paths).cloned().collect()
    }

    /// The paths read entirely (kind, mode and owner).
    pub fn full_paths(&self) -> Vec<String> {
        self.full.iter().cloned().collect()
    }

    /// The paths only checked for existence (not those read entirely anyway).
    pub fn exist_paths(&self) -> Vec<String> {
        self.paths.difference(&self.full).cloned().collect()
    }
}

/// Absolute paths in quotes (`'/home/me/src/pkg'`) — what an `__editable__` finder maps to.
pub fn quoted_paths(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in ['\'', '"'] {
        for (i, p) in text.split(q).enumerate() {
            if i % 2 == 1 && p.starts_with('/') && !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Kind;

    #[test]
    fn links_pth_finders_and_expectations_outside_the_root() {
        let exp: Vec<Expectation> = ["/etc/passwd", "/app/start.sh"]
            .iter()
            .map(|p| toml::from_str(&format!("path = \"{p}\"")).unwrap())
            .collect();
        let mut w = Wanted::new("/app", &exp);
        w.see(
            &Entry::new(b".venv/bin/python", Kind::Symlink, 0o777, 0, 0, 0)
                .with_link(b"/usr/local/bin/python3"),
        );
        w.see(
            &Entry::new(b".venv/bin/python3", Kind::Symlink, 0o777, 0, 0, 0).with_link(b"python"),
        );
        let mut pth = Entry::new(b".venv/x/_p.pth", Kind::File, 0o644, 0, 0, 30);
        pth.content = Some(b"/home/me/src\nimport os\n/app/src\n".to_vec());
        w.see(&pth);
        let mut finder = Entry::new(
            b".venv/x/__editable___p_finder.py",
            Kind::File,
            0o644,
            0,
            0,
            30,
        );
        finder.content = Some(b"MAPPING = {'p': '/Users/me/p/src/p'}".to_vec());
        w.see(&finder);
        assert_eq!(
            w.paths(),
            vec![
                "/Users/me/p/src/p",
                "/etc/passwd",
                "/home/me/src",
                "/usr/local/bin/python3"
            ]
        );
        assert!(Wanted::new("/", &exp).paths().is_empty());
        assert!(!Wanted::new("/app", &[]).covered(b"/application"));
    }
}
