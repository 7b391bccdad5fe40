//! A log line as it can be shown: ANSI colour and style sequences (SGR) become styles, other
//! escape sequences (cursor moves, titles, hyperlinks' wrappers) are dropped, tabs expand to
//! the next multiple of 8, and every other control character is shown escaped (`^G`, `^M`,
//! `<U+202E>`), so nothing but text ever reaches the terminal. Emoji modifiers that terminals
//! disagree about (variation selectors, skin tones, joiners between emoji) are left out, so
//! each character takes the width ratatui gives it and a redraw leaves no debris.
//! Parsing with `anstyle-parse` (the VT parser clap already brings in).

use anstyle_parse::{Params, Parser, Perform};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthChar;

/// The style of a stretch of text, before the theme has its say (`NO_COLOR` drops colours).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sgr {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub mods: Modifier,
    /// An escaped control character or docktor's own note (shown dimmed).
    pub note: bool,
}

/// A line ready to draw: `text` holds only printable characters; `runs` say from which byte
/// on which style applies (sorted, the first at 0 when there is any text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub runs: Vec<(usize, Sgr)>,
}

impl Shown {
    /// The style at byte `at`.
    pub fn style_at(&self, at: usize) -> Sgr {
        match self.runs.partition_point(|(s, _)| *s <= at) {
            0 => Sgr::default(),
            i => self.runs[i - 1].1,
        }
    }
}

const TAB: usize = 8;

struct Builder {
    out: Shown,
    cur: Sgr,
    col: usize,
    last: Option<char>,
}

impl Builder {
    fn push(&mut self, s: &str, style: Sgr, width: usize) {
        if self.out.runs.last().map(|(_, st)| *st) != Some(style) {
            self.out.runs.push((self.out.text.len(), style));
        }
        self.out.text.push_str(s);
        self.col += width;
    }

    fn escaped(&mut self, s: &str) {
        let note = Sgr {
            note: true,
            ..Sgr::default()
        };
        self.push(s, note, s.len());
    }
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

/// Format characters that reorder or hide text: shown by their code point.
fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B | 0x200E | 0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF)
}

impl Perform for Builder {
    fn print(&mut self, c: char) {
        let prev = self.last.replace(c);
        match c as u32 {
            // Variation selectors and skin tones: terminals give them different widths.
            0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF => return,
            // A joiner between emoji: terminals draw one glyph or several.
            0x200D if prev.is_some_and(is_emoji) => return,
            _ => {}
        }
        if (c as u32) < 0x20 || c == '\x7f' {
            return self.execute(c as u8);
        }
        if c.is_control() || is_invisible(c) {
            self.escaped(&format!("<U+{:04X}>", c as u32));
            return;
        }
        let mut b = [0u8; 4];
        let w = c.width().unwrap_or(0);
        let style = self.cur;
        self.push(c.encode_utf8(&mut b), style, w);
    }

    fn execute(&mut self, byte: u8) {
        self.last = None;
        match byte {
            b'\t' => {
                let n = TAB - self.col % TAB;
                let style = self.cur;
                self.push(&" ".repeat(n), style, n);
            }
            0x7F => self.escaped("^?"),
            b if b < 0x20 => self.escaped(&format!("^{}", (b + 0x40) as char)),
            b => self.escaped(&format!("<U+{:04X}>", b)),
        }
    }

    fn csi_dispatch(&mut self, params: &Params, _i: &[u8], _ignore: bool, action: u8) {
        if action == b'm' {
            sgr(&mut self.cur, params);
        }
    }
}

/// Parses `raw` (what the container wrote) into what is shown. `cut` bytes were dropped
/// from the end of the line; the line then says so.
pub fn parse(raw: &str, cut: u64) -> Shown {
    let mut b = Builder {
        out: Shown::default(),
        cur: Sgr::default(),
        col: 0,
        last: None,
    };
    let mut p: Parser = Parser::default();
    for byte in raw.bytes() {
        p.advance(&mut b, byte);
    }
    if cut > 0 {
        let size = crate::layers::units::format_size(cut);
        b.escaped(&format!(" … [line cut at 1 MiB: {size} more]"));
    }
    b.out
}

fn basic(n: u16) -> Color {
    match n {
        0 => Color::Black,
        1 => Color::Red,
        2 => Color::Green,
        3 => Color::Yellow,
        4 => Color::Blue,
        5 => Color::Magenta,
        6 => Color::Cyan,
        _ => Color::Gray,
    }
}

fn bright(n: u16) -> Color {
    match n {
        0 => Color::DarkGray,
        1 => Color::LightRed,
        2 => Color::LightGreen,
        3 => Color::LightYellow,
        4 => Color::LightBlue,
        5 => Color::LightMagenta,
        6 => Color::LightCyan,
        _ => Color::White,
    }
}

/// `38;5;N`, `38;2;R;G;B` and their colon forms (`38:5:N`); consumes what it reads.
fn extended(first: &[u16], rest: &mut dyn Iterator<Item = &[u16]>) -> Option<Color> {
    let mut nums: Vec<u16> = first.iter().skip(1).copied().collect();
    let mut next = |nums: &mut Vec<u16>| {
        if nums.is_empty() {
            rest.next().and_then(|p| p.first().copied())
        } else {
            Some(nums.remove(0))
        }
    };
    match next(&mut nums)? {
        5 => Some(Color::Indexed(next(&mut nums)?.min(255) as u8)),
        2 => {
            let r = next(&mut nums)?;
            let g = next(&mut nums)?;
            let b = next(&mut nums)?;
            Some(Color::Rgb(
                r.min(255) as u8,
                g.min(255) as u8,
                b.min(255) as u8,
            ))
        }
        _ => None,
    }
}

fn sgr(st: &mut Sgr, params: &Params) {
    let mut it = params.iter();
    if params.is_empty() {
        *st = Sgr::default();
        return;
    }
    while let Some(p) = it.next() {
        let n = p.first().copied().unwrap_or(0);
        let m = &mut st.mods;
        match n {
            0 => *st = Sgr::default(),
            1 => m.insert(Modifier::BOLD),
            2 => m.insert(Modifier::DIM),
            3 => m.insert(Modifier::ITALIC),
            4 => m.insert(Modifier::UNDERLINED),
            5 | 6 => m.insert(Modifier::SLOW_BLINK),
            7 => m.insert(Modifier::REVERSED),
            8 => m.insert(Modifier::HIDDEN),
            9 => m.insert(Modifier::CROSSED_OUT),
            21 | 22 => m.remove(Modifier::BOLD | Modifier::DIM),
            23 => m.remove(Modifier::ITALIC),
            24 => m.remove(Modifier::UNDERLINED),
            25 => m.remove(Modifier::SLOW_BLINK),
            27 => m.remove(Modifier::REVERSED),
            28 => m.remove(Modifier::HIDDEN),
            29 => m.remove(Modifier::CROSSED_OUT),
            30..=37 => st.fg = Some(basic(n - 30)),
            38 => st.fg = extended(p, &mut it).or(st.fg),
            39 => st.fg = None,
            40..=47 => st.bg = Some(basic(n - 40)),
            48 => st.bg = extended(p, &mut it).or(st.bg),
            49 => st.bg = None,
            90..=97 => st.fg = Some(bright(n - 90)),
            100..=107 => st.bg = Some(bright(n - 100)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_become_styles_and_leave_no_leftovers() {
        let s = parse("\x1b[31mred\x1b[0m plain \x1b[1;38;5;208mhot\x1b[m", 0);
        assert_eq!(s.text, "red plain hot");
        assert_eq!(s.style_at(0).fg, Some(Color::Red));
        assert_eq!(s.style_at(4), Sgr::default());
        let hot = s.style_at(10);
        assert_eq!(hot.fg, Some(Color::Indexed(208)));
        assert!(hot.mods.contains(Modifier::BOLD));
        let rgb = parse("\x1b[38;2;1;2;3mx\x1b[48:5:4my", 0);
        assert_eq!(rgb.style_at(0).fg, Some(Color::Rgb(1, 2, 3)));
        assert_eq!(rgb.style_at(1).bg, Some(Color::Indexed(4)));
    }

    #[test]
    fn other_sequences_go_and_controls_are_escaped() {
        let s = parse(
            "\x1b[2J\x1b[Hclear\x1b]0;title\x07 bell\x07 cr\r nul\0 del\x7f",
            0,
        );
        assert_eq!(s.text, "clear bell^G cr^M nul^@ del^?");
        assert!(s.style_at(s.text.find('^').unwrap_or(0)).note);
        assert!(!s.style_at(0).note);
        assert_eq!(parse("rtl\u{202e}x\u{85}", 0).text, "rtl<U+202E>x<U+0085>");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(parse("a\tb", 0).text, "a       b");
        assert_eq!(parse("12345678\tx", 0).text, "12345678        x");
        // Wide characters count twice.
        assert_eq!(parse("漢\tx", 0).text, "漢      x");
    }

    #[test]
    fn emoji_lose_what_terminals_disagree_about() {
        assert_eq!(
            parse("❤\u{fe0f} 👍\u{1f3fd} 👩\u{200d}💻", 0).text,
            "❤ 👍 👩💻"
        );
        assert_eq!(parse("漢字 😀 🇫🇷", 0).text, "漢字 😀 🇫🇷");
    }

    #[test]
    fn a_cut_line_says_so() {
        let s = parse("xxx", 2_000_000);
        assert!(
            s.text.starts_with("xxx … [line cut at 1 MiB: 2"),
            "{}",
            s.text
        );
        assert!(s.style_at(4).note);
    }
}
