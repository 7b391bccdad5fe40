//! Asking before doing: a pane (or the app) sends `Effect::Confirm` with a title, the lines
//! of a preview, the default answer (No unless said otherwise) and the effects to run on
//! yes. The app queues the requests and shows one at a time; in `--read-only` every request
//! is refused, since only changes are confirmed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::msg::Effect;
use crate::tui::theme::Theme;

pub struct Confirm {
    /// The question, e.g. `Stop web?`; `subject` (here `web`) is highlighted in it.
    pub title: String,
    pub subject: String,
    /// What would happen, one line each (e.g. what a prune would free).
    pub preview: Vec<String>,
    /// The answer Enter gives.
    pub default_yes: bool,
    pub on_yes: Vec<Effect>,
    /// Said in the status bar on no, e.g. `stop cancelled`.
    pub on_no: String,
}

impl Confirm {
    /// `{verb} {subject}?`, default No, nothing to run yet.
    pub fn new(verb: &str, subject: &str) -> Confirm {
        Confirm {
            title: format!("{} {subject}?", capitalise(verb)),
            subject: subject.to_string(),
            preview: Vec::new(),
            default_yes: false,
            on_yes: Vec::new(),
            on_no: format!("{verb} cancelled"),
        }
    }

    pub fn preview(mut self, lines: Vec<String>) -> Confirm {
        self.preview = lines;
        self
    }

    pub fn on_yes(mut self, effects: Vec<Effect>) -> Confirm {
        self.on_yes = effects;
        self
    }
}

/// The answer a key gives: `y` yes, Enter the default, any other key no.
pub fn answer(c: &Confirm, key: crossterm::event::KeyCode) -> bool {
    use crossterm::event::KeyCode;
    match key {
        KeyCode::Char('y') | KeyCode::Char('Y') => true,
        KeyCode::Enter => c.default_yes,
        _ => false,
    }
}

pub fn draw(f: &mut Frame, area: Rect, c: &Confirm, t: &Theme) {
    let (before, after) = match c.title.rfind(&c.subject) {
        Some(i) if !c.subject.is_empty() => (&c.title[..i], &c.title[i + c.subject.len()..]),
        _ => (c.title.as_str(), ""),
    };
    let subject = if before.len() == c.title.len() {
        ""
    } else {
        c.subject.as_str()
    };
    let mut lines = vec![Line::from(vec![
        Span::raw(before.to_string()),
        Span::styled(subject.to_string(), t.title()),
        Span::raw(after.to_string()),
    ])];
    for p in &c.preview {
        lines.push(Line::styled(p.clone(), t.dim()));
    }
    lines.push(Line::raw(""));
    let yes = if c.default_yes { "y/Enter" } else { "y" };
    lines.push(Line::from(vec![
        Span::styled(yes, t.key()),
        Span::raw(" yes   "),
        Span::styled("any other key", t.key()),
        Span::raw(" no"),
    ]));
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0) as u16;
    let r = super::centered(area, (widest + 4).max(44), lines.len() as u16 + 2);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" confirm ")),
        r,
    );
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    #[test]
    fn no_is_the_default() {
        let c = Confirm::new("stop", "web");
        assert_eq!(c.title, "Stop web?");
        assert_eq!(c.on_no, "stop cancelled");
        assert!(answer(&c, KeyCode::Char('y')));
        assert!(!answer(&c, KeyCode::Enter));
        assert!(!answer(&c, KeyCode::Char('n')));
        assert!(!answer(&c, KeyCode::Esc));
    }
}
