//! Rules over the final image's files: build tools, development dependencies, missing
//! bytecode, a `.env` file or a `.git` directory copied in.

use super::{FinalFile, evidence, final_files, paths};
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::layers::entries::EntryKind;

/// The final files, or the verdict for a missing analysis.
fn files(i: &Input) -> Result<Vec<FinalFile>, Verdict> {
    i.layers()
        .map(final_files)
        .ok_or(Verdict::Pending(crate::diagnose::Fact::Layers))
}

/// Fail with one finding about `found`, or pass saying how many files were looked at.
fn verdict(
    found: &[&FinalFile],
    n: usize,
    make: impl FnOnce(String) -> crate::diagnose::Finding,
) -> Verdict {
    if found.is_empty() {
        return Verdict::Pass(format!("none among {n} paths"));
    }
    Verdict::Fail(vec![make(evidence(found)).paths(paths(found))])
}

pub fn build_tools(i: &Input) -> Verdict {
    const TOOLS: [&str; 9] = [
        "gcc", "cc", "g++", "c++", "make", "clang", "ld", "as", "cargo",
    ];
    let files = match files(i) {
        Ok(f) => f,
        Err(v) => return v,
    };
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
    verdict(&found, files.len(), |ev| {
        i.finding()
            .title("Build tools are in the final image (a single-stage build?)")
            .evidence(ev)
            .fix("Build in a builder stage and copy only the results into a slim runtime stage: `FROM … AS builder`, then `COPY --from=builder /app/.venv /app/.venv`.")
    })
}

pub fn dev_dependencies(i: &Input) -> Verdict {
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
    let files = match files(i) {
        Ok(f) => f,
        Err(v) => return v,
    };
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
    verdict(&found, files.len(), |ev| {
        i.finding()
            .title("Development dependencies are installed in the image")
            .evidence(ev)
            .fix("Install production dependencies only: `uv sync --locked --no-dev`, `pip install -r requirements.txt` (not the dev file), `npm ci --omit=dev`.")
    })
}

pub fn bytecode(i: &Input) -> Verdict {
    let Some(a) = i.layers() else {
        return Verdict::Pending(crate::diagnose::Fact::Layers);
    };
    let wants = a.layers.env.iter().any(|e| {
        e.split_once('=')
            .is_some_and(|(k, v)| k == "UV_COMPILE_BYTECODE" && !matches!(v, "" | "0" | "false"))
    });
    if !wants {
        return Verdict::NotApplicable("UV_COMPILE_BYTECODE is not set in the image".into());
    }
    let files = final_files(a);
    let py = files.iter().filter(|f| f.path.ends_with(".py")).count();
    let pyc = files.iter().filter(|f| f.path.ends_with(".pyc")).count();
    if py == 0 {
        return Verdict::NotApplicable("the image has no .py files".into());
    }
    if pyc > 0 {
        return Verdict::Pass(format!("{py} .py files, {pyc} .pyc files"));
    }
    Verdict::Fail(vec![i.finding()
        .title("UV_COMPILE_BYTECODE=1 is set but the image has no .pyc files")
        .evidence(format!("{py} .py files, 0 .pyc files; env sets UV_COMPILE_BYTECODE"))
        .fix("Let uv compile while installing (`ENV UV_COMPILE_BYTECODE=1` before `uv sync`, in the stage whose .venv is copied), or run `python -m compileall` in the image.")])
}

pub fn env_file(i: &Input) -> Verdict {
    let files = match files(i) {
        Ok(f) => f,
        Err(v) => return v,
    };
    let found: Vec<&FinalFile> = files
        .iter()
        .filter(|f| f.kind != EntryKind::Dir)
        .filter(|f| {
            let name = f.path.rsplit('/').next().unwrap_or("");
            (name == ".env" || name.starts_with(".env."))
                && ![".env.example", ".env.sample", ".env.template", ".env.dist"].contains(&name)
        })
        .collect();
    verdict(&found, files.len(), |ev| {
        i.finding()
            .title("A .env file is copied into the image")
            .evidence(ev)
            .fix("Add `.env` and `.env.*` to .dockerignore and pass settings at run time (`docker run --env-file`).")
    })
}

pub fn git_dir(i: &Input) -> Verdict {
    let files = match files(i) {
        Ok(f) => f,
        Err(v) => return v,
    };
    let found: Vec<&FinalFile> = files
        .iter()
        .filter(|f| f.kind == EntryKind::Dir && f.path.ends_with("/.git"))
        .collect();
    verdict(&found, files.len(), |ev| {
        i.finding()
            .title("A .git directory is copied into the image")
            .evidence(ev)
            .fix("Add `.git` to .dockerignore; copy only what the app needs.")
    })
}
