//! The hint bar: the bindings the app offers now (see `App::hints`), as many whole hints as
//! fit, `? help` first and `q quit` always among them; while typing, the typing hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Hints};
use crate::tui::keys::Hint;

/// Columns a hint takes: ` label desc `, then one space before the next.
fn width(h: &Hint) -> usize {
    Span::raw(h.label).width() + Span::raw(h.desc).width() + 3
}

fn always(h: &Hint) -> bool {
    h.label == "?" || h.label == "q"
}

/// The hints to show in `columns`: help first, then the others in order as long as they fit
/// whole, with `?` and `q` always kept (they fit first).
pub fn fit(mut hints: Vec<Hint>, columns: usize) -> Vec<Hint> {
    if let Some(i) = hints.iter().position(|h| h.label == "?") {
        let help = hints.remove(i);
        hints.insert(0, help);
    }
    let mut room = columns.saturating_sub(hints.iter().filter(|h| always(h)).map(width).sum());
    let mut full = false;
    hints
        .into_iter()
        .filter(|h| {
            if always(h) {
                return true;
            }
            if full || width(h) > room {
                full = true;
                return false;
            }
            room -= width(h);
            true
        })
        .collect()
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let t = app.theme();
    let spans = match app.hints() {
        Hints::Offline => vec![Span::styled(" q", t.key()), Span::raw(" quit")],
        Hints::Typing(what) => vec![Span::styled(format!(" {what}"), t.dim())],
        Hints::Keys(hints) => fit(hints, area.width as usize)
            .into_iter()
            .flat_map(|h| {
                [
                    Span::styled(format!(" {}", h.label), t.key()),
                    Span::raw(format!(" {} ", h.desc)),
                ]
            })
            .collect(),
    };
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(label: &'static str, desc: &'static str) -> Hint {
        Hint { label, desc }
    }

    #[test]
    fn whole_hints_only_with_help_and_quit_kept() {
        let all = vec![
            h("Enter", "open"),
            h("/", "filter"),
            h("a", "all/running"),
            h("q", "quit"),
            h("?", "help"),
        ];
        let labels = |v: Vec<Hint>| v.into_iter().map(|h| h.label).collect::<Vec<_>>();
        assert_eq!(labels(fit(all.clone(), 200)), ["?", "Enter", "/", "a", "q"]);
        // " ? help  q quit " takes 16; " Enter open " 12 more.
        assert_eq!(labels(fit(all.clone(), 27)), ["?", "q"]);
        assert_eq!(labels(fit(all.clone(), 28)), ["?", "Enter", "q"]);
        assert_eq!(labels(fit(all, 3)), ["?", "q"]);
    }
}
