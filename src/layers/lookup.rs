//! Paths of an analysed image's final filesystem looked up as the kernel would: each
//! symlink on the way is followed inside the image (`/bin` → `usr/bin` in a merged-/usr
//! Debian), `..` is taken, and a loop ends after 40 links.

use super::ImageAnalysis;
use super::entries::EntryKind;
use super::paths::{NodeId, ROOT};

/// How many symlinks one lookup follows, as Linux's `MAXSYMLINKS`.
const MAX_LINKS: usize = 40;

impl ImageAnalysis {
    /// The node `path` names in the final filesystem, every symlink followed; `None` when
    /// nothing is there (or the links loop or leave the image's tree).
    pub fn resolve(&self, path: &str) -> Option<NodeId> {
        let mut todo: Vec<String> = parts(path).rev().map(String::from).collect();
        let mut at: Vec<String> = Vec::new();
        let mut links = 0;
        while let Some(part) = todo.pop() {
            match part.as_str() {
                "." => continue,
                ".." => {
                    at.pop();
                    continue;
                }
                _ => {}
            }
            at.push(part);
            let node = self.arena.find(&at.join("/"))?;
            self.final_stack.get(node)?;
            let Some(e) = self.final_stack.entry(&self.contents, node) else {
                continue; // a directory only implied by the paths below it
            };
            match e.kind {
                EntryKind::Whiteout | EntryKind::Opaque => return None,
                EntryKind::Symlink => {
                    links += 1;
                    if links > MAX_LINKS {
                        return None;
                    }
                    let target = String::from_utf8_lossy(e.link.as_deref().unwrap_or_default());
                    at.pop();
                    if target.starts_with('/') {
                        at.clear();
                    }
                    todo.extend(parts(&target).rev().map(String::from).collect::<Vec<_>>());
                }
                _ => {}
            }
        }
        if at.is_empty() {
            Some(ROOT)
        } else {
            self.arena.find(&at.join("/"))
        }
    }

    /// Whether `path` is there in the final filesystem, symlinks followed.
    pub fn exists(&self, path: &str) -> bool {
        self.resolve(path).is_some()
    }
}

fn parts(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    path.split('/').filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::layers::synthetic;

    #[test]
    fn links_on_the_way_are_followed_inside_the_image() {
        let a = synthetic::image(
            &[
                (
                    "FROM debian",
                    vec![
                        ("bin -> usr/bin", 0),
                        ("usr/bin/sh -> dash", 0),
                        ("usr/bin/dash", 10),
                        ("usr/bin/python3 -> /usr/bin/python3.11", 0),
                        ("usr/bin/python3.11", 10),
                        ("loop/a -> b", 0),
                        ("loop/b -> a", 0),
                        ("etc/up -> ../usr/bin/dash", 0),
                        ("usr/bin/wget", 3),
                    ],
                ),
                ("RUN rm /usr/bin/wget", vec![("usr/bin/.wh.wget", 0)]),
            ],
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(a.exists("/bin/sh"), "bin and sh are links");
        assert!(a.exists("/bin/python3"));
        assert!(a.exists("/etc/up"), "a relative link with ..");
        assert!(a.exists("/usr/bin/./dash"));
        assert!(a.exists("/"));
        assert!(!a.exists("/bin/curl"));
        assert!(!a.exists("/usr/bin/wget"), "removed by a later layer");
        assert!(!a.exists("/loop/a"), "a loop ends");
        assert_eq!(a.resolve("/bin/sh"), a.resolve("/usr/bin/dash"));
    }
}
