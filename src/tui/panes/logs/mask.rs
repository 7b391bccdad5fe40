//! Secrets out of the Logs tab: a line's shown text with the container's secret values,
//! secret `KEY=value` pairs and URL passwords masked (the `Masker` of `envcheck::mask`),
//! its colours kept where the masking stays inside one run of a style.

use super::line::{Sgr, Shown};
use crate::envcheck::Masker;

/// The line as it shows while secrets are masked; `None` when masking changes nothing.
///
/// Each run of a style is masked on its own when that gives the same text as masking the
/// whole line (the colours then stay); a secret that spans a change of style is masked in
/// the whole line, which then shows in the plain style. Masking never depends on styles.
pub fn masked(shown: &Shown, masker: &Masker) -> Option<Shown> {
    let whole = masker.text(&shown.text);
    if whole == shown.text {
        return None;
    }
    let mut runs = Shown::default();
    for (i, (at, style)) in shown.runs.iter().enumerate() {
        let end = shown.runs.get(i + 1).map_or(shown.text.len(), |r| r.0);
        let Some(part) = shown.text.get(*at..end) else {
            break;
        };
        runs.runs.push((runs.text.len(), *style));
        runs.text.push_str(&masker.text(part));
    }
    if runs.text == whole {
        return Some(runs);
    }
    Some(Shown {
        text: whole,
        runs: vec![(0, Sgr::default())],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::panes::logs::line::parse;

    fn masker() -> Masker {
        let mut m = Masker::default();
        m.learn([("SECRET_KEY", "Pl4nted-secret-key"), ("DEBUG", "1")]);
        m
    }

    #[test]
    fn learnt_values_pairs_and_url_passwords_are_masked() {
        let m = masker();
        let line = |s: &str| masked(&parse(s, 0), &m).map(|s| s.text);
        assert_eq!(
            line("key is Pl4nted-secret-key."),
            Some("key is ***.".into())
        );
        assert_eq!(
            line("DB_PASSWORD=hunter22 connecting"),
            Some("DB_PASSWORD=*** connecting".into())
        );
        assert_eq!(
            line("postgres://app:pw@db/app"),
            Some("postgres://app:***@db/app".into())
        );
        assert_eq!(line("DEBUG=1 nothing secret"), None);
    }

    #[test]
    fn colours_stay_unless_a_secret_spans_them() {
        let m = masker();
        let red = parse("\x1b[31merror\x1b[0m key=Pl4nted-secret-key", 0);
        let out = masked(&red, &m).unwrap_or_default();
        assert_eq!(out.text, "error key=***");
        assert_eq!(out.runs.len(), red.runs.len());
        assert_eq!(out.style_at(0), red.style_at(0));
        // The value's halves in two colours: masked whole, plain.
        let split = parse("Pl4nted-\x1b[32msecret-key\x1b[0m", 0);
        let out = masked(&split, &m).unwrap_or_default();
        assert_eq!(out.text, "***");
        assert_eq!(out.runs, vec![(0, Sgr::default())]);
    }
}
