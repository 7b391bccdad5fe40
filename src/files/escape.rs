//! Raw names shown to people: valid UTF-8 as it is, every byte that is not (and control
//! characters) as `\xNN`, a backslash doubled — so no name is dropped or mistaken for another.

use std::borrow::Cow;

/// `caf\xe9.txt` for the Latin-1 bytes of `café.txt`; plain names come back borrowed.
pub fn escape(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(bytes)
        && !s.chars().any(needs_escape)
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => push_bytes(&mut out, c.to_string().as_bytes()),
                c => out.push(c),
            }
        }
        push_bytes(&mut out, chunk.invalid());
    }
    Cow::Owned(out)
}

/// Is this name escaped when shown (not UTF-8, or holding control characters or `\`)?
pub fn is_escaped(bytes: &[u8]) -> bool {
    matches!(escape(bytes), Cow::Owned(_))
}

fn needs_escape(c: char) -> bool {
    c == '\\' || c.is_control()
}

fn push_bytes(out: &mut String, bytes: &[u8]) {
    use std::fmt::Write;
    for b in bytes {
        let _ = write!(out, "\\x{b:02x}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_borrowed() {
        assert!(matches!(escape(b"manage.py"), Cow::Borrowed("manage.py")));
        assert!(matches!(escape("café".as_bytes()), Cow::Borrowed("café")));
    }

    #[test]
    fn invalid_bytes_and_controls_are_escaped() {
        assert_eq!(escape(b"caf\xe9.txt"), "caf\\xe9.txt");
        assert_eq!(escape(b"\xff\xfe"), "\\xff\\xfe");
        assert_eq!(escape(b"a\nb"), "a\\x0ab");
        assert_eq!(escape(b"a\\b"), "a\\\\b");
        assert_eq!(escape(b"\x1b[31m"), "\\x1b[31m");
        assert!(is_escaped(b"\xff"));
        assert!(!is_escaped(b"ok"));
    }

    #[test]
    fn different_names_stay_different() {
        // The escaped text of a byte and the literal text "\xff" differ.
        assert_ne!(escape(b"\xff"), escape(b"\\xff"));
    }
}
