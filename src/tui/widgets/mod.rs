//! Pieces that several panes draw with: the text input, the confirmation overlay, share
//! bars, ellipsized cells, the "not available yet" text of a tab still to come.

pub mod confirm;
pub mod text_input;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A share bar of `width` cells for `share` in 0..=1, with eighth-cell resolution.
pub fn share_bar(share: f64, width: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(PARTS[eighths % 8]);
    format!("{s:<width$}")
}

/// `s` in at most `w` columns, ending in `…` when it had to be shortened.
pub fn ellipsize(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_string();
    }
    let mut out: String = s.chars().take(w.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// What a tab still to come will show: its title, "not available yet", and the promise.
/// Returns the rows drawn (for paging).
pub fn placeholder(f: &mut Frame, area: Rect, title: &str, promise: &str, t: &Theme) -> usize {
    let lines = vec![
        Line::styled(format!("{title} — not available yet"), t.title()),
        Line::raw(""),
        Line::raw(promise.to_string()),
    ];
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL)),
        area,
    );
    area.height.saturating_sub(2) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_bars_have_a_fixed_width() {
        assert_eq!(share_bar(0.0, 4), "    ");
        assert_eq!(share_bar(1.0, 4), "████");
        assert_eq!(share_bar(0.5, 4), "██  ");
        assert_eq!(share_bar(0.3, 4).chars().count(), 4);
    }

    #[test]
    fn long_names_end_in_an_ellipsis() {
        assert_eq!(
            ellipsize("docktor-fixture/base:668c57f43806", 12),
            "docktor-fix…"
        );
        assert_eq!(ellipsize("web", 12), "web");
        assert_eq!(ellipsize("abc", 0), "…");
    }
}
