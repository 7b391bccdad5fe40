//! What a tree view shows: which folders are open, the sort, the filter, and the rows that
//! follow from them (a depth-first list of visible nodes). Pure: the Files tab keeps one
//! and asks for its rows again when the tree grows or a key changes something.

use std::collections::HashSet;

use super::accounts::Accounts;
use super::tree::{NodeId, ROOT, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Folders first, then byte order of names (as `ls` in the C locale).
    #[default]
    Name,
    /// Largest first (folders by their sum).
    Size,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Name => SortBy::Size,
            SortBy::Size => SortBy::Name,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Size => "size",
        }
    }
}

/// One visible row: a node and how deep it sits below the root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub id: NodeId,
    pub depth: u16,
}

/// Open folders, sort and filter of one tree view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    open: HashSet<NodeId>,
    pub sort: SortBy,
    /// Case-insensitive text the name must contain; `user:NAME` / `group:NAME` match owners.
    pub filter: String,
}

impl Default for Outline {
    fn default() -> Self {
        Outline {
            open: HashSet::from([ROOT]),
            sort: SortBy::Name,
            filter: String::new(),
        }
    }
}

impl Outline {
    pub fn is_open(&self, id: NodeId) -> bool {
        self.open.contains(&id)
    }

    /// Opens a closed folder, closes an open one.
    pub fn toggle(&mut self, id: NodeId) {
        if !self.open.remove(&id) {
            self.open.insert(id);
        }
    }

    pub fn open(&mut self, id: NodeId) {
        self.open.insert(id);
    }

    /// Closes everything but the root.
    pub fn close_all(&mut self) {
        self.open.clear();
        self.open.insert(ROOT);
    }

    /// The visible rows. With a filter, every match is shown with the folders above it
    /// (opened or not); `only`, when given, keeps just those nodes and their folders.
    pub fn rows(
        &self,
        tree: &Tree,
        accounts: &Accounts,
        only: Option<&HashSet<NodeId>>,
    ) -> Vec<Row> {
        let keep = self.kept(tree, accounts, only);
        let mut out = Vec::new();
        let mut stack: Vec<Row> = vec![Row { id: ROOT, depth: 0 }];
        while let Some(row) = stack.pop() {
            out.push(row);
            let n = tree.node(row.id);
            let forced = keep.is_some();
            if n.children.is_empty() || !(forced || self.open.contains(&row.id)) {
                continue;
            }
            let mut kids: Vec<NodeId> = n
                .children
                .iter()
                .copied()
                .filter(|&c| keep.as_ref().is_none_or(|k| k[c as usize]))
                .collect();
            self.sort_ids(tree, &mut kids);
            // Pushed in reverse so the first child pops first.
            stack.extend(kids.into_iter().rev().map(|id| Row {
                id,
                depth: row.depth.saturating_add(1),
            }));
        }
        out
    }

    fn sort_ids(&self, tree: &Tree, ids: &mut [NodeId]) {
        let dir = |id: NodeId| tree.node(id).kind != super::Kind::Dir;
        match self.sort {
            SortBy::Name => ids.sort_by(|&a, &b| {
                dir(a)
                    .cmp(&dir(b))
                    .then_with(|| tree.node(a).name.cmp(&tree.node(b).name))
            }),
            SortBy::Size => ids.sort_by(|&a, &b| {
                tree.node(b)
                    .total
                    .cmp(&tree.node(a).total)
                    .then_with(|| tree.node(a).name.cmp(&tree.node(b).name))
            }),
        }
    }

    /// Which nodes a filter (or `only`) keeps: matches and every folder above one. `None`
    /// when nothing filters.
    fn kept(
        &self,
        tree: &Tree,
        accounts: &Accounts,
        only: Option<&HashSet<NodeId>>,
    ) -> Option<Vec<bool>> {
        let f = self.filter.trim().to_lowercase();
        if f.is_empty() && only.is_none() {
            return None;
        }
        let matches = |id: NodeId| {
            let n = tree.node(id);
            let text_ok = if let Some(u) = f.strip_prefix("user:") {
                accounts.user_name(n.uid).to_lowercase() == u.trim()
            } else if let Some(g) = f.strip_prefix("group:") {
                accounts.group_name(n.gid).to_lowercase() == g.trim()
            } else {
                n.display_name().to_lowercase().contains(&f)
            };
            text_ok && only.is_none_or(|o| o.contains(&id))
        };
        let mut keep = vec![false; tree.len()];
        for id in tree.ids().rev() {
            if keep[id as usize] || (id != ROOT && matches(id)) {
                keep[id as usize] = true;
                let p = tree.node(id).parent as usize;
                keep[p] = true;
            }
        }
        keep[ROOT as usize] = true;
        Some(keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::synthetic::{CLEAN_APP, runtime, tree};

    fn names(t: &Tree, rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                format!(
                    "{}{}",
                    " ".repeat(r.depth as usize),
                    t.node(r.id).display_name()
                )
            })
            .collect()
    }

    #[test]
    fn folders_first_then_names_and_folding() {
        let t = tree("/app", CLEAN_APP);
        let a = runtime("app").accounts;
        let mut o = Outline::default();
        let top = names(&t, &o.rows(&t, &a, None));
        assert_eq!(
            top,
            vec![
                "",
                " .venv",
                " logs",
                " media",
                " project",
                " static",
                " pyproject.toml",
                " start.sh",
                " uv.lock"
            ]
        );
        let project = t.find(b"/app/project").unwrap();
        o.toggle(project);
        assert!(names(&t, &o.rows(&t, &a, None)).contains(&"  manage.py".to_string()));
        o.toggle(project);
        assert_eq!(o.rows(&t, &a, None).len(), 9);
        o.sort = SortBy::Size;
        let by_size = names(&t, &o.rows(&t, &a, None));
        assert_eq!(by_size[1], " .venv", "the largest first");
    }

    #[test]
    fn filters_show_matches_with_their_folders() {
        let t = tree("/app", CLEAN_APP);
        let a = runtime("app").accounts;
        let mut o = Outline {
            filter: "PYC".into(),
            ..Outline::default()
        };
        let shown = names(&t, &o.rows(&t, &a, None));
        assert_eq!(
            shown.last().map(String::as_str),
            Some("      django.cpython-313.pyc")
        );
        assert_eq!(shown.len(), 7);
        o.filter = "user:root".into();
        assert_eq!(
            o.rows(&t, &a, None).len(),
            1,
            "nothing owned by root: the root row only"
        );
        o.filter.clear();
        let only = HashSet::from([t.find(b"/app/media").unwrap()]);
        assert_eq!(names(&t, &o.rows(&t, &a, Some(&only))), vec!["", " media"]);
    }
}
