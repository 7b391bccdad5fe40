//! Cases of the layer rules: synthetic images where each rule fires, and a clean one.

use std::sync::Arc;

use super::Case;
use crate::diagnose::Facts;
use crate::layers::synthetic::{StepFiles, image};
use crate::profile::Profile;

fn img(steps: &[StepFiles], env: &[&str]) -> Facts {
    let a = image(steps, env).unwrap_or_else(|e| panic!("synthetic image: {e}"));
    Facts::of_image(Arc::new(a))
}

/// A clean image as the guide builds it: manifests, dependencies with bytecode, then source.
fn clean() -> Facts {
    img(
        &[
            (
                "COPY pyproject.toml uv.lock /app/ # buildkit",
                vec![("app/pyproject.toml", 100), ("app/uv.lock", 100)],
            ),
            (
                "RUN /bin/sh -c uv sync --locked --no-install-project # buildkit",
                vec![
                    (
                        "app/.venv/lib/python3.13/site-packages/django/__init__.py",
                        1000,
                    ),
                    (
                        "app/.venv/lib/python3.13/site-packages/django/__init__.pyc",
                        900,
                    ),
                ],
            ),
            ("COPY . /app # buildkit", vec![("app/main.py", 500)]),
        ],
        &["UV_COMPILE_BYTECODE=1"],
    )
}

fn quiet() -> (Facts, Profile) {
    (clean(), Profile::default())
}

fn one_layer(instr: &'static str, files: Vec<(&'static str, usize)>) -> (Facts, Profile) {
    (img(&[(instr, files)], &[]), Profile::default())
}

/// 120 source files copied, then chowned again: source before deps, chown copy, waste.
fn chowned() -> Facts {
    let names: Vec<String> = (0..120).map(|i| format!("app/src/m{i}.py")).collect();
    let copy: Vec<(&str, usize)> = names.iter().map(|p| (p.as_str(), 10_000)).collect();
    img(
        &[
            ("/bin/sh -c #(nop) COPY dir:abc in /app ", copy.clone()),
            (
                "/bin/sh -c pip install -r requirements.txt",
                vec![(
                    "usr/local/lib/python3.13/site-packages/django/__init__.py",
                    4000,
                )],
            ),
            ("/bin/sh -c chown -R 1001:1001 /app", copy),
        ],
        &[],
    )
}

fn with_profile(f: Facts, edit: impl FnOnce(&mut Profile)) -> (Facts, Profile) {
    let mut p = Profile::default();
    edit(&mut p);
    (f, p)
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "layers.build-tools", quiet,
        fires: || one_layer("RUN apt-get install -y build-essential", vec![("usr/bin/gcc", 5000), ("usr/include/stdio.h", 300)]) },
    Case { id: "layers.dev-dependencies", quiet,
        fires: || one_layer("RUN pip install -r requirements-dev.txt", vec![("usr/local/lib/python3.13/site-packages/pytest/__init__.py", 4000)]) },
    Case { id: "layers.package-cache", quiet,
        fires: || one_layer("RUN apt-get update", vec![("var/lib/apt/lists/deb_Packages", 200_000)]) },
    Case { id: "layers.no-bytecode", quiet,
        fires: || (img(&[("COPY . /app", vec![("app/main.py", 500)])], &["UV_COMPILE_BYTECODE=1"]), Profile::default()) },
    Case { id: "layers.env-file", quiet,
        fires: || one_layer("COPY . /app", vec![("app/.env", 20), ("app/.env.example", 20)]) },
    Case { id: "layers.git-dir", quiet,
        fires: || one_layer("COPY . /app", vec![("app/.git/HEAD", 30)]) },
    Case { id: "layers.source-before-deps", quiet, fires: || (chowned(), Profile::default()) },
    Case { id: "layers.chown-copy", quiet, fires: || (chowned(), Profile::default()) },
    Case { id: "layers.wasted", quiet, fires: || (chowned(), Profile::default()) },
    Case { id: "layers.size-budget", quiet,
        fires: || with_profile(clean(), |p| p.size_budget_bytes = 1000) },
    Case { id: "layers.min-efficiency",
        quiet: || with_profile(clean(), |p| p.min_efficiency = Some(0.9)),
        fires: || with_profile(chowned(), |p| p.min_efficiency = Some(0.9)) },
    Case { id: "layers.max-wasted",
        quiet: || with_profile(clean(), |p| p.max_wasted_bytes = Some(1_000_000)),
        fires: || with_profile(chowned(), |p| p.max_wasted_bytes = Some(1_000_000)) },
];
