//! Where the history store lives: `$XDG_STATE_HOME/docktor/health.sqlite3`, or
//! `~/.local/state/docktor/health.sqlite3` when XDG_STATE_HOME is unset (the XDG base
//! directory rule, the same on Linux and macOS terminals; two environment variables did
//! not call for a crate).

use std::path::PathBuf;

pub const FILE_NAME: &str = "health.sqlite3";

/// The default store path, from the environment `var` reads (`None`: neither
/// XDG_STATE_HOME nor HOME is set).
pub fn default_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let nonempty = |k: &str| var(k).filter(|v| !v.trim().is_empty());
    let state = match nonempty("XDG_STATE_HOME") {
        // The spec ignores relative paths.
        Some(dir) if dir.starts_with('/') => PathBuf::from(dir),
        _ => PathBuf::from(nonempty("HOME")?).join(".local/state"),
    };
    Some(state.join("docktor").join(FILE_NAME))
}

/// [`default_path`] from the process environment.
pub fn default_from_env() -> Option<PathBuf> {
    default_path(|k| std::env::var(k).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_state_home_then_home() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            default_path(env(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")])),
            Some(PathBuf::from("/s/docktor/health.sqlite3"))
        );
        assert_eq!(
            default_path(env(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/docktor/health.sqlite3"))
        );
        assert_eq!(default_path(env(&[])), None);
    }
}
