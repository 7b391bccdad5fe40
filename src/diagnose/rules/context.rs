//! Rules over a build context (`Fact::Context`): a `.dockerignore` that exists, that Docker
//! accepts and that reads as it looks; no secrets, history, environments, caches or
//! databases sent; every file readable; a context of a reasonable size.

use crate::context::ContextReport;
use crate::context::sensitive::Concern;
use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::layers::units::format_size;

/// How many paths an evidence line names.
const SHOWN: usize = 5;

fn report<'a>(i: &'a Input) -> Option<&'a ContextReport> {
    i.facts.context.get().map(|r| r.as_ref())
}

/// The report, when the walk ran (`Err`: the verdict to return instead).
fn walked<'a>(i: &'a Input) -> Result<&'a ContextReport, Verdict> {
    let r = report(i).ok_or(Verdict::Pending(Fact::Context))?;
    if r.refused.is_some() {
        return Err(Verdict::NotApplicable(
            "docker build refuses the .dockerignore: nothing would be sent".into(),
        ));
    }
    Ok(r)
}

fn listed(items: &[String]) -> String {
    let more = items.len().saturating_sub(SHOWN);
    let mut s = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// The guide's list, as a .dockerignore to start from.
const GUIDE_LIST: &str = ".git, .venv, **/__pycache__, .env* with !.env.example, *.sqlite3, \
                          .pytest_cache, .mypy_cache, .ruff_cache, node_modules";

pub fn dockerignore(i: &Input) -> Verdict {
    let Some(r) = report(i) else {
        return Verdict::Pending(Fact::Context);
    };
    match &r.ignore_file {
        Some(f) if r.refused.is_some() => Verdict::Pass(format!("{f} is there")),
        Some(f) => Verdict::Pass(format!("{f} with {} patterns", r.patterns.len())),
        None => Verdict::Fail(vec![
            i.finding()
                .title(format!(
                    "No .dockerignore: all of {} is sent to the daemon",
                    r.dir
                ))
                .evidence(format!("{} files, {} sent", r.files, format_size(r.bytes)))
                .fix(format!(
                    "Add a .dockerignore beside the Dockerfile with the guide's list: {GUIDE_LIST}."
                )),
        ]),
    }
}

pub fn refused(i: &Input) -> Verdict {
    let Some(r) = report(i) else {
        return Verdict::Pending(Fact::Context);
    };
    let Some(x) = &r.refused else {
        return Verdict::Pass("Docker accepts every pattern".into());
    };
    let file = r.ignore_file.as_deref().unwrap_or(".dockerignore");
    let at = if x.line > 0 {
        format!("{file}:{}", x.line)
    } else {
        file.to_string()
    };
    Verdict::Fail(vec![i.finding()
        .title(format!("docker build refuses {file}: it fails before sending anything"))
        .evidence(format!("{at}: {}", x.error))
        .paths([file.to_string()])
        .fix("Fix the pattern: close every [ ... ], escape a literal [ * ? \\ with \\, and write an exception as !path.")])
}

pub fn odd_patterns(i: &Input) -> Verdict {
    let r = match walked(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    let file = r.ignore_file.as_deref().unwrap_or(".dockerignore");
    let lines: Vec<String> = r
        .patterns
        .iter()
        .filter(|p| p.unsupported.is_some() || !p.notes.is_empty())
        .map(|p| {
            let why = p.unsupported.clone().unwrap_or_else(|| p.notes.join("; "));
            format!("{file}:{} `{}`: {why}", p.line, p.pattern)
        })
        .collect();
    if lines.is_empty() {
        return Verdict::Pass("every pattern means what it looks like".into());
    }
    let unsupported = r.unsupported().count();
    let title = if unsupported > 0 {
        format!("{unsupported} .dockerignore patterns docktor cannot reproduce exactly")
    } else {
        format!(
            "{} .dockerignore patterns Docker reads differently than they look",
            lines.len()
        )
    };
    Verdict::Fail(vec![i.finding()
        .title(title)
        .evidence(lines.join("; "))
        .paths([file.to_string()])
        .fix("Write plain paths and globs (* ? [a-z] ** and !exceptions); escape only * ? [ ] \\ with \\.")])
}

fn concern_list(r: &ContextReport, pick: &[Concern]) -> (Vec<String>, u64) {
    let found: Vec<_> = r
        .sensitive
        .iter()
        .filter(|s| pick.contains(&s.concern))
        .collect();
    let bytes = found.iter().map(|s| s.bytes).sum();
    let items = found
        .iter()
        .map(|s| format!("{} ({})", s.path, s.concern.describe()))
        .collect();
    (items, bytes)
}

pub fn secrets(i: &Input) -> Verdict {
    let r = match walked(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    let (items, _) = concern_list(r, &[Concern::Secret]);
    if items.is_empty() {
        return Verdict::Pass("no .env file, key or credentials file is sent".into());
    }
    Verdict::Fail(vec![i.finding()
        .title(format!("{} secret files would be sent to the daemon", items.len()))
        .evidence(listed(&items))
        .paths(r.of(Concern::Secret).map(|s| s.path.clone()))
        .fix("Add them to .dockerignore (`.env*` then `!.env.example`, `*.key`, `id_*`); pass secrets at run time (--env-file) or with RUN --mount=type=secret.")])
}

pub fn excluded_files(i: &Input) -> Verdict {
    let r = match walked(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    let kinds = [
        Concern::Git,
        Concern::Venv,
        Concern::DevCache,
        Concern::Database,
    ];
    let (items, bytes) = concern_list(r, &kinds);
    if items.is_empty() {
        return Verdict::Pass(
            "no .git, virtual environment, tool cache or local database is sent".into(),
        );
    }
    let paths: Vec<String> = r
        .sensitive
        .iter()
        .filter(|s| kinds.contains(&s.concern))
        .map(|s| format!("{}{}", s.path, if s.files > 1 { "/" } else { "" }))
        .collect();
    Verdict::Fail(vec![
        i.finding()
            .title(format!(
                "The context sends what the guide's .dockerignore keeps out ({})",
                format_size(bytes)
            ))
            .evidence(listed(&items))
            .paths(paths.clone())
            .fix(format!("Add to .dockerignore: {}.", listed(&paths))),
    ])
}

pub fn unreadable(i: &Input) -> Verdict {
    let r = match walked(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    if r.unreadable.is_empty() {
        return Verdict::Pass(format!("all {} files sent are readable", r.files));
    }
    let items: Vec<String> = r
        .unreadable
        .iter()
        .map(|u| format!("{} ({})", u.path, u.error))
        .collect();
    Verdict::Fail(vec![i.finding()
        .title(format!("docker build cannot read {} paths of the context", r.unreadable.len()))
        .evidence(listed(&items))
        .paths(r.unreadable.iter().map(|u| u.path.clone()))
        .fix("Make them readable by the user who runs docker build (chmod a+r / chown), or add them to .dockerignore if the image does not need them.")])
}

pub fn size(i: &Input) -> Verdict {
    let r = match walked(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    let budget = i.profile.context_budget_bytes;
    if r.bytes <= budget {
        return Verdict::Pass(format!(
            "{} in {} files (budget {})",
            format_size(r.bytes),
            r.files,
            format_size(budget)
        ));
    }
    let top: Vec<String> = r
        .largest
        .iter()
        .filter(|l| l.kind == crate::context::walk::Kind::Dir && !l.path.contains('/'))
        .take(SHOWN)
        .map(|l| format!("{}/ {}", l.path, format_size(l.bytes)))
        .collect();
    Verdict::Fail(vec![i.finding()
        .title(format!("The build context is {} (budget {})", format_size(r.bytes), format_size(budget)))
        .evidence(format!("{} files; largest: {}", r.files, top.join(", ")))
        .paths(r.largest.iter().take(SHOWN).map(|l| l.path.clone()))
        .fix("Exclude what the image does not need (data, build output, caches) in .dockerignore; every build sends the whole context first.")])
}
