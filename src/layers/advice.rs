//! Guide-aware advice from an image's files: build tools, development dependencies, package
//! caches, missing bytecode, `.env`/`.git` in the image, and wasted bytes. Rules that read the
//! build steps are in `advice_steps`. Each rule is pure: analysis in, findings out.

use super::ImageAnalysis;
use super::entries::EntryKind;
use super::paths::NodeId;
use super::units::format_size;
use crate::diagnose::{Finding, Severity};
use crate::profile::Profile;

pub(crate) const SEC_MULTI_STAGE: &str = "Multi-Stage Build";
pub(crate) const SEC_DEPS: &str = "Dependency Layer Separation";
pub(crate) const SEC_BUILD: &str = "Build Optimizations";
pub(crate) const SEC_SECURITY: &str = "Security Enhancements";
pub(crate) const SEC_LAYERS: &str = "Layer Optimization";
pub(crate) const SEC_SIZE: &str = "Image Size Comparison";

/// How many example paths a finding's evidence lists.
const EXAMPLES: usize = 5;

/// All findings for an analysed image, most severe first.
pub fn advise(a: &ImageAnalysis, profile: &Profile) -> Vec<Finding> {
    let files = final_files(a);
    let mut out = Vec::new();
    out.extend(build_tools(&files));
    out.extend(dev_dependencies(&files));
    out.extend(package_caches(a));
    out.extend(bytecode(a, &files));
    out.extend(secrets(&files));
    out.extend(wasted(a));
    out.extend(super::advice_steps::advise_steps(a, profile));
    out.sort_by(|x, y| y.severity.cmp(&x.severity).then_with(|| x.id.cmp(y.id)));
    out
}

/// A path of the final image: (path, kind, size, layer it comes from).
pub(crate) struct FinalFile {
    pub path: String,
    pub kind: EntryKind,
    pub size: u64,
    pub layer: usize,
}

fn final_files(a: &ImageAnalysis) -> Vec<FinalFile> {
    (1..a.arena.len() as NodeId)
        .filter_map(|n| {
            let slot = a.final_stack.get(n)?;
            let e = a.final_stack.entry(&a.contents, n);
            Some(FinalFile {
                path: a.arena.path(n),
                kind: e.map_or(EntryKind::Dir, |e| e.kind),
                size: e.map_or(0, |e| e.size),
                layer: slot.layer as usize,
            })
        })
        .collect()
}

fn evidence(found: &[&FinalFile]) -> String {
    let bytes = found.iter().fold(0u64, |s, f| s.saturating_add(f.size));
    let shown: Vec<String> = found
        .iter()
        .take(EXAMPLES)
        .map(|f| format!("{} (layer {})", f.path, f.layer))
        .collect();
    let more = found.len().saturating_sub(EXAMPLES);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "{}{tail}; {} in {} paths",
        shown.join(", "),
        format_size(bytes),
        found.len()
    )
}

fn build_tools(files: &[FinalFile]) -> Option<Finding> {
    const TOOLS: [&str; 9] = [
        "gcc", "cc", "g++", "c++", "make", "clang", "ld", "as", "cargo",
    ];
    let is_tool = |p: &str| {
        let (dir, name) = p.rsplit_once('/').unwrap_or(("", p));
        let bin = matches!(dir, "/usr/bin" | "/usr/local/bin" | "/bin");
        let base = name.split('-').next_back().unwrap_or(name);
        bin && (TOOLS.contains(&name)
            || TOOLS.contains(&base)
            || name.starts_with("gcc-")
            || name.starts_with("x86_64-linux-gnu-gcc"))
    };
    let found: Vec<&FinalFile> = files
        .iter()
        .filter(|f| f.kind != EntryKind::Dir)
        .filter(|f| {
            is_tool(&f.path)
                || f.path.starts_with("/usr/include/")
                || f.path.starts_with("/usr/lib/gcc/")
                || f.path.starts_with("/usr/share/build-essential/")
                || f.path.contains("/.cache/pip/wheels/")
        })
        .collect();
    (!found.is_empty()).then(|| {
        Finding::new("layers.build-tools", Severity::Warn, SEC_MULTI_STAGE)
            .title("Build tools are in the final image (a single-stage build?)")
            .evidence(evidence(&found))
            .fix("Build in a builder stage and copy only the results into a slim runtime stage: `FROM … AS builder`, then `COPY --from=builder /app/.venv /app/.venv`.")
    })
}

fn dev_dependencies(files: &[FinalFile]) -> Option<Finding> {
    const PY: [&str; 8] = [
        "pytest", "_pytest", "mypy", "black", "ruff", "flake8", "pylint", "coverage",
    ];
    const NODE: [&str; 7] = [
        "jest",
        "eslint",
        "typescript",
        "mocha",
        "prettier",
        "webpack-dev-server",
        "nodemon",
    ];
    let found: Vec<&FinalFile> = files
        .iter()
        .filter(|f| {
            let p = f.path.as_str();
            let pkg = |marker: &str, names: &[&str]| {
                p.split_once(marker)
                    .is_some_and(|(_, rest)| !rest.contains('/') && names.contains(&rest))
            };
            pkg("/site-packages/", &PY)
                || pkg("/node_modules/", &NODE)
                || p.ends_with("/requirements-dev.txt")
                || p.ends_with("/requirements/dev.txt")
                || p.ends_with("/dev-requirements.txt")
        })
        .collect();
    (!found.is_empty()).then(|| {
        Finding::new("layers.dev-dependencies", Severity::Warn, SEC_SECURITY)
            .title("Development dependencies are installed in the image")
            .evidence(evidence(&found))
            .fix("Install production dependencies only: `uv sync --locked --no-dev`, `pip install -r requirements.txt` (not the dev file), `npm ci --omit=dev`.")
    })
}

/// Package-manager caches left in any layer (deleting them in a later layer does not help).
fn package_caches(a: &ImageAnalysis) -> Option<Finding> {
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
    (total >= 64 * 1024).then(|| {
        let ev: Vec<String> = per
            .iter()
            .map(|(l, d, b, n)| format!("{d} in layer {l}: {} in {n} files", format_size(*b)))
            .collect();
        Finding::new("layers.package-cache", Severity::Warn, SEC_BUILD)
            .title(format!("Package-manager caches take {} in the layers", format_size(total)))
            .evidence(ev.join("; "))
            .fix("Use BuildKit cache mounts (`RUN --mount=type=cache,target=/root/.cache/uv uv sync …`), or clean in the same RUN: `apt-get install … && rm -rf /var/lib/apt/lists/*`, `pip install --no-cache-dir`.")
    })
}

fn bytecode(a: &ImageAnalysis, files: &[FinalFile]) -> Option<Finding> {
    let wants = a.layers.env.iter().any(|e| {
        e.split_once('=')
            .is_some_and(|(k, v)| k == "UV_COMPILE_BYTECODE" && !matches!(v, "" | "0" | "false"))
    });
    if !wants {
        return None;
    }
    let py = files.iter().filter(|f| f.path.ends_with(".py")).count();
    let pyc = files.iter().filter(|f| f.path.ends_with(".pyc")).count();
    (py > 0 && pyc == 0).then(|| {
        Finding::new("layers.no-bytecode", Severity::Warn, SEC_BUILD)
            .title("UV_COMPILE_BYTECODE=1 is set but the image has no .pyc files")
            .evidence(format!("{py} .py files, 0 .pyc files; env sets UV_COMPILE_BYTECODE"))
            .fix("Let uv compile while installing (`ENV UV_COMPILE_BYTECODE=1` before `uv sync`, in the stage whose .venv is copied), or run `python -m compileall` in the image.")
    })
}

fn secrets(files: &[FinalFile]) -> Vec<Finding> {
    let env: Vec<&FinalFile> = files
        .iter()
        .filter(|f| f.kind != EntryKind::Dir)
        .filter(|f| {
            let name = f.path.rsplit('/').next().unwrap_or("");
            (name == ".env" || name.starts_with(".env."))
                && ![".env.example", ".env.sample", ".env.template", ".env.dist"].contains(&name)
        })
        .collect();
    let git: Vec<&FinalFile> = files
        .iter()
        .filter(|f| f.kind == EntryKind::Dir && f.path.ends_with("/.git"))
        .collect();
    let mut out = Vec::new();
    if !env.is_empty() {
        out.push(
            Finding::new("layers.env-file", Severity::Error, SEC_SECURITY)
                .title("A .env file is copied into the image")
                .evidence(evidence(&env))
                .fix("Add `.env` and `.env.*` to .dockerignore and pass settings at run time (`docker run --env-file`).")
        );
    }
    if !git.is_empty() {
        out.push(
            Finding::new("layers.git-dir", Severity::Warn, SEC_SECURITY)
                .title("A .git directory is copied into the image")
                .evidence(evidence(&git))
                .fix("Add `.git` to .dockerignore; copy only what the app needs."),
        );
    }
    out
}

fn wasted(a: &ImageAnalysis) -> Option<Finding> {
    let f = &a.figures;
    let size = a.layers.size_bytes.max(1);
    let big = f.wasted_bytes >= 10_000_000
        || (f.wasted_bytes >= 1_000_000 && f.wasted_bytes * 10 >= size);
    big.then(|| {
        let top: Vec<String> = f
            .inefficient
            .iter()
            .take(EXAMPLES)
            .map(|i| format!("{} ({} wasted, copies: {})", i.path, format_size(i.wasted_bytes), i.copies))
            .collect();
        Finding::new("layers.wasted", Severity::Warn, SEC_LAYERS)
            .title(format!("{} of the image are file copies the final image does not show", format_size(f.wasted_bytes)))
            .evidence(format!("{}; efficiency {:.1} %", top.join(", "), f.efficiency * 100.0))
            .fix("Create, change and delete a file in the same RUN; never rewrite or chown a large tree in a later layer; use `COPY --chown`.")
    })
}
