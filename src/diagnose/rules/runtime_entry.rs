//! Rules over what a container starts (`Fact::Container`, `Fact::Processes`): the guide's
//! `start.sh` entrypoint present and executable, and Gunicorn's workers against the CPUs the
//! container may use.

use super::runtime::{facts, pending};
use crate::diagnose::Fact;
use crate::diagnose::PartState;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::layers::EntryKind;
use crate::model::archive::{FileKind, PathStat};
use crate::runtime::entry::{self, EntryScript, ScriptLookup};
use crate::runtime::gunicorn::{self, recommended};

pub fn start_script(i: &Input) -> Verdict {
    let Some(f) = facts(i) else { return pending() };
    let Some(script) = f.entry_script() else {
        let (ep, cmd) = f.argv();
        let argv: Vec<String> = ep.into_iter().chain(cmd).collect();
        return Verdict::NotApplicable(match argv.is_empty() {
            true => "no entrypoint or command".into(),
            false => format!("it runs `{}`, not a start.sh", argv.join(" ")),
        });
    };
    let lookup = match (&f.details, &f.script) {
        (Some(_), Some((_, l))) => l.clone(),
        (Some(_), None) => ScriptLookup::Failed("its path was not looked at".into()),
        (None, _) => match from_layers(i, &script) {
            Ok(l) => l,
            Err(v) => return v,
        },
    };
    let stat = match lookup {
        ScriptLookup::Found(s) => s,
        ScriptLookup::Failed(why) => {
            return Verdict::Unknown {
                fact: Fact::Container,
                why: format!("{}: {why}", script.path),
            };
        }
        ScriptLookup::Missing => {
            return fail(i, &script, format!("{} does not exist", script.path));
        }
    };
    match entry::problem(&script, &stat) {
        Some(p) => fail(i, &script, p),
        None => Verdict::Pass(format!(
            "{} {} ({})",
            script.path,
            stat.mode_string(),
            match script.run {
                entry::ScriptRun::Executed => "executed by the entrypoint",
                entry::ScriptRun::ReadByShell => "read by the shell",
            }
        )),
    }
}

fn fail(i: &Input, script: &EntryScript, problem: String) -> Verdict {
    Verdict::Fail(vec![i.finding()
        .title(format!("The entrypoint's {} cannot start: {problem}", entry::SCRIPT))
        .evidence(format!("the container runs `{}`", script.command))
        .paths([script.path.clone()])
        .fix(format!(
            "Copy it into the image with its executable bit: `COPY --chown=app:app --chmod=755 {} {}` (or `RUN chmod +x {}`), and start it with a `#!/bin/sh` line.",
            entry::SCRIPT, script.path, script.path
        ))])
}

/// The script as an image's layers have it: pending or unknown while they are.
fn from_layers(i: &Input, script: &EntryScript) -> Result<ScriptLookup, Verdict> {
    match i.facts.state(Fact::Layers) {
        PartState::Pending => return Err(Verdict::Pending(Fact::Layers)),
        PartState::Unavailable(why) => {
            return Err(Verdict::Unknown {
                fact: Fact::Layers,
                why: why.to_string(),
            });
        }
        PartState::Ready => {}
    }
    let Some(a) = i.layers() else {
        return Err(Verdict::Pending(Fact::Layers));
    };
    let mut path = script.path.clone();
    // Follow one symlink, as the kernel would.
    for _ in 0..2 {
        let Some(node) = a.arena.find(&path) else {
            return Ok(ScriptLookup::Missing);
        };
        let Some(e) = a.final_stack.entry(&a.contents, node) else {
            return Ok(if a.final_stack.get(node).is_some() {
                stat_of(FileKind::Dir, 0o755)
            } else {
                ScriptLookup::Missing
            });
        };
        let kind = match e.kind {
            EntryKind::File | EntryKind::Hardlink => FileKind::File,
            EntryKind::Dir => FileKind::Dir,
            EntryKind::Symlink => {
                let target = String::from_utf8_lossy(e.link.as_deref().unwrap_or_default());
                path = match target.strip_prefix('/') {
                    Some(_) => target.to_string(),
                    None => format!("{}/{target}", path.rsplit_once('/').map_or("", |p| p.0)),
                };
                continue;
            }
            EntryKind::Whiteout | EntryKind::Opaque => return Ok(ScriptLookup::Missing),
            EntryKind::Other => FileKind::Fifo,
        };
        return Ok(stat_of(kind, e.mode));
    }
    Ok(ScriptLookup::Failed("a chain of symbolic links".into()))
}

fn stat_of(kind: FileKind, mode: u32) -> ScriptLookup {
    ScriptLookup::Found(PathStat {
        name: entry::SCRIPT.into(),
        size: 0,
        kind,
        mode: kind.unix_bits() | (mode & 0o7777),
        mtime: None,
        link_target: String::new(),
    })
}

pub fn gunicorn_workers(i: &Input) -> Verdict {
    let Some(f) = facts(i) else { return pending() };
    let Some(p) = i.facts.processes.get() else {
        return Verdict::Pending(Fact::Processes);
    };
    let Some(w) = gunicorn::count(&p.list) else {
        return Verdict::NotApplicable(format!(
            "no gunicorn process among the {} running",
            p.list.rows.len()
        ));
    };
    let limit = f.details.as_ref().and_then(|d| d.host_config.cpu_limit());
    let (cpus, whose) = match (limit, p.host_cpus) {
        (Some(c), _) => (c, format!("a CPU limit of {c}")),
        (None, Some(h)) => (
            h as f64,
            format!("no CPU limit, so the host's {h} CPUs are used"),
        ),
        (None, None) => {
            return Verdict::Unknown {
                fact: Fact::Processes,
                why: "no CPU limit, and the engine did not say how many CPUs the host has".into(),
            };
        }
    };
    let want = recommended(cpus);
    let seen = format!(
        "{} workers under {} master(s) for {whose} (recommended 2 × {cpus} + 1 = {want})",
        w.workers, w.masters
    );
    let too_many = w.workers > want;
    let too_few = (w.workers as f64) < cpus.floor().max(1.0);
    if !too_many && !too_few {
        return Verdict::Pass(seen);
    }
    let title = if too_many {
        format!("{} Gunicorn workers compete for {cpus} CPUs", w.workers)
    } else {
        format!(
            "{} Gunicorn workers leave CPUs idle ({cpus} available)",
            w.workers
        )
    };
    Verdict::Fail(vec![i.finding()
        .title(title)
        .evidence(format!("{seen}; master: {}", super::short(&w.command)))
        .fix(format!(
            "Start Gunicorn with `--workers {want}` (or `WEB_CONCURRENCY={want}`), or give the container the CPUs its workers need (`--cpus`)."
        ))])
}
