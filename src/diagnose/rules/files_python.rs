//! The guide's Python rules on a container's files: the virtual environment in `.venv`
//! owned by the app user, bytecode compiled when `UV_COMPILE_BYTECODE=1`, no editable
//! installs (`--no-editable`), least of all ones pointing at source the image lacks.

use super::files::{parts, spots_verdict, who};
use crate::diagnose::finding::Severity;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::files::audit::Audit;
use crate::files::audit::python::{
    bytecode_counts, editables, is_python_project, venv_dir, venv_foreign,
};

macro_rules! audit {
    ($i:expr) => {
        match parts($i) {
            Ok((r, w)) => Audit::new(w, r),
            Err(v) => return v,
        }
    };
}

pub fn venv(i: &Input) -> Verdict {
    let a = audit!(i);
    let p = i.profile;
    let Some(venv) = venv_dir(a.tree) else {
        if !is_python_project(a.tree) {
            return Verdict::NotApplicable(format!(
                "{} does not look like a Python project",
                a.tree.root()
            ));
        }
        return Verdict::Fail(vec![i.finding()
            .severity(Severity::Info)
            .title(format!("No .venv in {}", a.tree.root()))
            .evidence(format!("{} holds Python files but no .venv; dependencies live elsewhere (system site-packages?)", a.tree.root()))
            .fix("The guide installs dependencies with `uv sync --locked --no-dev` into /app/.venv in a builder stage and copies that folder into the runtime stage.")]);
    };
    let spots = venv_foreign(&a, venv, p.app_uid);
    spots_verdict(
        &a,
        &spots,
        format!(
            "{} is owned by {} ({} entries)",
            a.tree.path_of(venv),
            p.app_user,
            a.tree.node(venv).count
        ),
        |ev| {
            i.finding()
                .title(format!(".venv is not owned by {}", p.app_user))
                .evidence(ev)
                .fix(format!(
                    "`COPY --from=builder --chown={u}:{u} /app/.venv /app/.venv`.",
                    u = p.app_user
                ))
        },
    )
}

pub fn no_bytecode(i: &Input) -> Verdict {
    // Where the image's layers are analysed too (the Doctor, `docktor check`), an image
    // without any bytecode is layers.no-bytecode's finding alone.
    if let Verdict::Fail(_) = super::layers_files::bytecode(i) {
        return Verdict::NotApplicable("layers.no-bytecode reports the missing bytecode".into());
    }
    let a = audit!(i);
    if !a.runtime.compile_bytecode {
        return Verdict::NotApplicable("UV_COMPILE_BYTECODE is not set".into());
    }
    let Some(venv) = venv_dir(a.tree) else {
        return Verdict::NotApplicable(format!("no .venv in {}", a.tree.root()));
    };
    let (py, pyc) = bytecode_counts(a.tree, venv);
    if py == 0 || pyc > 0 {
        return Verdict::Pass(format!("{py} .py and {pyc} .pyc files in .venv"));
    }
    Verdict::Fail(vec![i.finding()
        .title("UV_COMPILE_BYTECODE=1 but .venv has no .pyc files")
        .evidence(format!("{py} .py files and no .pyc in {}; every start of {} compiles them again", a.tree.path_of(venv), who(a.runtime)))
        .fix("Set `ENV UV_COMPILE_BYTECODE=1` in the stage that runs `uv sync`, before it runs, so the copied .venv carries bytecode.")
        .paths([a.tree.path_of(venv)])])
}

pub fn editable(i: &Input) -> Verdict {
    let a = audit!(i);
    let found = editables(&a);
    if found.is_empty() {
        return Verdict::Pass("no editable install in .venv".into());
    }
    let out = found
        .iter()
        .map(|e| {
            let path = a.tree.path_of(e.id);
            let missing: Vec<&str> = e.targets.iter().filter(|(_, k)| *k == Some(false)).map(|(p, _)| p.as_str()).collect();
            let targets: Vec<&str> = e.targets.iter().map(|(p, _)| p.as_str()).collect();
            let f = i.finding().paths([path.clone()]);
            if missing.is_empty() {
                f.title("An editable install in .venv")
                    .evidence(format!("{path} points at {}", if targets.is_empty() { "the project source".into() } else { targets.join(", ") }))
                    .fix("Install the project non-editable for production: `uv sync --locked --no-dev --no-editable` (the guide's build optimizations).")
            } else {
                f.severity(Severity::Error)
                    .title("An editable install points at source the image does not have")
                    .evidence(format!("{path} points at {}, which is not in the image: imports of the project fail", missing.join(", ")))
                    .fix("Build the environment in the image with `uv sync --locked --no-dev --no-editable`, and keep a host .venv out with .dockerignore.")
            }
        })
        .collect();
    Verdict::Fail(out)
}
