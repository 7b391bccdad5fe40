//! A compact arena of every path seen in any layer: one node per path (parent + interned name),
//! so memory grows with the number of distinct paths, never with the bytes of the files.

use std::collections::HashMap;
use std::sync::Arc;

/// Index of a path in a [`PathArena`]. `ROOT` is `/`.
pub type NodeId = u32;
/// The root directory `/`.
pub const ROOT: NodeId = 0;

/// Why a path from a layer could not be placed in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathProblem {
    /// A `..` component: the path would escape the image root.
    Traversal,
    /// Nothing left after removing `/`, `.` and empty components (the root itself).
    Empty,
}

#[derive(Debug, Default, Clone)]
struct Interner {
    ids: HashMap<Arc<[u8]>, u32>,
    names: Vec<Arc<[u8]>>,
}

impl Interner {
    fn intern(&mut self, name: &[u8]) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        let shared: Arc<[u8]> = Arc::from(name);
        self.names.push(shared.clone());
        self.ids.insert(shared, id);
        id
    }
}

/// All paths of an image, shared by its layers. Children are found through a hash map
/// keyed by (parent, name); [`PathArena::children`] builds a sorted child index on demand.
#[derive(Debug, Clone)]
pub struct PathArena {
    parent: Vec<NodeId>,
    name: Vec<u32>,
    lookup: HashMap<(NodeId, u32), NodeId>,
    names: Interner,
}

impl Default for PathArena {
    fn default() -> Self {
        let mut names = Interner::default();
        let root_name = names.intern(b"");
        PathArena {
            parent: vec![ROOT],
            name: vec![root_name],
            lookup: HashMap::new(),
            names,
        }
    }
}

impl PathArena {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of nodes, the root included.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.len() <= 1
    }

    /// The node of a child, created if new.
    pub fn child(&mut self, parent: NodeId, name: &[u8]) -> NodeId {
        let name_id = self.names.intern(name);
        if let Some(&id) = self.lookup.get(&(parent, name_id)) {
            return id;
        }
        let id = self.parent.len() as NodeId;
        self.parent.push(parent);
        self.name.push(name_id);
        self.lookup.insert((parent, name_id), id);
        id
    }

    /// Places a path as written in a tar header (`./a/b`, `a/b/`, `/a/b`) in the arena.
    pub fn insert(&mut self, path: &[u8]) -> Result<NodeId, PathProblem> {
        let mut node = ROOT;
        let mut any = false;
        for part in path.split(|&b| b == b'/') {
            match part {
                b"" | b"." => continue,
                b".." => return Err(PathProblem::Traversal),
                _ => {
                    node = self.child(node, part);
                    any = true;
                }
            }
        }
        if any {
            Ok(node)
        } else {
            Err(PathProblem::Empty)
        }
    }

    /// Finds an existing path without creating it.
    pub fn find(&self, path: &str) -> Option<NodeId> {
        let mut node = ROOT;
        for part in path.split('/').filter(|p| !p.is_empty() && *p != ".") {
            let name_id = *self.names.ids.get(part.as_bytes())?;
            node = *self.lookup.get(&(node, name_id))?;
        }
        Some(node)
    }

    pub fn parent(&self, node: NodeId) -> NodeId {
        self.parent[node as usize]
    }

    /// The raw bytes of a node's own name (may be non-UTF-8).
    pub fn name_bytes(&self, node: NodeId) -> &[u8] {
        &self.names.names[self.name[node as usize] as usize]
    }

    /// A node's own name for display: non-UTF-8 bytes and control characters escaped
    /// (`caf\xe9`, `a\x1b[31m`), see [`escape_bytes`].
    pub fn name(&self, node: NodeId) -> std::borrow::Cow<'_, str> {
        escape_bytes(self.name_bytes(node))
    }

    /// Depth below the root (`/a` is 1).
    pub fn depth(&self, mut node: NodeId) -> usize {
        let mut d = 0;
        while node != ROOT {
            node = self.parent(node);
            d += 1;
        }
        d
    }

    /// Is `node` equal to or below `ancestor`?
    pub fn is_within(&self, mut node: NodeId, ancestor: NodeId) -> bool {
        loop {
            if node == ancestor {
                return true;
            }
            if node == ROOT {
                return false;
            }
            node = self.parent(node);
        }
    }

    /// The absolute path of a node (`/` for the root), names escaped as by [`Self::name`].
    pub fn path(&self, node: NodeId) -> String {
        if node == ROOT {
            return "/".into();
        }
        let mut parts = Vec::new();
        let mut n = node;
        while n != ROOT {
            parts.push(n);
            n = self.parent(n);
        }
        let mut out = String::new();
        for &p in parts.iter().rev() {
            out.push('/');
            out.push_str(&self.name(p));
        }
        out
    }

    /// Children of every node, sorted by name: `index.of(node)`.
    pub fn children(&self) -> ChildIndex {
        let n = self.parent.len();
        let mut counts = vec![0u32; n + 1];
        for &p in &self.parent[1..] {
            counts[p as usize + 1] += 1;
        }
        for i in 1..=n {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut list = vec![ROOT; n.saturating_sub(1)];
        for id in 1..n {
            let p = self.parent[id] as usize;
            list[fill[p] as usize] = id as NodeId;
            fill[p] += 1;
        }
        for p in 0..n {
            let (a, b) = (counts[p] as usize, counts[p + 1] as usize);
            list[a..b].sort_unstable_by(|&x, &y| self.name_bytes(x).cmp(self.name_bytes(y)));
        }
        ChildIndex {
            offsets: counts,
            list,
        }
    }
}

/// Sorted children of every node of a [`PathArena`], as one flat list.
#[derive(Debug, Clone)]
pub struct ChildIndex {
    offsets: Vec<u32>,
    list: Vec<NodeId>,
}

impl ChildIndex {
    pub fn of(&self, node: NodeId) -> &[NodeId] {
        let i = node as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.list[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Bytes of a name as text: valid UTF-8 as it is, each invalid byte and each control
/// character as `\xNN`, so a name can neither hide its bytes nor drive the terminal.
pub fn escape_bytes(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(bytes)
        && !s.chars().any(char::is_control)
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() {
                // Control characters (Unicode Cc) are all below U+00A0.
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_tar_paths_and_refuses_traversal() {
        let mut a = PathArena::new();
        let x = a.insert(b"./usr/bin/").unwrap();
        assert_eq!(a.insert(b"/usr/bin").unwrap(), x);
        assert_eq!(a.path(x), "/usr/bin");
        assert_eq!(a.insert(b"../etc/passwd"), Err(PathProblem::Traversal));
        assert_eq!(a.insert(b"a/../../b"), Err(PathProblem::Traversal));
        assert_eq!(a.insert(b"./"), Err(PathProblem::Empty));
        assert_eq!(a.find("/usr/bin"), Some(x));
        assert_eq!(a.depth(x), 2);
    }

    #[test]
    fn non_utf8_names_are_kept_and_shown_escaped() {
        let mut a = PathArena::new();
        let n = a.insert(b"data/caf\xe9").unwrap();
        assert_eq!(a.name_bytes(n), b"caf\xe9");
        assert_eq!(a.path(n), "/data/caf\\xe9");
        let esc = a.insert(b"x\x1b[31m\n").unwrap();
        assert_eq!(a.name(esc), "x\\x1b[31m\\x0a");
        let fine = a.insert("d/été".as_bytes()).unwrap();
        assert_eq!(a.name(fine), "été");
    }

    #[test]
    fn children_are_sorted_by_name() {
        let mut a = PathArena::new();
        let d = a.insert(b"d").unwrap();
        a.insert(b"d/b").unwrap();
        a.insert(b"d/a").unwrap();
        let idx = a.children();
        let names: Vec<_> = idx.of(d).iter().map(|&c| a.name(c).to_string()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(idx.of(ROOT), &[d]);
    }
}
