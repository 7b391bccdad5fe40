//! `docktor compare` output beyond the guide's table: the guide's advice for each image, as
//! the TUI's comparison counts it ("6 advice"), in Markdown and JSON.

use serde_json::{Value, json};

use crate::diagnose::Finding;
use crate::layers::Comparison;

/// A table of the advice count per image, then each image's advice.
pub fn advice_markdown(labels: &[String], findings: &[Vec<Finding>]) -> String {
    let mut out = String::from("\n| Image | Advice |\n| ----- | ------ |\n");
    for (label, f) in labels.iter().zip(findings) {
        out.push_str(&format!("| {} | {} |\n", cell(label), f.len()));
    }
    for (label, f) in labels.iter().zip(findings) {
        if f.is_empty() {
            continue;
        }
        out.push_str(&format!("\nAdvice for {}:\n", cell(label)));
        for x in f {
            out.push_str(&format!(
                "- `{}` `{}` ({}): {}\n",
                x.severity, x.id, x.section, x.title
            ));
        }
    }
    out
}

/// The comparison's JSON with `advice[]`: per image, `image`, `count` and `findings[]`.
pub fn to_json(c: &Comparison, labels: &[String], findings: &[Vec<Finding>]) -> Value {
    let mut v = c.to_json();
    let advice: Vec<Value> = labels
        .iter()
        .zip(findings)
        .map(|(label, f)| json!({ "image": label, "count": f.len(), "findings": f }))
        .collect();
    if let Some(map) = v.as_object_mut() {
        map.insert("advice".into(), Value::Array(advice));
    }
    v
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{Finding, Severity};

    #[test]
    fn advice_is_counted_and_listed_per_image() {
        let f = Finding::new(
            "layers.x",
            Severity::Warn,
            crate::diagnose::Section::LayerOptimization,
        )
        .title("Do y");
        let labels = ["a:1".to_string(), "b|2".to_string()];
        let md = advice_markdown(&labels, &[vec![f.clone()], vec![]]);
        assert!(md.contains("| a:1 | 1 |\n| b\\|2 | 0 |"), "{md}");
        assert!(md.contains("Advice for a:1:\n- `warn` `layers.x` (Layer Optimization): Do y"));
        assert!(!md.contains("Advice for b"), "{md}");
        let j = to_json(&crate::layers::compare(&[]), &labels, &[vec![f], vec![]]);
        assert_eq!(j["advice"][0]["count"], 1);
        assert_eq!(j["advice"][1]["findings"], json!([]));
    }
}
