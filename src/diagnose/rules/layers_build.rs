//! Rules over the build steps and what each step's layer holds: package-manager caches left
//! in a layer, source copied before the dependency install, a `chown -R`/`chmod -R` that
//! copies a tree again.

use super::short;
use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::layers::ImageAnalysis;
use crate::layers::entries::EntryKind;
use crate::layers::history::Step;
use crate::layers::units::format_size;

/// Package-manager caches left in any layer (deleting them in a later layer does not help).
pub fn package_cache(i: &Input) -> Verdict {
    const DIRS: [&str; 10] = [
        "/var/lib/apt/lists/",
        "/var/cache/apt/",
        "/root/.cache/pip/",
        "/root/.cache/uv/",
        "/root/.npm/",
        "/root/.cache/yarn/",
        "/usr/local/share/.cache/yarn/",
        "/root/.cache/go-build/",
        "/var/cache/apk/",
        "/root/.cargo/registry/",
    ];
    let Some(a) = i.layers() else {
        return Verdict::Pending(Fact::Layers);
    };
    let mut per: Vec<(usize, &str, u64, u64)> = Vec::new(); // (layer, dir, bytes, files)
    for (li, layer) in a.contents.iter().enumerate() {
        for e in layer
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::File && e.size > 0)
        {
            let p = a.arena.path(e.node);
            let home_pip = p.starts_with("/home/") && p.contains("/.cache/pip/");
            let Some(dir) = DIRS
                .iter()
                .find(|d| p.starts_with(**d))
                .copied()
                .or(home_pip.then_some("~/.cache/pip/"))
            else {
                continue;
            };
            match per.iter_mut().find(|x| x.0 == li && x.1 == dir) {
                Some(x) => {
                    x.2 = x.2.saturating_add(e.size);
                    x.3 += 1;
                }
                None => per.push((li, dir, e.size, 1)),
            }
        }
    }
    let total = per.iter().fold(0u64, |s, x| s.saturating_add(x.2));
    if total < 64 * 1024 {
        return Verdict::Pass(format!(
            "{} of cache files in the layers",
            format_size(total)
        ));
    }
    let ev: Vec<String> = per
        .iter()
        .map(|(l, d, b, n)| format!("{d} in layer {l}: {} in {n} files", format_size(*b)))
        .collect();
    Verdict::Fail(vec![i.finding()
        .title(format!("Package-manager caches take {} in the layers", format_size(total)))
        .evidence(ev.join("; "))
        .paths(per.iter().map(|(_, d, _, _)| d.to_string()))
        .fix("Use BuildKit cache mounts (`RUN --mount=type=cache,target=/root/.cache/uv uv sync …`), or clean in the same RUN: `apt-get install … && rm -rf /var/lib/apt/lists/*`, `pip install --no-cache-dir`.")])
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

pub fn source_before_deps(i: &Input) -> Verdict {
    let Some(a) = i.layers() else {
        return Verdict::Pending(Fact::Layers);
    };
    let mut first_copy: Option<(usize, &Step, String)> = None;
    for (li, s) in own_layer_steps(a) {
        let cmd = s.created_by.as_str();
        if installs_deps(cmd) {
            let Some((cl, cs, example)) = first_copy else {
                return Verdict::Pass(format!(
                    "dependencies are installed (layer {li}) before any source is copied"
                ));
            };
            return Verdict::Fail(vec![i.finding()
                .title("Source code is copied before the dependencies are installed")
                .evidence(format!(
                    "layer {cl} `{}` copies source (e.g. {example}) before layer {li} `{}` installs dependencies: every source change reinstalls them",
                    short(&cs.created_by),
                    short(cmd)
                ))
                .paths([example.clone()])
                .fix("Copy only the dependency manifests first (`COPY pyproject.toml uv.lock ./`), install (`uv sync --locked --no-install-project --no-dev`), then `COPY . .`.")]);
        }
        let is_copy = cmd.starts_with("COPY") || cmd.starts_with("ADD");
        if is_copy && first_copy.is_none() {
            let Some(layer) = a.contents.get(li) else {
                continue;
            };
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
    Verdict::NotApplicable("no step of the image's own installs dependencies".into())
}

pub fn chown_copy(i: &Input) -> Verdict {
    let Some(a) = i.layers() else {
        return Verdict::Pending(Fact::Layers);
    };
    let mut out = Vec::new();
    let mut last_size: Vec<Option<u64>> = vec![None; a.arena.len()];
    let mut steps: Vec<Option<&Step>> = vec![None; a.contents.len()];
    for (li, s) in own_layer_steps(a) {
        if let Some(slot) = steps.get_mut(li) {
            *slot = Some(s);
        }
    }
    for (li, layer) in a.contents.iter().enumerate() {
        let recursive = steps.get(li).copied().flatten().filter(|s| {
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
                .filter(|e| last_size.get(e.node as usize).copied().flatten() == Some(e.size))
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
                    i.finding()
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
            if let Some(slot) = last_size.get_mut(e.node as usize) {
                *slot = Some(e.size);
            }
        }
    }
    if out.is_empty() {
        Verdict::Pass("no layer re-adds a tree only to change its owner or mode".into())
    } else {
        Verdict::Fail(out)
    }
}
