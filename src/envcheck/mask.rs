//! Masking of secrets: the one place that decides what output may show of a value. Every
//! view, report, log line and error message that can carry an env value goes through it.
//!
//! - a value whose key looks secret (the profile's `secret_patterns`: `*SECRET*`, `*KEY*`,
//!   `*PASSWORD*`…) becomes [`MASK`];
//! - a URL with a password keeps everything but the password (`postgres://u:***@db/app`);
//! - in free text (a history line, an error, a log line) `KEY=value` pairs with a secret
//!   key, URL passwords, and the secret values the masker has learnt are masked.
//!
//! Quick use: [`mask`] / [`mask_text`] with the default patterns; [`Masker`] for the
//! profile's patterns, learnt values and the reveal switch (`--reveal`, the TUI's reveal key).

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::profile::{Profile, glob_match};

/// What a masked value (or password) reads as.
pub const MASK: &str = "***";

/// Learnt values shorter than this are not scrubbed from free text (masking every "1"
/// would make text unreadable without protecting anything).
const MIN_LEARNT: usize = 4;

static DEFAULT: LazyLock<Masker> = LazyLock::new(|| Masker::new(&Profile::default()));

/// `value` as output may show it, with the default secret patterns.
pub fn mask(key: &str, value: &str) -> String {
    DEFAULT.value(key, value).into_owned()
}

/// Free `text` with secret `KEY=value` pairs and URL passwords masked (default patterns).
pub fn mask_text(text: &str) -> String {
    DEFAULT.text(text)
}

/// Decides what output shows of values: the secret patterns, the secret values seen (to
/// scrub them from free text), and whether the user asked to reveal them.
#[derive(Debug, Clone)]
pub struct Masker {
    patterns: Vec<String>,
    learnt: Vec<String>,
    reveal: bool,
}

impl Default for Masker {
    /// The default secret patterns, nothing learnt, masking.
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl Masker {
    /// A masker with the profile's `secret_patterns`, masking.
    pub fn new(profile: &Profile) -> Self {
        Masker {
            patterns: profile
                .secret_patterns
                .iter()
                .map(|p| p.to_ascii_uppercase())
                .collect(),
            learnt: Vec::new(),
            reveal: false,
        }
    }

    /// The same masker, revealing (`true`) or masking.
    pub fn revealing(mut self, on: bool) -> Self {
        self.reveal = on;
        self
    }

    /// Whether values are shown as they are (the user asked to).
    pub fn reveals(&self) -> bool {
        self.reveal
    }

    /// Remembers the secret values among `vars` (secret keys, URL passwords), so that
    /// [`Masker::text`] scrubs them wherever they turn up (logs, commands, errors).
    pub fn learn<'a>(&mut self, vars: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (key, value) in vars {
            let secret = if self.is_secret(key) {
                Some(value)
            } else {
                url_password(value).map(|(s, e)| &value[s..e])
            };
            if let Some(v) = secret.filter(|v| v.chars().count() >= MIN_LEARNT)
                && !self.learnt.iter().any(|l| l == v)
            {
                self.learnt.push(v.to_string());
            }
        }
        // Longest first, so a value containing another is masked whole.
        self.learnt.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }

    /// Whether the key's values are secret.
    pub fn is_secret(&self, key: &str) -> bool {
        let key = key.to_ascii_uppercase();
        self.patterns.iter().any(|p| glob_match(p, &key))
    }

    /// Whether output would show `value` of `key` differently than it is.
    pub fn hides(&self, key: &str, value: &str) -> bool {
        !value.is_empty() && (self.is_secret(key) || url_password(value).is_some())
    }

    /// The value of `key` as output may show it. An empty value stays empty (that it is
    /// empty is what the user needs to know).
    pub fn value<'a>(&self, key: &str, value: &'a str) -> Cow<'a, str> {
        if self.reveal || value.is_empty() {
            return Cow::Borrowed(value);
        }
        if self.is_secret(key) {
            return Cow::Borrowed(MASK);
        }
        match url_password(value) {
            Some((s, e)) => Cow::Owned(format!("{}{MASK}{}", &value[..s], &value[e..])),
            None => Cow::Borrowed(value),
        }
    }

    /// Free text with secrets masked: learnt values, `KEY=value` pairs whose key is secret
    /// (as in a build's `|2 DB_PASSWORD=… /bin/sh -c …` or `ENV SECRET_KEY=…`), and URL
    /// passwords.
    pub fn text(&self, text: &str) -> String {
        if self.reveal {
            return text.to_string();
        }
        let mut out = text.to_string();
        for v in &self.learnt {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), MASK);
            }
        }
        let mut words: Vec<String> = Vec::new();
        for word in split_keep_space(&out) {
            words.push(self.word(word).into_owned());
        }
        words.concat()
    }

    /// One whitespace-free word (or a run of whitespace) of free text.
    fn word<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if let Some((k, v)) = word.split_once('=') {
            let key = k.trim_start_matches(['-', '"', '\'']);
            if !key.is_empty()
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !v.is_empty()
                && !v.starts_with(MASK)
            {
                let shown = self.value(key, v);
                if shown != v {
                    return Cow::Owned(format!("{k}={shown}"));
                }
                return Cow::Borrowed(word);
            }
        }
        match url_password(word) {
            Some((s, e)) => Cow::Owned(format!("{}{MASK}{}", &word[..s], &word[e..])),
            None => Cow::Borrowed(word),
        }
    }
}

/// Splits into runs of whitespace and runs of the rest, keeping both.
fn split_keep_space(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in text.char_indices() {
        let s = c.is_whitespace();
        if space.is_some_and(|prev| prev != s) {
            out.push(&text[start..i]);
            start = i;
        }
        space = Some(s);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The byte range of the password in `scheme://user:password@host…`, when there is one.
///
/// Users put `@`, `/` and `:` in passwords without escaping them, so the password runs from
/// the first `:` after the user to the **last** `@` of the value: a URL that no parser accepts
/// still has its password masked (at worst a little more than the password is).
pub fn url_password(value: &str) -> Option<(usize, usize)> {
    let scheme_end = value.find("://")?;
    let scheme = &value[..scheme_end];
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let auth_start = scheme_end + 3;
    let rest = &value[auth_start..];
    let at = rest.rfind('@')?;
    let colon = rest[..at].find(':')?;
    let (s, e) = (auth_start + colon + 1, auth_start + at);
    (s < e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys_are_masked_whole() {
        assert_eq!(mask("SECRET_KEY", "abc"), MASK);
        assert_eq!(mask("db_password", "hunter2"), MASK);
        assert_eq!(mask("AWS_ACCESS_KEY_ID", "AKIA"), MASK);
        assert_eq!(mask("DB_HOST", "db"), "db");
        assert_eq!(mask("SECRET_KEY", ""), "");
    }

    #[test]
    fn url_passwords_are_masked_in_any_key() {
        assert_eq!(
            mask("DATABASE_URL", "postgres://u:pw@db:5432/app"),
            "postgres://u:***@db:5432/app"
        );
        // Unescaped @ and / in the password, a URL no parser accepts: still masked.
        assert_eq!(
            mask("DATABASE_URL", "postgres://u:p@ss/w:rd@db/app"),
            "postgres://u:***@db/app"
        );
        assert_eq!(
            mask("URL", "https://example.com/a@b"),
            "https://example.com/a@b"
        );
        assert_eq!(
            mask("URL", "redis://:pw@cache:6379/0"),
            "redis://:***@cache:6379/0"
        );
        assert_eq!(mask("URL", "postgres://u@db/app"), "postgres://u@db/app");
    }

    #[test]
    fn free_text_masks_pairs_urls_and_learnt_values() {
        assert_eq!(
            mask_text("|2 DB_PASSWORD=hunter2 MODE=prod /bin/sh -c make"),
            "|2 DB_PASSWORD=*** MODE=prod /bin/sh -c make"
        );
        assert_eq!(
            mask_text("/bin/sh -c #(nop)  ENV SECRET_KEY=xyz"),
            "/bin/sh -c #(nop)  ENV SECRET_KEY=***"
        );
        assert_eq!(
            mask_text("could not reach postgres://app:s3cr3t@db/x: refused"),
            "could not reach postgres://app:***@db/x: refused"
        );
        let mut m = Masker::new(&Profile::default());
        m.learn([
            ("SECRET_KEY", "Zm9vYmFy-long"),
            ("DEBUG", "True"),
            ("API_KEY", "ab"),
        ]);
        assert_eq!(m.text("key is Zm9vYmFy-long!"), "key is ***!");
        assert_eq!(m.text("DEBUG True ab"), "DEBUG True ab");
        assert_eq!(
            m.clone().revealing(true).text("Zm9vYmFy-long"),
            "Zm9vYmFy-long"
        );
    }

    #[test]
    fn revealing_shows_values_and_says_so() {
        let m = Masker::new(&Profile::default()).revealing(true);
        assert!(m.reveals());
        assert_eq!(m.value("SECRET_KEY", "abc"), "abc");
        assert!(m.hides("SECRET_KEY", "abc"));
    }

    #[test]
    fn any_character_is_safe() {
        for v in [
            "é://ü:ö@ä",
            "://:@",
            "a://b:c@",
            "x://:@y",
            "ß=ß",
            "\u{feff}K=v",
        ] {
            let _ = mask("K", v);
            let _ = mask_text(v);
        }
    }
}
