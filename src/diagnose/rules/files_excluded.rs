//! Rules about files a `.dockerignore` should have kept out of the image: secrets and local
//! databases (an error: anyone with the image has them), and clutter (VCS, editor and cache
//! folders, `node_modules`, host bytecode, a `.venv` made on the developer's machine).

use super::files::{PATHS, SHOWN, parts};
use crate::diagnose::finding::Finding;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::files::audit::Audit;
use crate::files::audit::excluded::{Category, Excluded, excluded};
use crate::files::audit::python::{host_venv, venv_dir};

fn list(a: &Audit, found: &[&Excluded]) -> String {
    let shown: Vec<String> = found
        .iter()
        .take(SHOWN)
        .map(|e| {
            let n = a.tree.node(e.id);
            let below = match n.count {
                0 => String::new(),
                1 => ", 1 entry".to_string(),
                c => format!(", {c} entries"),
            };
            format!("{} ({}{below})", a.tree.path_of(e.id), e.what)
        })
        .collect();
    let more = found.len().saturating_sub(SHOWN);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("{}{tail}", shown.join(", "))
}

fn paths(a: &Audit, found: &[&Excluded]) -> Vec<String> {
    found
        .iter()
        .take(PATHS)
        .map(|e| a.tree.path_of(e.id))
        .collect()
}

/// The `.dockerignore` lines that would have kept `found` out.
fn ignore_lines(a: &Audit, found: &[&Excluded]) -> String {
    let mut lines: Vec<String> = found
        .iter()
        .map(|e| {
            let name = String::from_utf8_lossy(&a.tree.node(e.id).name).into_owned();
            match name.rsplit_once('.') {
                Some((stem, ext)) if !stem.is_empty() && e.what.contains("database") => {
                    format!("**/*.{ext}")
                }
                _ if name.starts_with(".env.") => "**/.env*".into(),
                _ => format!("**/{name}"),
            }
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines.truncate(8);
    lines.join(", ")
}

pub fn secrets(i: &Input) -> Verdict {
    let a = match parts(i) {
        Ok((r, w)) => Audit::new(w, r),
        Err(v) => return v,
    };
    let all = excluded(&a);
    let found: Vec<&Excluded> = all
        .iter()
        .filter(|e| e.category == Category::Secret)
        .collect();
    if found.is_empty() {
        return Verdict::Pass(format!(
            "no .env, key, credential or database file under {}",
            a.tree.root()
        ));
    }
    Verdict::Fail(vec![i.finding()
        .title("Secrets or local databases are in the image")
        .evidence(list(&a, &found))
        .fix(format!("Add them to .dockerignore ({}) and pass secrets at run time (`--env-file`, Docker secrets); anyone who pulls the image can read these. Rotate what leaked.", ignore_lines(&a, &found)))
        .paths(paths(&a, &found))])
}

pub fn clutter(i: &Input) -> Verdict {
    let a = match parts(i) {
        Ok((r, w)) => Audit::new(w, r),
        Err(v) => return v,
    };
    let all = excluded(&a);
    let found: Vec<&Excluded> = all
        .iter()
        .filter(|e| e.category == Category::Clutter)
        .collect();
    let mut out: Vec<Finding> = Vec::new();
    if !found.is_empty() {
        out.push(
            i.finding()
                .title("Files a .dockerignore should have kept out")
                .evidence(list(&a, &found))
                .fix(format!(
                    "Add them to .dockerignore ({}); copy only what the app runs.",
                    ignore_lines(&a, &found)
                ))
                .paths(paths(&a, &found)),
        );
    }
    if let Some(venv) = venv_dir(a.tree) {
        let signs = host_venv(&a, venv);
        if !signs.is_empty() {
            out.push(i.finding()
                .severity(crate::diagnose::Severity::Error)
                .title(".venv was copied from a developer's machine")
                .evidence(signs.join("; "))
                .fix("Add `.venv` to .dockerignore and build the environment in the image (`uv sync --locked --no-dev` in a builder stage, then `COPY --from=builder --chown=app:app /app/.venv /app/.venv`).")
                .paths([a.tree.path_of(venv)]));
        }
    }
    if out.is_empty() {
        return Verdict::Pass(format!(
            "no VCS, editor, cache or host-built folder under {}",
            a.tree.root()
        ));
    }
    Verdict::Fail(out)
}
