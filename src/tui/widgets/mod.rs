//! Pieces that several panes draw with: the text input, the confirmation overlay, share
//! bars, ellipsized cells, text from outside made safe for the terminal.

pub mod confirm;
pub mod text_input;
pub mod wrap;

use ratatui::layout::Rect;

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

/// `s` in at most `w` columns (measured per grapheme, as ratatui does), ending in `…` when
/// it had to be shortened.
pub fn ellipsize(s: &str, w: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = g.width();
        if used + gw + 1 > w {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    out.push('…');
    out
}

/// `s` with nothing but printable text: control characters escaped (`^J`), escape sequences
/// dropped, tabs expanded (the rules of the Logs tab). For text from outside — labels,
/// instructions of image history, file names — that would otherwise reach the terminal.
pub fn clean(s: &str) -> String {
    super::panes::logs::line::parse(s, 0).text
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
        assert_eq!(ellipsize("漢字漢字", 5), "漢字…");
    }
}
