//! The guide's "Image Size Comparison" table, computed from the demo's real image sizes.

use super::DemoOutcome;

/// The table of the guide (`| Optimization | Image Size | Improvement |`), one row per stage
/// in the guide's order: the original is the baseline, the others show their reduction
/// (to the nearest whole percent, a tie going toward zero as the guide's -37% for 500 of 800 MB).
pub fn size_table(outcome: &DemoOutcome) -> String {
    let baseline = outcome.images.first().map(|i| i.size).unwrap_or(0);
    let rows: Vec<[String; 3]> = outcome
        .images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let improvement = if i == 0 || baseline == 0 {
                "Baseline".to_string()
            } else {
                improvement(baseline, image.size)
            };
            [
                image.stage.label().to_string(),
                format_mb(image.size),
                improvement,
            ]
        })
        .collect();
    let header = ["Optimization", "Image Size", "Improvement"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: [&str; 3]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(header);
    out.push_str(&line(
        widths.map(|w| "-".repeat(w)).each_ref().map(String::as_str),
    ));
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}

/// `-25%` for 600 against 800; `+5%` when bigger.
fn improvement(baseline: u64, size: u64) -> String {
    let change = (size as f64 - baseline as f64) * 100.0 / baseline as f64;
    let magnitude = (change.abs() - 0.5).ceil().max(0.0) as i64;
    let whole = if change < 0.0 { -magnitude } else { magnitude };
    if whole > 0 {
        format!("+{whole}%")
    } else if whole == 0 {
        "0%".to_string()
    } else {
        format!("{whole}%")
    }
}

/// Sizes as the docker CLI shows them (decimal units, 3 significant digits): `8.02MB`,
/// `80.2MB`, `800MB`, `950kB`.
pub fn format_mb(bytes: u64) -> String {
    let b = bytes as f64;
    let (value, unit) = if b >= 1e9 {
        (b / 1e9, "GB")
    } else if b >= 1e6 {
        (b / 1e6, "MB")
    } else {
        (b / 1e3, "kB")
    };
    let decimals = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.decimals$}{unit}")
}

#[cfg(test)]
mod tests {
    use super::super::{DemoImage, Stage};
    use super::*;

    fn image(stage: Stage, size: u64) -> DemoImage {
        DemoImage {
            stage,
            name: stage.repo(),
            tag: format!("{}:0123456789ab", stage.repo()),
            id: "sha256:0".into(),
            size,
            cached: false,
        }
    }

    #[test]
    fn guide_numbers_give_the_guide_table() {
        let outcome = DemoOutcome {
            scale_mb: 100,
            base: image(Stage::Base, 200_000_000),
            images: vec![
                image(Stage::Original, 800_000_000),
                image(Stage::MultiStage, 600_000_000),
                image(Stage::OfficialUv, 500_000_000),
                image(Stage::Optimized, 400_000_000),
            ],
            container: None,
        };
        let expected = "\
| Optimization | Image Size | Improvement |
| ------------ | ---------- | ----------- |
| Original     | 800MB      | Baseline    |
| Multi-stage  | 600MB      | -25%        |
| Official uv  | 500MB      | -37%        |
| Optimized    | 400MB      | -50%        |
";
        assert_eq!(size_table(&outcome), expected);
    }

    #[test]
    fn sizes_and_changes() {
        assert_eq!(format_mb(8_021_000), "8.02MB");
        assert_eq!(format_mb(80_240_000), "80.2MB");
        assert_eq!(format_mb(950_000), "950kB");
        assert_eq!(improvement(8_023_615, 4_011_894), "-50%");
        assert_eq!(improvement(800, 299), "-63%");
        assert_eq!(improvement(800, 840), "+5%");
        assert_eq!(improvement(800, 800), "0%");
    }
}
