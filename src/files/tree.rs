//! The walked tree, built entry by entry as the stream arrives (so a view can show the
//! first screen before the walk ends): one arena of nodes, parents before children, each
//! directory's size and entry count summed over everything below it. Hard links count their
//! bytes once (at the first name). Directories missing from the stream are made up and
//! counted as problems; nothing is dropped.

use std::collections::HashMap;

use super::entry::{Entry, Kind, components};
use super::escape::escape;

pub type NodeId = u32;

/// The root of every tree.
pub const ROOT: NodeId = 0;

/// One file, directory or link of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The last path component, raw bytes (the root's is empty).
    pub name: Box<[u8]>,
    pub parent: NodeId,
    pub kind: Kind,
    /// Permission bits with setuid, setgid and sticky.
    pub perm: u32,
    pub uid: u32,
    pub gid: u32,
    /// Own bytes (regular files).
    pub size: u64,
    /// Own bytes plus everything below.
    pub total: u64,
    /// Entries below (directories).
    pub count: u32,
    pub link: Option<Box<[u8]>>,
    pub device: Option<(u32, u32)>,
    /// False for a directory made up because an entry below it came without it.
    pub seen: bool,
    /// Index into the mounts the tree was marked with, for a mount point.
    pub mount: Option<u16>,
    pub children: Vec<NodeId>,
}

/// Problems met while building (capped; the count of the rest is kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub list: Vec<String>,
    pub more: usize,
}

impl Problems {
    pub const CAP: usize = 100;

    pub fn push(&mut self, p: String) {
        if self.list.len() < Self::CAP {
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.list.len() + self.more
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A tree rooted at a container path (e.g. `/app`).
#[derive(Debug, Clone)]
pub struct Tree {
    pub(super) root: String,
    pub(super) nodes: Vec<Node>,
    pub(super) dirs: HashMap<Box<[u8]>, NodeId>,
    contents: HashMap<NodeId, Vec<u8>>,
    pub problems: Problems,
    made_up: usize,
}

impl Tree {
    /// An empty tree whose root is `root` (an absolute container path), not yet seen.
    pub fn new(root: &str) -> Tree {
        let mut dirs = HashMap::new();
        dirs.insert(Box::<[u8]>::default(), ROOT);
        Tree {
            root: normalize_root(root),
            nodes: vec![Node::new(Box::default(), ROOT, Kind::Dir, false)],
            dirs,
            contents: HashMap::new(),
            problems: Problems::default(),
            made_up: 0,
        }
    }

    /// The container path of the root.
    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1 && !self.nodes[0].seen
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub(crate) fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id as usize]
    }

    /// Every id, parents before children.
    pub fn ids(&self) -> std::ops::Range<NodeId> {
        0..self.nodes.len() as NodeId
    }

    /// The bytes docktor kept of a small file (see `walk::keep_content`).
    pub fn content(&self, id: NodeId) -> Option<&[u8]> {
        self.contents.get(&id).map(Vec::as_slice)
    }

    /// Directories that had no entry of their own in the stream.
    pub fn made_up(&self) -> usize {
        self.made_up
    }

    /// Adds one entry; returns its node.
    pub fn insert(&mut self, e: Entry) -> NodeId {
        let path = e.path.clone();
        let id = if path.is_empty() {
            self.update(ROOT, &e);
            ROOT
        } else if let (Kind::Dir, Some(&id)) = (e.kind, self.dirs.get(path.as_slice())) {
            self.update(id, &e);
            id
        } else {
            let (parent_path, name) = match path.iter().rposition(|b| *b == b'/') {
                Some(i) => (&path[..i], &path[i + 1..]),
                None => (&path[..0], &path[..]),
            };
            let parent = self.dir(parent_path);
            let id = self.push(parent, name.into(), &e);
            if e.kind == Kind::Dir {
                self.dirs.insert(path.clone().into_boxed_slice(), id);
            }
            id
        };
        if let Some(c) = e.content {
            self.contents.insert(id, c);
        }
        id
    }

    fn update(&mut self, id: NodeId, e: &Entry) {
        let n = &mut self.nodes[id as usize];
        if n.seen {
            self.problems.push(format!(
                "{}: listed twice; the later entry is shown",
                self.path_of(id)
            ));
        }
        let n = &mut self.nodes[id as usize];
        n.kind = e.kind;
        n.perm = e.perm;
        n.uid = e.uid;
        n.gid = e.gid;
        n.link = e.link.clone().map(Vec::into_boxed_slice);
        n.device = e.device;
        n.seen = true;
        let delta = e.size.saturating_sub(n.size);
        n.size = e.size;
        if delta > 0 {
            self.add_up(id, delta, 0);
        }
    }

    /// The directory at `rel`, made up (with its missing parents) when the stream has not
    /// had it.
    fn dir(&mut self, rel: &[u8]) -> NodeId {
        if let Some(&id) = self.dirs.get(rel) {
            return id;
        }
        let mut cur = ROOT;
        let mut prefix: Vec<u8> = Vec::with_capacity(rel.len());
        for c in components(rel) {
            if !prefix.is_empty() {
                prefix.push(b'/');
            }
            prefix.extend_from_slice(c);
            cur = match self.dirs.get(prefix.as_slice()) {
                Some(&id) => id,
                None => {
                    let e = Entry::new(&prefix, Kind::Dir, 0, 0, 0, 0);
                    let id = self.push(cur, c.into(), &e);
                    self.nodes[id as usize].seen = false;
                    self.dirs.insert(prefix.clone().into_boxed_slice(), id);
                    self.made_up += 1;
                    id
                }
            };
        }
        cur
    }

    fn push(&mut self, parent: NodeId, name: Box<[u8]>, e: &Entry) -> NodeId {
        let id = self.nodes.len() as NodeId;
        let mut n = Node::new(name, parent, e.kind, true);
        n.perm = e.perm;
        n.uid = e.uid;
        n.gid = e.gid;
        n.size = e.size;
        n.total = e.size;
        n.link = e.link.clone().map(Vec::into_boxed_slice);
        n.device = e.device;
        self.nodes.push(n);
        self.nodes[parent as usize].children.push(id);
        self.add_up(parent, e.size, 1);
        id
    }

    /// Adds `bytes` and `entries` to `from` and every directory above it.
    fn add_up(&mut self, from: NodeId, bytes: u64, entries: u32) {
        let mut cur = from;
        loop {
            let n = &mut self.nodes[cur as usize];
            n.total = n.total.saturating_add(bytes);
            n.count = n.count.saturating_add(entries);
            if cur == ROOT {
                break;
            }
            cur = n.parent;
        }
    }
}

impl Node {
    fn new(name: Box<[u8]>, parent: NodeId, kind: Kind, seen: bool) -> Node {
        Node {
            name,
            parent,
            kind,
            perm: 0,
            uid: 0,
            gid: 0,
            size: 0,
            total: 0,
            count: 0,
            link: None,
            device: None,
            seen,
            mount: None,
            children: Vec::new(),
        }
    }

    /// The name, escaped for display.
    pub fn display_name(&self) -> std::borrow::Cow<'_, str> {
        escape(&self.name)
    }
}

fn normalize_root(root: &str) -> String {
    let norm = super::entry::normalize(root.as_bytes());
    format!("/{}", String::from_utf8_lossy(&norm))
}
