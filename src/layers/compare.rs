//! Compares images (e.g. the steps of an optimization): size, layer count, improvement over
//! the first image as in the guide's "Image Size Comparison" table, and what grew or shrank.

use super::ImageAnalysis;
use super::entries::EntryKind;
use super::paths::{NodeId, ROOT};
use super::units::format_size;
use serde::Serialize;
use std::collections::BTreeMap;

/// Directories down to this depth get a size in a summary.
const DIR_DEPTH: usize = 3;

/// What a comparison needs of one image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageSummary {
    pub image: String,
    pub id: String,
    pub size_bytes: u64,
    /// (instruction, bytes) of every layer, bottom first.
    pub layers: Vec<(String, u64)>,
    /// Bytes under each directory of the final image, down to depth 3 (`/usr/lib/python3`).
    pub dirs: BTreeMap<String, u64>,
    pub efficiency: Option<f64>,
    pub wasted_bytes: Option<u64>,
}

impl ImageSummary {
    pub fn from_analysis(a: &ImageAnalysis) -> Self {
        let mut dirs: BTreeMap<String, u64> = BTreeMap::new();
        let mut sizes: Vec<u64> = vec![0; a.arena.len()];
        for n in 1..a.arena.len() as NodeId {
            let Some(e) = a.final_stack.entry(&a.contents, n) else {
                continue;
            };
            if e.kind != EntryKind::File || e.size == 0 {
                continue;
            }
            let mut p = a.arena.parent(n);
            while p != ROOT {
                sizes[p as usize] = sizes[p as usize].saturating_add(e.size);
                p = a.arena.parent(p);
            }
        }
        for (n, &s) in sizes.iter().enumerate() {
            if s > 0 && a.arena.depth(n as NodeId) <= DIR_DEPTH {
                dirs.insert(a.arena.path(n as NodeId), s);
            }
        }
        let layers = a
            .layers
            .steps
            .iter()
            .filter(|s| s.layer.is_some())
            .map(|s| (s.created_by.clone(), s.size_bytes))
            .collect();
        ImageSummary {
            image: a.layers.image.clone(),
            id: a.layers.id.clone(),
            size_bytes: a.layers.size_bytes,
            layers,
            dirs,
            efficiency: Some(a.figures.efficiency),
            wasted_bytes: Some(a.figures.wasted_bytes),
        }
    }
}

/// One image's row of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRow {
    pub image: String,
    pub size_bytes: u64,
    pub layers: usize,
    /// Change against the first image, in percent (negative is smaller); `None` for the first.
    pub change_percent: Option<f64>,
    pub efficiency: Option<f64>,
    pub wasted_bytes: Option<u64>,
}

/// A directory or layer that grew or shrank against the first image.
impl CompareRow {
    /// The guide's "Improvement" column: `Baseline`, then `-25%` / `+3%` / `0%` (rounded).
    pub fn improvement(&self) -> String {
        match self.change_percent {
            None => "Baseline".to_string(),
            Some(p) => match p.round() as i64 {
                r if r > 0 => format!("+{r}%"),
                r => format!("{r}%"),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub image: String,
    /// `dir` or `layer`.
    pub kind: &'static str,
    pub name: String,
    pub before: u64,
    pub after: u64,
    pub delta: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub rows: Vec<CompareRow>,
    /// Largest changes first (by absolute bytes), per image against the first.
    pub differences: Vec<Difference>,
}

/// Compares every image with the first.
pub fn compare(analyses: &[ImageSummary]) -> Comparison {
    let Some(base) = analyses.first() else {
        return Comparison {
            rows: Vec::new(),
            differences: Vec::new(),
        };
    };
    let rows = analyses
        .iter()
        .enumerate()
        .map(|(i, s)| CompareRow {
            image: s.image.clone(),
            size_bytes: s.size_bytes,
            layers: s.layers.len(),
            change_percent: (i > 0 && base.size_bytes > 0).then(|| {
                (s.size_bytes as f64 - base.size_bytes as f64) * 100.0 / base.size_bytes as f64
            }),
            efficiency: s.efficiency,
            wasted_bytes: s.wasted_bytes,
        })
        .collect();
    let mut differences = Vec::new();
    for s in analyses.iter().skip(1) {
        let mut d = most_specific(deltas(&s.image, "dir", &base.dirs, &s.dirs));
        d.truncate(10);
        let before: BTreeMap<String, u64> = sum_by_name(&base.layers);
        let after: BTreeMap<String, u64> = sum_by_name(&s.layers);
        let mut l = deltas(&s.image, "layer", &before, &after);
        l.truncate(5);
        differences.extend(d);
        differences.extend(l);
    }
    Comparison { rows, differences }
}

/// Drops a directory whose change is exactly that of a directory below it (`/root`,
/// `/root/.cache` and `/root/.cache/pip` all −200 kB): the deepest one says where it happened.
fn most_specific(dirs: Vec<Difference>) -> Vec<Difference> {
    let keep: Vec<bool> = dirs
        .iter()
        .map(|d| {
            let prefix = format!("{}/", d.name.trim_end_matches('/'));
            !dirs
                .iter()
                .any(|o| o.delta == d.delta && o.before == d.before && o.name.starts_with(&prefix))
        })
        .collect();
    dirs.into_iter()
        .zip(keep)
        .filter_map(|(d, k)| k.then_some(d))
        .collect()
}

fn sum_by_name(layers: &[(String, u64)]) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    for (name, size) in layers {
        let e: &mut u64 = m.entry(name.clone()).or_default();
        *e = e.saturating_add(*size);
    }
    m
}

fn deltas(
    image: &str,
    kind: &'static str,
    a: &BTreeMap<String, u64>,
    b: &BTreeMap<String, u64>,
) -> Vec<Difference> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out: Vec<Difference> = keys
        .into_iter()
        .filter_map(|k| {
            let (x, y) = (
                a.get(k).copied().unwrap_or(0),
                b.get(k).copied().unwrap_or(0),
            );
            let delta = (y as i128 - x as i128).clamp(i64::MIN as i128, i64::MAX as i128) as i64;
            (delta != 0).then(|| Difference {
                image: image.to_string(),
                kind,
                name: k.clone(),
                before: x,
                after: y,
                delta,
            })
        })
        .collect();
    out.sort_by(|p, q| {
        q.delta
            .unsigned_abs()
            .cmp(&p.delta.unsigned_abs())
            .then_with(|| p.name.cmp(&q.name))
    });
    out
}

impl Comparison {
    /// The guide's table: `| Optimization | Image Size | Improvement |`, `Baseline` first.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from(
            "| Optimization | Image Size | Improvement |\n| ------------ | ---------- | ----------- |\n",
        );
        for r in &self.rows {
            let change = r.improvement();
            let size = format_size(r.size_bytes).replace(' ', "");
            out.push_str(&format!(
                "| {} | {size} | {change} |\n",
                r.image.replace('|', "\\|")
            ));
        }
        if !self.differences.is_empty() {
            out.push_str("\n| Image | What | Before | After | Change |\n| ----- | ---- | ------ | ----- | ------ |\n");
            for d in &self.differences {
                let sign = if d.delta >= 0 { "+" } else { "-" };
                out.push_str(&format!(
                    "| {} | {} `{}` | {} | {} | {sign}{} |\n",
                    d.image.replace('|', "\\|"),
                    d.kind,
                    d.name.replace('|', "\\|").replace('`', "'"),
                    format_size(d.before),
                    format_size(d.after),
                    format_size(d.delta.unsigned_abs())
                ));
            }
        }
        out
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod specific_tests {
    use super::*;

    fn d(name: &str, before: u64, after: u64) -> Difference {
        Difference {
            image: "b".into(),
            kind: "dir",
            name: name.into(),
            before,
            after,
            delta: after as i64 - before as i64,
        }
    }

    #[test]
    fn improvement_reads_like_the_guide() {
        let row = |p: Option<f64>| CompareRow {
            image: "x".into(),
            size_bytes: 1,
            layers: 1,
            change_percent: p,
            efficiency: None,
            wasted_bytes: None,
        };
        assert_eq!(row(None).improvement(), "Baseline");
        assert_eq!(row(Some(-25.2)).improvement(), "-25%");
        assert_eq!(row(Some(-0.3)).improvement(), "0%");
        assert_eq!(row(Some(3.6)).improvement(), "+4%");
    }

    #[test]
    fn a_chain_of_equal_changes_keeps_the_deepest() {
        let kept = most_specific(vec![
            d("/root", 200, 0),
            d("/root/.cache", 200, 0),
            d("/root/.cache/pip", 200, 0),
            d("/usr", 500, 100),
        ]);
        let names: Vec<&str> = kept.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["/root/.cache/pip", "/usr"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(image: &str, size: u64, dirs: &[(&str, u64)]) -> ImageSummary {
        ImageSummary {
            image: image.into(),
            id: String::new(),
            size_bytes: size,
            layers: vec![("COPY . /app".into(), size)],
            dirs: dirs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            efficiency: None,
            wasted_bytes: None,
        }
    }

    #[test]
    fn markdown_follows_the_guide_table() {
        let c = compare(&[
            summary("Original", 800_000_000, &[("/usr", 500)]),
            summary("Multi-stage", 600_000_000, &[("/usr", 100)]),
            summary("Optimized", 400_000_000, &[]),
        ]);
        let md = c.to_markdown();
        let table: Vec<&str> = md.lines().take(5).collect();
        assert_eq!(
            table,
            [
                "| Optimization | Image Size | Improvement |",
                "| ------------ | ---------- | ----------- |",
                "| Original | 800MB | Baseline |",
                "| Multi-stage | 600MB | -25% |",
                "| Optimized | 400MB | -50% |",
            ]
        );
        let d = c.differences.iter().find(|d| d.kind == "layer");
        let d = d.map(|d| (d.image.as_str(), d.name.as_str(), d.delta));
        assert_eq!(d, Some(("Multi-stage", "COPY . /app", -200_000_000)));
        assert!(
            c.differences
                .iter()
                .any(|d| d.kind == "dir" && d.name == "/usr" && d.delta == -400)
        );
        assert_eq!(
            c.to_json()["rows"][1]["change_percent"],
            serde_json::json!(-25.0)
        );
    }

    #[test]
    fn empty_input_gives_an_empty_table() {
        let c = compare(&[]);
        assert!(c.rows.is_empty());
        assert_eq!(c.to_markdown().lines().count(), 2);
    }
}
