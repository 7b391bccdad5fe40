//! Rules over the image's size: wasted bytes, the size budget, and the CI gates on
//! efficiency and wasted bytes (thresholds from the profile or the command line).

use serde::Serialize;

use super::{EXAMPLES, short};
use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::layers::ImageAnalysis;
use crate::layers::history::Step;
use crate::layers::units::format_size;
use crate::profile::Profile;

pub fn wasted(i: &Input) -> Verdict {
    let Some(a) = i.layers() else {
        return Verdict::Pending(Fact::Layers);
    };
    let f = &a.figures;
    let size = a.layers.size_bytes.max(1);
    let big = f.wasted_bytes >= 10_000_000
        || (f.wasted_bytes >= 1_000_000 && f.wasted_bytes * 10 >= size);
    if !big {
        return Verdict::Pass(format!(
            "{} wasted; efficiency {:.1} %",
            format_size(f.wasted_bytes),
            f.efficiency * 100.0
        ));
    }
    let top: Vec<String> = f
        .inefficient
        .iter()
        .take(EXAMPLES)
        .map(|i| {
            format!(
                "{} ({} wasted, copies: {})",
                i.path,
                format_size(i.wasted_bytes),
                i.copies
            )
        })
        .collect();
    Verdict::Fail(vec![i.finding()
        .title(format!("{} of the image are file copies the final image does not show", format_size(f.wasted_bytes)))
        .evidence(format!("{}; efficiency {:.1} %", top.join(", "), f.efficiency * 100.0))
        .paths(f.inefficient.iter().take(EXAMPLES).map(|i| i.path.clone()))
        .fix("Create, change and delete a file in the same RUN; never rewrite or chown a large tree in a later layer; use `COPY --chown`.")])
}

pub fn size_budget(i: &Input) -> Verdict {
    let Some(a) = i.layers() else {
        return Verdict::Pending(Fact::Layers);
    };
    let size = a.layers.size_bytes;
    let budget = i.profile.size_budget_bytes;
    if size <= budget {
        return Verdict::Pass(format!(
            "{} (budget {})",
            format_size(size),
            format_size(budget)
        ));
    }
    let mut steps: Vec<&Step> = a.layers.steps.iter().filter(|s| !s.empty).collect();
    steps.sort_by_key(|s| std::cmp::Reverse(s.size_bytes));
    let top: Vec<String> = steps
        .iter()
        .take(3)
        .map(|s| format!("{} `{}`", format_size(s.size_bytes), short(&s.created_by)))
        .collect();
    Verdict::Fail(vec![i.finding()
        .title(format!("Image is {} (budget {})", format_size(size), format_size(budget)))
        .evidence(format!("largest layers: {}", top.join(", ")))
        .fix("Use a multi-stage build with a slim runtime base, keep build tools and caches out, and widen .dockerignore.")])
}

/// The ids of the gate rules: `docktor layers` exits 1 when one fails, and reports them as
/// gates rather than as advice.
pub const GATE_RULES: [&str; 2] = ["layers.min-efficiency", "layers.max-wasted"];

/// A CI gate as the `layers` report shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gate {
    pub name: &'static str,
    pub limit: String,
    pub actual: String,
    pub passed: bool,
}

/// The gates the profile asks for, checked against an analysis (the rules below and the
/// `layers` report both read them from here).
pub fn gates(a: &ImageAnalysis, profile: &Profile) -> Vec<Gate> {
    let f = &a.figures;
    let mut out = Vec::new();
    if let Some(min) = profile.min_efficiency {
        out.push(Gate {
            name: "min-efficiency",
            limit: format!("{min}"),
            actual: format!("{:.5}", f.efficiency),
            passed: f.efficiency >= min,
        });
    }
    if let Some(max) = profile.max_wasted_bytes {
        out.push(Gate {
            name: "max-wasted",
            limit: format_size(max),
            actual: format_size(f.wasted_bytes),
            passed: f.wasted_bytes <= max,
        });
    }
    out
}

fn gate(i: &Input, name: &str, flag: &str, what: &str) -> Verdict {
    let Some(a) = i.layers() else {
        return Verdict::Pending(Fact::Layers);
    };
    let Some(g) = gates(a, i.profile).into_iter().find(|g| g.name == name) else {
        return Verdict::NotApplicable(format!(
            "no gate set (--{flag}, or {flag_key} under [layers] in docktor.toml)",
            flag_key = flag.replace('-', "_")
        ));
    };
    if g.passed {
        return Verdict::Pass(format!("{what} {} (gate {})", g.actual, g.limit));
    }
    Verdict::Fail(vec![i.finding()
        .title(format!("{what} {} fails the gate {}", g.actual, g.limit))
        .evidence(format!("{name}: limit {}, actual {}", g.limit, g.actual))
        .fix("See the wasted files (`docktor layers IMAGE`, or w in the Layers tab) and the advice; fix the layers that copy files again.")])
}

pub fn min_efficiency(i: &Input) -> Verdict {
    gate(i, "min-efficiency", "min-efficiency", "efficiency")
}

pub fn max_wasted(i: &Input) -> Verdict {
    gate(i, "max-wasted", "max-wasted", "wasted")
}
