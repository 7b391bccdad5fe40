//! `docktor compare IMAGE...`: the guide's "Image Size Comparison" of the images (the first
//! is the baseline), the largest differences, and the guide's advice for each image — the
//! same analyses, profile and advice as the TUI's comparison.

use super::layers::pretty;
use super::{EXIT_OK, clear_progress, connect, emit, terminal_progress};
use crate::cli::{Cli, CompareArgs, TableFormat};
use crate::layers::{AnalysisCache, AnalyzeOptions, ImageSummary, Via, compare};
use crate::profile::Profile;
use crate::report;

pub async fn run(cli: &Cli, args: &CompareArgs, profile: &Profile) -> Result<u8, String> {
    let engine = connect(cli).await.map_err(|e| e.to_string())?;
    let opts = AnalyzeOptions {
        via: Via::Auto,
        local_daemon: engine.is_local(),
        control: terminal_progress(),
    };
    // An image named twice is analysed once.
    let cache = AnalysisCache::new(args.images.len());
    let mut summaries = Vec::with_capacity(args.images.len());
    let mut findings = Vec::with_capacity(args.images.len());
    for image in &args.images {
        let a = cache.analyze(&engine, image, &opts).await;
        clear_progress();
        let a = a.map_err(|e| e.to_string())?;
        let mut summary = ImageSummary::from_analysis(&a);
        summary.image = image.clone();
        findings.push(crate::diagnose::advise_layers(a.clone(), profile));
        summaries.push(summary);
    }
    let c = compare(&summaries);
    let labels: Vec<String> = summaries.iter().map(|s| s.image.clone()).collect();
    let text = match args.format {
        TableFormat::Json => pretty(&report::compare::to_json(&c, &labels, &findings)) + "\n",
        TableFormat::Markdown => {
            c.to_markdown() + &report::compare::advice_markdown(&labels, &findings)
        }
    };
    emit(&text)?;
    Ok(EXIT_OK)
}
