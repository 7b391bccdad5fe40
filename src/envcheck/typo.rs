//! Typos of variable names: a key the app does not expect that is one or two edits
//! (a swap of neighbours counts as one) away from a key it expects and does not get.

/// The largest edit distance read as a typo for a name of `len` characters.
fn max_distance(len: usize) -> usize {
    if len <= 8 { 1 } else { 2 }
}

/// For each of `unknown`, the `expected` name it most likely misspells, if any:
/// `DB_HOTS` → `DB_HOST`, `secret_key` → `SECRET_KEY`.
pub fn typos<'a>(unknown: &[&'a str], expected: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    for u in unknown {
        let up = u.to_ascii_uppercase();
        let best = expected
            .iter()
            .filter(|e| **e != *u)
            .map(|e| (strsim::osa_distance(&up, &e.to_ascii_uppercase()), *e))
            .filter(|(d, e)| *d <= max_distance(e.chars().count()))
            .min();
        if let Some((_, e)) = best {
            out.push((*u, e));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_typos() {
        let expected = ["DB_HOST", "DB_PORT", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"];
        let unknown = [
            "DB_HOTS",
            "SECRET_KY",
            "allowed_hosts",
            "PATH",
            "DEBUGGER",
            "HOME",
        ];
        assert_eq!(
            typos(&unknown, &expected),
            [
                ("DB_HOTS", "DB_HOST"),
                ("SECRET_KY", "SECRET_KEY"),
                ("allowed_hosts", "ALLOWED_HOSTS")
            ]
        );
    }
}
