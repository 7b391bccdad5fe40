//! Renders a layer analysis for people (text) and machines (JSON).

use crate::diagnose::Finding;
pub use crate::diagnose::rules::layers_size::Gate;
use crate::layers::ImageAnalysis;
use crate::layers::units::format_size;
use serde_json::{Value, json};

/// The definitions the UI, README and reports quote.
pub const EFFICIENCY_DEFINITION: &str =
    "efficiency: dive's score, Σ smallest / Σ all copies of every path over the layers";
pub const WASTED_DEFINITION: &str =
    "wasted: bytes of file copies the final image does not show (older copies, deleted files)";

/// How many inefficient files the JSON and text list.
pub const TOP_FILES: usize = 100;

/// The JSON document of `docktor layers --format json`.
pub fn to_json(a: &ImageAnalysis, findings: &[Finding], gates: &[Gate]) -> Value {
    let f = &a.figures;
    let layers: Vec<Value> = a
        .layers
        .diff_ids
        .iter()
        .enumerate()
        .map(|(i, diff_id)| {
            let step = a.layers.steps.iter().find(|s| s.layer == Some(i));
            let st = f.layers.get(i).cloned().unwrap_or_default();
            json!({
                "index": i,
                "diff_id": diff_id,
                "created_by": step.map(|s| s.created_by.as_str()).unwrap_or(""),
                "size_bytes": st.size_bytes,
                "share": if a.layers.size_bytes == 0 { 0.0 } else { st.size_bytes as f64 / a.layers.size_bytes as f64 },
                "base": step.is_some_and(|s| s.base),
                "files": st.files,
                "content_bytes": st.content_bytes,
                "added": st.added,
                "modified": st.modified,
                "removed": st.removed,
                "dead_bytes": st.dead_bytes,
                "problems": a.contents.get(i).map(|c| c.problems.clone()).unwrap_or_default(),
            })
        })
        .collect();
    json!({
        "image": a.layers.image,
        "id": a.layers.id,
        "tags": a.layers.tags,
        "source": a.source,
        "fallback_reason": a.fallback_reason,
        "size_bytes": a.layers.size_bytes,
        "efficiency": f.efficiency,
        "wasted_bytes": f.wasted_bytes,
        "dive_wasted_bytes": f.dive_wasted_bytes,
        "final_bytes": f.final_bytes,
        "final_files": f.final_files,
        "definitions": { "efficiency": EFFICIENCY_DEFINITION, "wasted_bytes": WASTED_DEFINITION },
        "base": a.layers.base,
        "layers": layers,
        "history": a.layers.steps,
        "inefficient_files": f.inefficient.iter().take(TOP_FILES).collect::<Vec<_>>(),
        "inefficient_files_total": f.inefficient.len(),
        "findings": findings,
        "gates": gates,
    })
}

/// The text report of `docktor layers`.
pub fn to_text(a: &ImageAnalysis, findings: &[Finding], gates: &[Gate]) -> String {
    let f = &a.figures;
    let l = &a.layers;
    let mut out = String::new();
    let id = crate::model::short_id(&l.id);
    let via = match a.source {
        crate::layers::Source::Export => "the image export",
        crate::layers::Source::Local => "the local overlay2 layer directories",
        crate::layers::Source::Archive => "the archive",
    };
    out.push_str(&format!(
        "{} ({id}): {} in {}, {}; read from {via}\n",
        l.image,
        format_size(l.size_bytes),
        crate::layers::units::count(l.diff_ids.len(), "layer"),
        crate::layers::units::count(f.final_files as usize, "file")
    ));
    if let Some(r) = &a.fallback_reason {
        out.push_str(&format!("(local read not possible: {r})\n"));
    }
    out.push_str(&format!(
        "efficiency {:.2} %   wasted {} ({} bytes)   [{EFFICIENCY_DEFINITION}; {WASTED_DEFINITION}]\n\n",
        f.efficiency * 100.0,
        format_size(f.wasted_bytes),
        f.wasted_bytes
    ));
    out.push_str("  #       SIZE  SHARE    FILES  +ADD   ~MOD   -DEL  INSTRUCTION\n");
    for s in &l.steps {
        let Some(i) = s.layer else { continue };
        let st = f.layers.get(i).cloned().unwrap_or_default();
        let mark = if s.base { "base " } else { "" };
        let cmd: String = s.created_by.chars().take(70).collect();
        out.push_str(&format!(
            "{i:>3} {:>10} {:>5.1}% {:>8} {:>5} {:>6} {:>6}  {mark}{cmd}\n",
            format_size(s.size_bytes),
            s.share * 100.0,
            st.files,
            st.added,
            st.modified,
            st.removed
        ));
    }
    let empty = l.steps.iter().filter(|s| s.empty).count();
    if empty > 0 {
        out.push_str(&format!("    ({empty} metadata-only steps folded)\n"));
    }
    if !f.inefficient.is_empty() {
        out.push_str(&format!(
            "\nLargest waste ({} paths):\n",
            f.inefficient.len()
        ));
        for i in f.inefficient.iter().take(10) {
            out.push_str(&format!(
                "  {:>10} wasted of {:>10} in {} {}  {}\n",
                format_size(i.wasted_bytes),
                format_size(i.total_bytes),
                i.copies,
                if i.copies == 1 { "copy" } else { "copies" },
                i.path
            ));
        }
    }
    if !findings.is_empty() {
        out.push_str("\nAdvice:\n");
        for x in findings {
            out.push_str(&format!(
                "  [{}] {} ({}): {}\n",
                x.severity, x.id, x.section, x.title
            ));
            out.push_str(&format!(
                "      evidence: {}\n      fix: {}\n",
                x.evidence, x.fix
            ));
        }
    }
    let problems: usize = a.contents.iter().map(|c| c.problems.len()).sum();
    if problems > 0 {
        out.push_str(&format!(
            "\n{problems} entries could not be taken as they were:\n"
        ));
        for (i, c) in a.contents.iter().enumerate() {
            for p in c.problems.iter().take(5) {
                out.push_str(&format!("  layer {i}: {}: {}\n", p.path, p.problem));
            }
        }
    }
    for g in gates {
        let verdict = if g.passed { "passed" } else { "FAILED" };
        out.push_str(&format!(
            "\ngate {}: {} (limit {}, actual {})",
            g.name, verdict, g.limit, g.actual
        ));
    }
    if !gates.is_empty() {
        out.push('\n');
    }
    out
}
