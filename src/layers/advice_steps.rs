//! Advice from the build steps and what each step's layer holds: source copied before the
//! dependency install, a `chown -R`/`chmod -R` that copies a tree again, the size budget.

use super::ImageAnalysis;
use super::advice::{SEC_DEPS, SEC_LAYERS, SEC_SIZE};
use super::entries::EntryKind;
use super::history::Step;
use super::units::format_size;
use crate::diagnose::{Finding, Severity};
use crate::profile::Profile;

pub(crate) fn advise_steps(a: &ImageAnalysis, profile: &Profile) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(source_before_deps(a));
    out.extend(recursive_chown(a));
    out.extend(size_budget(a, profile));
    out
}

const MANIFESTS: [&str; 22] = [
    "requirements.txt",
    "pyproject.toml",
    "uv.lock",
    "poetry.lock",
    "Pipfile",
    "Pipfile.lock",
    "setup.py",
    "setup.cfg",
    "package.json",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "Gemfile",
    "Gemfile.lock",
    "go.mod",
    "go.sum",
    "composer.json",
    "composer.lock",
    "Cargo.toml",
    "Cargo.lock",
    ".python-version",
    "npm-shrinkwrap.json",
];

/// Does the instruction install dependencies?
pub(crate) fn installs_deps(cmd: &str) -> bool {
    const PATTERNS: [&str; 14] = [
        "pip install",
        "pip3 install",
        "uv sync",
        "uv pip install",
        "poetry install",
        "pipenv install",
        "npm ci",
        "npm install",
        "yarn install",
        "pnpm install",
        "bundle install",
        "go mod download",
        "composer install",
        "cargo fetch",
    ];
    PATTERNS.iter().any(|p| cmd.contains(p)) || cmd.trim_end().ends_with(" yarn")
}

fn is_manifest(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    MANIFESTS.contains(&name) || (name.starts_with("requirements") && name.ends_with(".txt"))
}

/// Own (non-base) steps that made a layer, with their layer index.
fn own_layer_steps(a: &ImageAnalysis) -> impl Iterator<Item = (usize, &Step)> {
    a.layers
        .steps
        .iter()
        .filter(|s| !s.base)
        .filter_map(|s| s.layer.map(|l| (l, s)))
}

fn source_before_deps(a: &ImageAnalysis) -> Option<Finding> {
    let mut first_copy: Option<(usize, &Step, String)> = None;
    for (li, s) in own_layer_steps(a) {
        let cmd = s.created_by.as_str();
        if installs_deps(cmd) {
            let (cl, cs, example) = first_copy?;
            return Some(
                Finding::new("layers.source-before-deps", Severity::Warn, SEC_DEPS)
                    .title("Source code is copied before the dependencies are installed")
                    .evidence(format!(
                        "layer {cl} `{}` copies source (e.g. {example}) before layer {li} `{}` installs dependencies: every source change reinstalls them",
                        short(&cs.created_by),
                        short(cmd)
                    ))
                    .fix("Copy only the dependency manifests first (`COPY pyproject.toml uv.lock ./`), install (`uv sync --locked --no-install-project --no-dev`), then `COPY . .`."),
            );
        }
        let is_copy = cmd.starts_with("COPY") || cmd.starts_with("ADD");
        if is_copy && first_copy.is_none() {
            let layer = a.contents.get(li)?;
            let source = layer
                .entries
                .iter()
                .filter(|e| e.kind == EntryKind::File)
                .map(|e| a.arena.path(e.node))
                .find(|p| !is_manifest(p));
            if let Some(example) = source {
                first_copy = Some((li, s, example));
            }
        }
    }
    None
}

fn recursive_chown(a: &ImageAnalysis) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut last_size: Vec<Option<u64>> = vec![None; a.arena.len()];
    let mut steps: Vec<Option<&Step>> = vec![None; a.contents.len()];
    for (li, s) in own_layer_steps(a) {
        if let Some(slot) = steps.get_mut(li) {
            *slot = Some(s);
        }
    }
    for (li, layer) in a.contents.iter().enumerate() {
        let recursive = steps[li].filter(|s| {
            let c = &s.created_by;
            (c.contains("chown") || c.contains("chmod"))
                && (c.contains(" -R")
                    || c.contains("--recursive")
                    || c.contains(" -fR")
                    || c.contains(" -Rf"))
        });
        if let Some(step) = recursive {
            let files: Vec<_> = layer
                .entries
                .iter()
                .filter(|e| e.kind == EntryKind::File)
                .collect();
            let again: Vec<_> = files
                .iter()
                .filter(|e| last_size[e.node as usize] == Some(e.size))
                .collect();
            let bytes = again.iter().fold(0u64, |s, e| s.saturating_add(e.size));
            if !again.is_empty()
                && again.len() * 2 >= files.len()
                && (bytes >= 1_000_000 || again.len() >= 100)
            {
                let example = again
                    .first()
                    .map(|e| a.arena.path(e.node))
                    .unwrap_or_default();
                out.push(
                    Finding::new("layers.chown-copy", Severity::Warn, SEC_LAYERS)
                        .title(format!("A recursive chown/chmod copies {} of files again", format_size(bytes)))
                        .evidence(format!(
                            "layer {li} `{}` re-adds {} of its {} files unchanged in size from earlier layers (e.g. {example})",
                            short(&step.created_by),
                            again.len(),
                            files.len()
                        ))
                        .fix("Set ownership when the files are created: `COPY --chown=app:app …`, or chown in the same RUN that writes them."),
                );
            }
        }
        for e in layer.entries.iter().filter(|e| e.kind == EntryKind::File) {
            last_size[e.node as usize] = Some(e.size);
        }
    }
    out
}

fn size_budget(a: &ImageAnalysis, profile: &Profile) -> Option<Finding> {
    let size = a.layers.size_bytes;
    (size > profile.size_budget_bytes).then(|| {
        let mut steps: Vec<&Step> = a.layers.steps.iter().filter(|s| !s.empty).collect();
        steps.sort_by_key(|s| std::cmp::Reverse(s.size_bytes));
        let top: Vec<String> = steps
            .iter()
            .take(3)
            .map(|s| format!("{} `{}`", format_size(s.size_bytes), short(&s.created_by)))
            .collect();
        Finding::new("layers.size-budget", Severity::Warn, SEC_SIZE)
            .title(format!("Image is {} (budget {})", format_size(size), format_size(profile.size_budget_bytes)))
            .evidence(format!("largest layers: {}", top.join(", ")))
            .fix("Use a multi-stage build with a slim runtime base, keep build tools and caches out, and widen .dockerignore.")
    })
}

fn short(cmd: &str) -> String {
    let mut s: String = cmd.chars().take(80).collect();
    if cmd.chars().count() > 80 {
        s.push('…');
    }
    s
}
