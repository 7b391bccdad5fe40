//! The Health tab's output area: the last try (probe now, HTTP probe) with the sentence
//! that Docker's own health state is not changed, or the selected probe's whole output
//! from where J/K scrolled it.

use ratatui::text::Line;

use super::Health;
use super::model::Model;
use crate::health::output;
use crate::health::probe_now::NOT_DOCKERS;
use crate::tui::theme::Theme;

/// The output area: the last try (probe now, HTTP probe) until the selection moves, else
/// the selected probe's output from the scroll position.
pub fn output_area<'a>(
    m: &'a Model,
    pane: &Health,
    rows: usize,
    t: &Theme,
) -> (Line<'a>, Vec<Line<'a>>) {
    if pane.trying() && pane.trial().is_none() {
        let l = Line::styled("Probe running…", t.header());
        return (l, vec![Line::styled(NOT_DOCKERS, t.dim())]);
    }
    if let Some(tr) = pane.trial() {
        let style = match tr.passed {
            Some(true) => t.ok(),
            Some(false) => t.error(),
            None => t.warn(),
        };
        let mut lines = vec![Line::styled(tr.note.clone(), t.dim())];
        lines.extend(
            tr.lines
                .iter()
                .take(rows.saturating_sub(1))
                .map(|l| Line::raw(l.clone())),
        );
        return (Line::styled(tr.title.clone(), style), lines);
    }
    let Some(p) = m.probe(pane.selected()) else {
        return (
            Line::styled("Output of the selected probe", t.header()),
            Vec::new(),
        );
    };
    let all = p
        .output
        .as_deref()
        .map(output::lines)
        .unwrap_or_else(|| vec!["(output not captured: the daemon had dropped it)"]);
    let total = all.len();
    let first = pane.scroll().min(total.saturating_sub(rows.max(1)));
    let title = if total > rows {
        format!(
            "Output of the selected probe (lines {}–{} of {total}, J/K scroll)",
            first + 1,
            (first + rows).min(total)
        )
    } else {
        "Output of the selected probe".to_string()
    };
    let lines = all
        .into_iter()
        .skip(first)
        .take(rows)
        .map(|l| Line::raw(l.to_string()))
        .collect();
    (Line::styled(title, t.header()), lines)
}
