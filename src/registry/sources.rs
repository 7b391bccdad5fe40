//! Which registries a build needs: the profile's base image (the guide's uv image by
//! default), every image a Dockerfile pulls (`FROM`, `COPY --from=`, `RUN --mount=from=`,
//! with `ARG` defaults substituted and stage names left out), and every image named in an
//! image's history. One target per registry: reaching it is what is checked.

use std::collections::BTreeMap;

use serde::Serialize;

use super::reference::{self, Reference};

/// A registry to check, the image to ask it for, and who names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub registry: String,
    /// The first image named for this registry (asked for in the check).
    pub image: String,
    /// Where each image naming it comes from: `profile base_image`, `Dockerfile:3`,
    /// `history layer 4`.
    pub named_by: Vec<String>,
}

/// Collects targets in the order they are added, one per registry.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    list: Vec<Target>,
    /// Names that are not image references, with where they were found.
    pub invalid: Vec<(String, String)>,
}

impl Targets {
    /// Adds `image` found at `source`; `scratch` and unparsable names are set aside.
    pub fn add(&mut self, image: &str, source: &str) {
        let image = image.trim();
        if image.eq_ignore_ascii_case("scratch") || image.is_empty() {
            return;
        }
        let r: Reference = match reference::parse(image) {
            Ok(r) => r,
            Err(e) => {
                self.invalid.push((format!("{source}: {image}"), e));
                return;
            }
        };
        let by = format!("{source}: {image}");
        match self.list.iter_mut().find(|t| t.registry == r.registry) {
            Some(t) => {
                if !t.named_by.contains(&by) {
                    t.named_by.push(by);
                }
            }
            None => self.list.push(Target {
                registry: r.registry,
                image: image.to_string(),
                named_by: vec![by],
            }),
        }
    }

    /// The images a Dockerfile pulls.
    pub fn add_dockerfile(&mut self, text: &str, name: &str) {
        for (line, image) in dockerfile_images(text) {
            self.add(&image, &format!("{name}:{line}"));
        }
    }

    /// The images named in an image's history (`created_by` of each layer, oldest first).
    pub fn add_history<'a>(&mut self, created_by: impl Iterator<Item = &'a str>) {
        for (i, c) in created_by.enumerate() {
            for image in history_images(c) {
                self.add(&image, &format!("history step {i}"));
            }
        }
    }

    pub fn into_vec(self) -> Vec<Target> {
        self.list
    }

    pub fn list(&self) -> &[Target] {
        &self.list
    }
}

/// Logical lines of a Dockerfile (continuations joined, comments dropped), numbered by
/// their first physical line.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut escape = '\\';
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut directives = true;
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if directives {
            if let Some(v) = t
                .strip_prefix('#')
                .map(str::trim)
                .and_then(|d| d.strip_prefix("escape="))
            {
                escape = v.trim().chars().next().unwrap_or('\\');
                continue;
            }
            if !t.starts_with('#') || t.is_empty() {
                directives = false;
            }
        }
        if t.starts_with('#') || (t.is_empty() && cur.is_empty()) {
            continue;
        }
        if cur.is_empty() {
            start = i + 1;
        }
        match t.strip_suffix(escape) {
            Some(body) => {
                cur.push_str(body);
                cur.push(' ');
            }
            None => {
                cur.push_str(t);
                out.push((start, std::mem::take(&mut cur)));
            }
        }
    }
    if !cur.is_empty() {
        out.push((start, cur));
    }
    out
}

/// `$NAME`, `${NAME}`, `${NAME:-default}` with the build args known so far.
fn substitute(s: &str, args: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (name, default, next) = if chars.get(i + 1) == Some(&'{') {
            let end = chars[i..].iter().position(|c| *c == '}').map(|p| i + p);
            let Some(end) = end else {
                out.push('$');
                i += 1;
                continue;
            };
            let inner: String = chars[i + 2..end].iter().collect();
            match inner.split_once(":-") {
                Some((n, d)) => (n.to_string(), Some(d.to_string()), end + 1),
                None => (inner, None, end + 1),
            }
        } else {
            let n: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                .collect();
            let len = n.chars().count();
            (n, None, i + 1 + len)
        };
        if let Some(v) = args
            .get(&name)
            .filter(|v| !v.is_empty())
            .cloned()
            .or(default)
        {
            out.push_str(&v);
        }
        i = next;
    }
    out
}

/// `(line, image)` for every image a Dockerfile pulls.
pub fn dockerfile_images(text: &str) -> Vec<(usize, String)> {
    let mut args: BTreeMap<String, String> = BTreeMap::new();
    let mut stages: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut before_from = true;
    for (line, l) in logical_lines(text) {
        let mut words = l.split_whitespace();
        let Some(instr) = words.next() else { continue };
        let rest: Vec<&str> = words.collect();
        match instr.to_ascii_uppercase().as_str() {
            "ARG" if before_from => {
                for a in &rest {
                    let (k, v) = a.split_once('=').unwrap_or((a, ""));
                    args.insert(k.to_string(), v.trim_matches('"').to_string());
                }
            }
            "FROM" => {
                before_from = false;
                let plain: Vec<&&str> = rest.iter().filter(|w| !w.starts_with("--")).collect();
                if let Some(image) = plain.first() {
                    let image = substitute(image, &args);
                    if !stages.iter().any(|s| s.eq_ignore_ascii_case(&image)) {
                        out.push((line, image));
                    }
                }
                if let (Some(kw), Some(name)) = (plain.get(1), plain.get(2))
                    && kw.eq_ignore_ascii_case("as")
                {
                    stages.push(name.to_string());
                }
            }
            "COPY" | "ADD" | "RUN" => {
                for w in &rest {
                    let from = w.strip_prefix("--from=").map(str::to_string).or_else(|| {
                        w.strip_prefix("--mount=").and_then(|m| {
                            m.split(',')
                                .find_map(|kv| kv.strip_prefix("from=").map(str::to_string))
                        })
                    });
                    if let Some(f) = from {
                        let f = substitute(&f, &args);
                        let stage = stages.iter().any(|s| s.eq_ignore_ascii_case(&f))
                            || f.chars().all(|c| c.is_ascii_digit());
                        if !stage {
                            out.push((line, f));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Images a history line names: `--from=IMAGE`, `FROM IMAGE`, `--mount=…,from=IMAGE`.
fn history_images(created_by: &str) -> Vec<String> {
    let words: Vec<&str> = created_by.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(f) = w.strip_prefix("--from=") {
            out.push(f.to_string());
        } else if let Some(m) = w.strip_prefix("--mount=") {
            out.extend(
                m.split(',')
                    .filter_map(|kv| kv.strip_prefix("from="))
                    .map(str::to_string),
            );
        } else if w.eq_ignore_ascii_case("FROM")
            && let Some(next) = words.get(i + 1)
        {
            out.push(next.to_string());
        }
    }
    // Stage names and indexes carry no registry: keep what looks like a registry path.
    out.retain(|s| s.contains('/') && !s.chars().all(|c| c.is_ascii_digit()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "\
# syntax=docker/dockerfile:1
ARG PY=3.13
FROM ghcr.io/astral-sh/uv:latest-python${PY}-bookworm-slim AS builder
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --locked --no-install-project --no-dev
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/
FROM --platform=$BUILDPLATFORM python:${PY}-slim-bookworm
COPY --from=builder /app /app
COPY --from=0 /x /y
RUN --mount=type=bind,from=localhost:5000/tools,target=/t true
FROM builder AS test
FROM scratch
";

    #[test]
    fn dockerfile_images_with_args_stages_and_continuations() {
        assert_eq!(
            dockerfile_images(GUIDE),
            [
                (
                    3,
                    "ghcr.io/astral-sh/uv:latest-python3.13-bookworm-slim".to_string()
                ),
                (6, "ghcr.io/astral-sh/uv:0.5".to_string()),
                (7, "python:3.13-slim-bookworm".to_string()),
                (10, "localhost:5000/tools".to_string()),
                (12, "scratch".to_string()),
            ]
        );
    }

    #[test]
    fn one_target_per_registry_with_who_names_it() {
        let mut t = Targets::default();
        t.add(crate::profile::GUIDE_BASE_IMAGE, "profile base_image");
        t.add_dockerfile(GUIDE, "Dockerfile");
        t.add_history(
            [
                "COPY --from=ghcr.io/astral-sh/uv:0.6 /uv /bin/ # buildkit",
                "RUN pip install x",
            ]
            .into_iter(),
        );
        t.add("Not/An/Image", "test");
        let regs: Vec<&str> = t.list().iter().map(|x| x.registry.as_str()).collect();
        assert_eq!(regs, ["ghcr.io", "docker.io", "localhost:5000"]);
        assert_eq!(t.list()[0].image, crate::profile::GUIDE_BASE_IMAGE);
        assert_eq!(t.list()[0].named_by.len(), 4, "{:?}", t.list()[0].named_by);
        assert!(t.list()[0].named_by[3].starts_with("history step 0"));
        assert_eq!(t.invalid.len(), 1);
    }
}
