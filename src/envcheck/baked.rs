//! Secrets baked into the image, as dockle's CIS-DI-0010 looks for them: secret-like keys
//! set by `ENV` in the image config, and build-argument values the history shows
//! (`docker history` prints `|2 DB_PASSWORD=… /bin/sh -c …` for every `RUN` after an `ARG`).
//! Anyone who can pull the image can read them. Never returns a value: only where it is.

use serde::Serialize;

use super::mask::{Masker, url_password};
use super::vars::split_entry;

/// The image side of the facts: its config `Env` and its history's `created_by` lines,
/// oldest first (as the image config lists them).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImageSide {
    pub reference: String,
    pub env: Vec<String>,
    pub history: Vec<String>,
}

/// How a secret got into the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Env,
    BuildArg,
}

/// One secret found in the image: its key, and the history step that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Baked {
    pub key: String,
    pub kind: Kind,
    /// 1-based history step (oldest first), when the history shows where.
    pub step: Option<usize>,
    /// That step's instruction, masked.
    pub instruction: String,
}

/// Names that match the secret patterns but hold public material (the official Python
/// images' `GPG_KEY` is a key fingerprint).
fn public_material(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    k.contains("GPG_KEY") || k.contains("PUBLIC_KEY") || k.ends_with("_FINGERPRINT")
}

fn secret(masker: &Masker, key: &str, value: &str) -> bool {
    !value.is_empty()
        && !public_material(key)
        && (masker.is_secret(key) || url_password(value).is_some())
}

/// Secret-like keys with a value in the image config's `Env`.
pub fn env_secrets(image: &ImageSide, masker: &Masker) -> Vec<Baked> {
    let mut out = Vec::new();
    for entry in &image.env {
        let (key, value) = split_entry(entry);
        if !secret(masker, key, value) {
            continue;
        }
        let step = image.history.iter().rposition(|line| sets_env(line, key));
        out.push(Baked {
            key: key.to_string(),
            kind: Kind::Env,
            step: step.map(|i| i + 1),
            instruction: step
                .map(|i| shorten(&masker.text(&image.history[i])))
                .unwrap_or_default(),
        });
    }
    out
}

/// Whether a history line is an `ENV` instruction that sets `key`.
fn sets_env(line: &str, key: &str) -> bool {
    let l = line.trim();
    let l = l
        .strip_prefix("/bin/sh -c #(nop)")
        .map(str::trim_start)
        .unwrap_or(l);
    let Some(rest) = l.strip_prefix("ENV ") else {
        return false;
    };
    rest.split_whitespace()
        .any(|w| w == key || w.split_once('=').is_some_and(|(k, _)| k == key))
}

/// Build arguments with secret-like names (or URL passwords) that the history shows with
/// their value: `|N K=V … cmd` before a `RUN`, or an `ARG K=default` step.
pub fn build_arg_secrets(image: &ImageSide, masker: &Masker) -> Vec<Baked> {
    let mut out: Vec<Baked> = Vec::new();
    for (i, line) in image.history.iter().enumerate() {
        for (key, value) in build_args(line) {
            if secret(masker, key, value) && !out.iter().any(|b| b.key == key) {
                out.push(Baked {
                    key: key.to_string(),
                    kind: Kind::BuildArg,
                    step: Some(i + 1),
                    instruction: shorten(&masker.text(line)),
                });
            }
        }
    }
    out
}

/// The `K=V` build arguments a history line shows.
fn build_args(line: &str) -> Vec<(&str, &str)> {
    let l = line.trim();
    let l = l.strip_prefix("RUN ").unwrap_or(l);
    if let Some(arg) = l
        .strip_prefix("ARG ")
        .or_else(|| l.strip_prefix("/bin/sh -c #(nop)  ARG "))
        .or_else(|| l.strip_prefix("/bin/sh -c #(nop) ARG "))
    {
        return arg
            .split_whitespace()
            .filter_map(|w| w.split_once('='))
            .collect();
    }
    let Some(rest) = l.strip_prefix('|') else {
        return Vec::new();
    };
    let mut words = rest.split(' ');
    let n = words
        .next()
        .and_then(|w| w.parse::<usize>().ok())
        .unwrap_or(0);
    words.take(n).filter_map(|w| w.split_once('=')).collect()
}

fn shorten(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        s.chars().take(MAX - 1).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn image() -> ImageSide {
        ImageSide {
            reference: "app:1".into(),
            env: [
                "PATH=/usr/bin",
                "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                "SECRET_KEY=baked-in-secret-value",
                "DATABASE_URL=postgres://app:pw123@db/app",
                "API_TOKEN=",
            ]
            .map(String::from)
            .to_vec(),
            history: [
                "/bin/sh -c #(nop) ADD file:abc in / ",
                "/bin/sh -c #(nop)  ARG DB_PASSWORD",
                "|1 DB_PASSWORD=hunter2 /bin/sh -c echo setup",
                "ARG API_KEY=default-key-123",
                "/bin/sh -c #(nop)  ENV SECRET_KEY=baked-in-secret-value DATABASE_URL=postgres://app:pw123@db/app",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    #[test]
    fn env_secrets_with_their_step_and_no_value() {
        let m = Masker::new(&Profile::default());
        let found = env_secrets(&image(), &m);
        let keys: Vec<_> = found.iter().map(|b| (b.key.as_str(), b.step)).collect();
        assert_eq!(keys, [("SECRET_KEY", Some(5)), ("DATABASE_URL", Some(5))]);
        for b in &found {
            assert!(
                !b.instruction.contains("baked-in") && !b.instruction.contains("pw123"),
                "{b:?}"
            );
        }
    }

    #[test]
    fn build_args_in_history() {
        let m = Masker::new(&Profile::default());
        let found = build_arg_secrets(&image(), &m);
        let keys: Vec<_> = found.iter().map(|b| (b.key.as_str(), b.step)).collect();
        assert_eq!(keys, [("DB_PASSWORD", Some(3)), ("API_KEY", Some(4))]);
        for b in &found {
            assert!(
                !b.instruction.contains("hunter2") && !b.instruction.contains("default-key"),
                "{b:?}"
            );
        }
    }
}
