//! State of the Images view (all images, sortable, dangling marked, marks for comparing) and
//! of the comparison (the guide's "Image Size Comparison" on the user's own images).

use crate::layers::{Comparison, ImageRow, ImageSummary, compare};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSort {
    Size,
    Created,
    Name,
}

#[derive(Default)]
pub struct ImagesState {
    pub rows: Vec<ImageRow>,
    pub loading: bool,
    pub error: Option<String>,
    pub sort: Option<ImageSort>,
    pub selected: usize,
    /// IDs marked for comparison, in the order they were marked (the first is the baseline).
    pub marked: Vec<String>,
    /// An image's layers are open full screen (the layers pane).
    pub opened: bool,
    pub filter: String,
    pub filtering: bool,
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

pub fn short_id(id: &str) -> &str {
    let s = id.strip_prefix("sha256:").unwrap_or(id);
    &s[..s.len().min(12)]
}

impl ImagesState {
    pub fn set_rows(&mut self, mut rows: Vec<ImageRow>) {
        self.loading = false;
        self.error = None;
        self.sort_rows(&mut rows);
        self.rows = rows;
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
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

    pub fn visible(&self) -> Vec<&ImageRow> {
        let f = self.filter.to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                f.is_empty() || image_label(r).to_lowercase().contains(&f) || r.id.contains(&f)
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

/// A comparison being built: one summary per image as its analysis completes.
pub struct CompareState {
    /// Image references (IDs or names), the first is the baseline.
    pub images: Vec<String>,
    /// Labels shown for them.
    pub labels: Vec<String>,
    pub summaries: Vec<Option<ImageSummary>>,
    pub errors: Vec<Option<String>>,
    /// The guide's advice for each image.
    pub findings: Vec<Vec<crate::diagnose::Finding>>,
    pub scroll: usize,
}

impl CompareState {
    pub fn new(images: Vec<String>, labels: Vec<String>) -> Self {
        let n = images.len();
        CompareState {
            images,
            labels,
            summaries: vec![None; n],
            errors: vec![None; n],
            findings: vec![Vec::new(); n],
            scroll: 0,
        }
    }

    pub fn done(&self) -> usize {
        self.summaries.iter().filter(|s| s.is_some()).count()
            + self.errors.iter().filter(|e| e.is_some()).count()
    }

    /// The comparison of the images analysed so far (in their order, labelled).
    pub fn comparison(&self) -> Comparison {
        let ready: Vec<ImageSummary> = self
            .summaries
            .iter()
            .zip(&self.labels)
            .filter_map(|(s, label)| {
                s.clone().map(|mut s| {
                    s.image = label.clone();
                    s
                })
            })
            .collect();
        compare(&ready)
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
