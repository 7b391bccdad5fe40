//! `docktor layers --quick`: the layer list from inspect + history only (no file analysis),
//! for people (text) and machines (JSON, the same keys as the full report where they exist).

use crate::layers::quick::{BaseRule, ImageLayers};
use crate::layers::units::format_size;
use crate::model::short_id;
use serde_json::{Value, json};

/// Longest instruction shown in a text row.
const INSTRUCTION_CHARS: usize = 70;

/// The JSON document of `docktor layers --quick --format json`.
pub fn json(l: &ImageLayers) -> Value {
    let layers: Vec<Value> = l
        .diff_ids
        .iter()
        .enumerate()
        .map(|(i, diff_id)| {
            let step = l.steps.iter().find(|s| s.layer == Some(i));
            json!({
                "index": i,
                "diff_id": diff_id,
                "created_by": step.map(|s| s.created_by.as_str()).unwrap_or(""),
                "size_bytes": step.map(|s| s.size_bytes).unwrap_or(0),
                "share": step.map(|s| s.share).unwrap_or(0.0),
                "base": step.is_some_and(|s| s.base),
            })
        })
        .collect();
    json!({
        "image": l.image,
        "id": l.id,
        "tags": l.tags,
        "created": l.created,
        "size_bytes": l.size_bytes,
        "base": l.base,
        "layers": layers,
        "history": l.steps,
    })
}

/// The text of `docktor layers --quick`.
pub fn text(l: &ImageLayers) -> String {
    let mut out = format!(
        "{} ({}): {} in {} {}; from inspect + history (no file analysis)\n",
        l.image,
        short_id(&l.id),
        format_size(l.size_bytes),
        l.diff_ids.len(),
        if l.diff_ids.len() == 1 {
            "layer"
        } else {
            "layers"
        },
    );
    if let Some(b) = &l.base {
        let why = match b.rule {
            BaseRule::SharedWithImage => "shared with that local image",
            BaseRule::HistoryBoundary => "from the history",
        };
        out.push_str(&format!(
            "base: {} ({}, {why})\n",
            b.name.as_deref().unwrap_or("unknown image"),
            crate::layers::units::count(b.layers, "layer")
        ));
    }
    out.push_str("\n  #       SIZE  SHARE  INSTRUCTION\n");
    for s in &l.steps {
        let Some(i) = s.layer else { continue };
        let mark = if s.base { "base " } else { "" };
        let cmd: String = s.created_by.chars().take(INSTRUCTION_CHARS).collect();
        out.push_str(&format!(
            "{i:>3} {:>10} {:>5.1}%  {mark}{cmd}\n",
            format_size(s.size_bytes),
            s.share * 100.0,
        ));
    }
    let empty = l.steps.iter().filter(|s| s.empty).count();
    if empty > 0 {
        out.push_str(&format!("    ({empty} metadata-only steps folded)\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::history::{Raw, steps};

    #[test]
    fn the_quick_list_names_layers_and_folds_empty_steps() {
        let raw = [
            Raw {
                created_by: "/bin/sh -c #(nop) COPY file:1 in /bin/busybox".into(),
                size: Some(2_000_000),
                ..Raw::default()
            },
            Raw {
                created_by: "/bin/sh -c #(nop)  ENV A=1".into(),
                size: Some(0),
                ..Raw::default()
            },
        ];
        let l = ImageLayers {
            image: "x:1".into(),
            id: "sha256:0123456789abcdef".into(),
            tags: vec!["x:1".into()],
            created: None,
            size_bytes: 2_000_000,
            env: vec!["SECRET=1".into()],
            user: None,
            diff_ids: vec!["sha256:aa".into()],
            steps: steps(&raw, 1, 2_000_000),
            base: None,
            graph_driver: None,
        };
        let t = text(&l);
        assert!(
            t.starts_with("x:1 (0123456789ab): 2.00 MB in 1 layer;"),
            "{t}"
        );
        assert!(
            t.contains("  0    2.00 MB 100.0%  COPY file:1 in /bin/busybox"),
            "{t}"
        );
        assert!(t.contains("(1 metadata-only steps folded)"), "{t}");
        let j = json(&l);
        assert_eq!(j["layers"][0]["size_bytes"], 2_000_000);
        assert!(
            j.get("env").is_none(),
            "no environment (secrets) in the list"
        );
    }
}
