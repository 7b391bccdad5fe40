//! State of the Images view: all images, sortable, dangling ones marked, a filter, and the
//! marks of the images chosen for a comparison (the first is the baseline).

use crate::layers::ImageRow;
use crate::model::short_id;
use crate::tui::widgets::text_input::TextInput;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSort {
    Size,
    Created,
    Name,
}

pub struct ImagesState {
    pub rows: Vec<ImageRow>,
    pub loading: bool,
    pub error: Option<String>,
    pub sort: Option<ImageSort>,
    pub selected: usize,
    /// IDs marked for comparison, in the order they were marked (the first is the baseline).
    pub marked: Vec<String>,
    pub filter: TextInput,
}

impl Default for ImagesState {
    fn default() -> Self {
        ImagesState {
            rows: Vec::new(),
            loading: false,
            error: None,
            sort: None,
            selected: 0,
            marked: Vec::new(),
            filter: TextInput::filter(),
        }
    }
}

/// The name people know an image by: its first tag, else its short ID.
/// (A `:latest` tag first: content-hash tags are for machines.)
pub fn image_label(row: &ImageRow) -> String {
    let tags = || row.tags.iter().filter(|t| !t.ends_with(":<none>"));
    let first = tags()
        .find(|t| t.ends_with(":latest"))
        .or_else(|| tags().next());
    match first {
        Some(t) if tags().count() > 1 => format!("{t} (+{})", tags().count() - 1),
        Some(t) => t.clone(),
        None => short_id(&row.id).to_string(),
    }
}

impl ImagesState {
    /// A fresh list: images gone from the engine leave the view, and their marks with
    /// them; the selection stays on its image when it is still there.
    pub fn set_rows(&mut self, mut rows: Vec<ImageRow>) {
        let was = self.selected_row().map(|r| r.id.clone());
        self.loading = false;
        self.error = None;
        self.sort_rows(&mut rows);
        self.rows = rows;
        let rows = &self.rows;
        self.marked.retain(|m| rows.iter().any(|r| r.id == *m));
        let vis = self.visible();
        self.selected = was
            .and_then(|id| vis.iter().position(|r| r.id == id))
            .unwrap_or(self.selected)
            .min(vis.len().saturating_sub(1));
    }

    fn sort_rows(&self, rows: &mut [ImageRow]) {
        match self.sort.unwrap_or(ImageSort::Size) {
            ImageSort::Size => {
                rows.sort_by(|a, b| b.size_bytes.cmp(&a.size_bytes).then(a.id.cmp(&b.id)))
            }
            ImageSort::Created => {
                rows.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)))
            }
            ImageSort::Name => rows.sort_by_key(image_label),
        }
    }

    pub fn cycle_sort(&mut self) {
        self.sort = Some(match self.sort.unwrap_or(ImageSort::Size) {
            ImageSort::Size => ImageSort::Created,
            ImageSort::Created => ImageSort::Name,
            ImageSort::Name => ImageSort::Size,
        });
        let mut rows = std::mem::take(&mut self.rows);
        self.sort_rows(&mut rows);
        self.rows = rows;
    }

    /// The images the filter picks: any of their tags, or their ID, contains it.
    pub fn visible(&self) -> Vec<&ImageRow> {
        let id_part = self.filter.text().to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                r.tags.iter().any(|t| self.filter.matches(t))
                    || short_id(&r.id).contains(&id_part)
                    || (r.dangling && self.filter.matches("<dangling>"))
            })
            .collect()
    }

    pub fn selected_row(&self) -> Option<&ImageRow> {
        self.visible().get(self.selected).copied()
    }

    /// Marks or unmarks the selected image for comparison.
    pub fn toggle_mark(&mut self) {
        let Some(id) = self.selected_row().map(|r| r.id.clone()) else {
            return;
        };
        match self.marked.iter().position(|m| *m == id) {
            Some(i) => {
                self.marked.remove(i);
            }
            None => self.marked.push(id),
        }
    }

    /// The label of an image ID, when the list knows it.
    pub fn label_of(&self, id: &str) -> String {
        self.rows
            .iter()
            .find(|r| r.id == id)
            .map(image_label)
            .unwrap_or_else(|| id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, tag: &str, size: u64, created: i64) -> ImageRow {
        ImageRow {
            id: id.into(),
            tags: if tag.is_empty() {
                vec![]
            } else {
                vec![tag.into()]
            },
            size_bytes: size,
            created,
            dangling: tag.is_empty(),
        }
    }

    #[test]
    fn sorts_by_size_then_created_then_name() {
        let mut s = ImagesState::default();
        s.set_rows(vec![
            row("sha256:a", "b:1", 10, 3),
            row("sha256:b", "a:1", 30, 1),
            row("sha256:c", "", 20, 2),
        ]);
        assert_eq!(
            s.rows.iter().map(|r| r.size_bytes).collect::<Vec<_>>(),
            [30, 20, 10]
        );
        s.cycle_sort();
        assert_eq!(
            s.rows.iter().map(|r| r.created).collect::<Vec<_>>(),
            [3, 2, 1]
        );
        s.cycle_sort();
        assert_eq!(image_label(&s.rows[0]), "a:1");
        assert_eq!(image_label(&s.rows[2]), "c");
    }

    #[test]
    fn the_filter_sees_every_tag_and_removed_images_lose_their_marks() {
        let mut s = ImagesState::default();
        let mut a = row("sha256:aaaa", "web:latest", 30, 1);
        a.tags.push("registry.local/shop/web:1.4".into());
        s.set_rows(vec![a.clone(), row("sha256:bbbb", "db:1", 20, 1)]);
        for c in "shop".chars() {
            s.filter.start();
            s.filter.on_key(&crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            ));
        }
        assert_eq!(s.visible().len(), 1, "the second tag matches");
        s.filter.clear();
        s.selected = 1;
        s.toggle_mark();
        s.selected = 0;
        s.toggle_mark();
        assert_eq!(s.marked, ["sha256:bbbb", "sha256:aaaa"]);
        // db:1 is removed: it leaves the view and the marks.
        s.set_rows(vec![a]);
        assert_eq!(s.marked, ["sha256:aaaa"]);
        assert_eq!(s.visible().len(), 1);
    }

    #[test]
    fn marks_keep_their_order() {
        let mut s = ImagesState::default();
        s.set_rows(vec![
            row("sha256:a", "a:1", 30, 1),
            row("sha256:b", "b:1", 20, 1),
        ]);
        s.selected = 1;
        s.toggle_mark();
        s.selected = 0;
        s.toggle_mark();
        assert_eq!(s.marked, ["sha256:b", "sha256:a"]);
        s.toggle_mark();
        assert_eq!(s.marked, ["sha256:b"]);
    }
}
