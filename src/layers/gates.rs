//! The CI gates of `docktor layers` (`--min-efficiency`, `--max-wasted`) checked against an
//! analysis: pure, so the command and tests share them.

use super::analyze::ImageAnalysis;
use super::report::Gate;
use super::units::format_size;

/// The gates asked for, checked against an analysis.
pub fn check_gates(
    a: &ImageAnalysis,
    min_efficiency: Option<f64>,
    max_wasted: Option<u64>,
) -> Vec<Gate> {
    let f = &a.figures;
    let mut gates = Vec::new();
    if let Some(min) = min_efficiency {
        gates.push(Gate {
            name: "min-efficiency",
            limit: format!("{min}"),
            actual: format!("{:.5}", f.efficiency),
            passed: f.efficiency >= min,
        });
    }
    if let Some(max) = max_wasted {
        gates.push(Gate {
            name: "max-wasted",
            limit: format_size(max),
            actual: format_size(f.wasted_bytes),
            passed: f.wasted_bytes <= max,
        });
    }
    gates
}
