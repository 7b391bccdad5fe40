//! The one text input behind every filter and search (container list, Images, Layers files,
//! Logs). Editing (cursor, Ctrl-W, Ctrl-U, Home/End…) comes from the `tui-input` crate;
//! this adds what docktor's inputs share: active or not, Enter keeps, Esc clears, the title
//! text with a cursor, the typing hints, and case-insensitive matching.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// The text changed.
    Changed,
    /// Enter: typing ends, the text stays.
    Kept,
    /// Esc: typing ends, the text is cleared.
    Cleared,
    /// Nothing happened (the cursor may have moved).
    Ignored,
}

#[derive(Debug, Clone)]
pub struct TextInput {
    input: Input,
    active: bool,
    /// What typing does: `filter`, `search`.
    verb: &'static str,
    /// What Enter does: `keep`, `find`.
    enter: &'static str,
}

impl TextInput {
    pub fn new(verb: &'static str, enter: &'static str) -> TextInput {
        TextInput {
            input: Input::default(),
            active: false,
            verb,
            enter,
        }
    }

    /// A filter: Enter keeps it, Esc clears it.
    pub fn filter() -> TextInput {
        TextInput::new("filter", "keep")
    }

    /// A search: Enter finds the first match.
    pub fn search() -> TextInput {
        TextInput::new("search", "find")
    }

    /// Starts typing, after the text already there.
    pub fn start(&mut self) {
        self.active = true;
    }

    /// Starts typing a new text.
    pub fn start_empty(&mut self) {
        self.input.reset();
        self.active = true;
    }

    pub fn active(&self) -> bool {
        self.active
    }

    pub fn text(&self) -> &str {
        self.input.value()
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// Clears the text and stops typing.
    pub fn clear(&mut self) {
        self.input.reset();
        self.active = false;
    }

    pub fn on_key(&mut self, key: &KeyEvent) -> Typed {
        match key.code {
            KeyCode::Enter => {
                self.active = false;
                return Typed::Kept;
            }
            KeyCode::Esc => {
                self.clear();
                return Typed::Cleared;
            }
            _ => {}
        }
        let Some(req) = to_input_request(&Event::Key(*key)) else {
            return Typed::Ignored;
        };
        match self.input.handle(req) {
            Some(s) if s.value => Typed::Changed,
            _ => Typed::Ignored,
        }
    }

    /// Whether `haystack` contains the text, ignoring case (an empty text matches all).
    pub fn matches(&self, haystack: &str) -> bool {
        let needle = self.text().to_lowercase();
        needle.is_empty() || haystack.to_lowercase().contains(&needle)
    }

    /// `filter: text▏` for a title while typing or while a text is set; the cursor mark
    /// stands where the cursor is.
    pub fn shown(&self) -> Option<String> {
        if !self.active && self.is_empty() {
            return None;
        }
        let mut s = format!("{}: ", self.verb);
        if self.active {
            let at = self.input.cursor();
            s.extend(self.text().chars().take(at));
            s.push('▏');
            s.extend(self.text().chars().skip(at));
        } else {
            s.push_str(self.text());
        }
        Some(s)
    }

    /// The hint bar while typing.
    pub fn hint(&self) -> String {
        format!("type to {} · Enter {} · Esc clear", self.verb, self.enter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(t: &mut TextInput, s: &str) {
        for c in s.chars() {
            assert_eq!(t.on_key(&k(KeyCode::Char(c))), Typed::Changed);
        }
    }

    #[test]
    fn types_keeps_and_clears() {
        let mut t = TextInput::filter();
        assert_eq!(t.shown(), None);
        t.start();
        typed(&mut t, "wÖr");
        assert_eq!(t.shown().as_deref(), Some("filter: wÖr▏"));
        assert_eq!(t.on_key(&k(KeyCode::Backspace)), Typed::Changed);
        assert_eq!(t.on_key(&k(KeyCode::Enter)), Typed::Kept);
        assert!(!t.active());
        assert_eq!(t.shown().as_deref(), Some("filter: wÖ"));
        assert!(t.matches("Two ölives WÖRK"));
        assert!(!t.matches("nothing"));
        t.start();
        assert_eq!(t.on_key(&k(KeyCode::Esc)), Typed::Cleared);
        assert!(t.is_empty() && !t.active() && t.matches("anything"));
    }

    #[test]
    fn the_cursor_moves_and_edits_in_place() {
        let mut t = TextInput::search();
        t.start_empty();
        typed(&mut t, "ac");
        assert_eq!(t.on_key(&k(KeyCode::Left)), Typed::Ignored);
        typed(&mut t, "b");
        assert_eq!(t.text(), "abc");
        assert_eq!(t.shown().as_deref(), Some("search: ab▏c"));
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(t.on_key(&ctrl_u), Typed::Changed);
        assert_eq!(t.hint(), "type to search · Enter find · Esc clear");
    }
}
