//! Rules over a container's files (the Files tab and `docktor files`): shared helpers, and
//! the profile's `[[files.expect]]` expectations. The other checks are by theme:
//! `files_user` (the runtime user and its accounts), `files_perms` (rights, owners, modes),
//! `files_excluded` (what `.dockerignore` should have kept out), `files_python`.

use crate::diagnose::Fact;
use crate::diagnose::finding::Finding;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::files::audit::{Audit, Spot};
use crate::files::expect::{ExpectStatus, check};
use crate::files::mode::mode_string;
use crate::files::tree::NodeId;
use crate::files::{Runtime, Walked};

/// How many places a finding lists in its evidence, and at most in its `paths`.
pub(crate) const SHOWN: usize = 5;
pub(crate) const PATHS: usize = 50;

/// The runtime part (the engine checks `needs` first).
pub(crate) fn runtime<'a>(i: &Input<'a>) -> Result<&'a Runtime, Verdict> {
    i.facts
        .runtime_user
        .get()
        .map(|r| r.as_ref())
        .ok_or(Verdict::Pending(Fact::RuntimeUser))
}

/// Both parts.
pub(crate) fn parts<'a>(i: &Input<'a>) -> Result<(&'a Runtime, &'a Walked), Verdict> {
    let r = runtime(i)?;
    let w = i
        .facts
        .app_files
        .get()
        .map(|w| w.as_ref())
        .ok_or(Verdict::Pending(Fact::AppFiles))?;
    Ok((r, w))
}

/// `drwxr-xr-x root:root` of a node, owners named from the container's accounts.
pub(crate) fn described(a: &Audit, id: NodeId) -> String {
    let n = a.tree.node(id);
    let (uid, gid, perm) = crate::files::rights::owner_mode(a.tree, id, &a.runtime.mounts);
    let acc = &a.runtime.accounts;
    format!(
        "{} {}:{}",
        mode_string(n.kind, perm),
        acc.user_name(uid),
        acc.group_name(gid)
    )
}

/// `/app/src (and 412 entries below, drwxr-xr-x root:root), /app/x (…) and 3 more`.
pub(crate) fn spot_list(a: &Audit, spots: &[Spot]) -> String {
    let shown: Vec<String> = spots
        .iter()
        .take(SHOWN)
        .map(|s| {
            let below = match s.below {
                0 => String::new(),
                1 => "and 1 entry below, ".into(),
                n => format!("and {n} entries below, "),
            };
            format!("{} ({below}{})", a.tree.path_of(s.id), described(a, s.id))
        })
        .collect();
    let more = spots.len().saturating_sub(SHOWN);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let total: u64 = spots.iter().map(|s| 1 + u64::from(s.below)).sum();
    let total = match total {
        1 => "1 entry".to_string(),
        n => format!("{n} entries in all"),
    };
    format!("{}{tail}; {total}", shown.join(", "))
}

/// The paths of `spots`, for a finding's `paths` (at most [`PATHS`]).
pub(crate) fn spot_paths(a: &Audit, spots: &[Spot]) -> Vec<String> {
    spots
        .iter()
        .take(PATHS)
        .map(|s| a.tree.path_of(s.id))
        .collect()
}

/// Pass when nothing was found, else one finding made by `make` from the list.
pub(crate) fn spots_verdict(
    a: &Audit,
    spots: &[Spot],
    pass: String,
    make: impl FnOnce(String) -> Finding,
) -> Verdict {
    if spots.is_empty() {
        return Verdict::Pass(pass);
    }
    Verdict::Fail(vec![make(spot_list(a, spots)).paths(spot_paths(a, spots))])
}

/// `app (1001:1001)` for evidence lines.
pub(crate) fn who(r: &Runtime) -> String {
    r.user.label()
}

pub fn expectations(i: &Input) -> Verdict {
    let (_, w) = match parts(i) {
        Ok(p) => p,
        Err(v) => return v,
    };
    let exp = &i.profile.files.expect;
    if exp.is_empty() {
        return Verdict::NotApplicable("the profile has no [[files.expect]]".into());
    }
    let checked: Vec<_> = exp.iter().map(|e| check(e, w)).collect();
    let failed: Vec<Finding> = checked
        .iter()
        .filter(|c| c.status == ExpectStatus::Fail)
        .map(|c| {
            i.finding()
                .title(format!("Expectation not met: {}", c.expectation.label()))
                .evidence(format!("{}: {}", c.expectation.path, c.detail))
                .fix(fix_for(c))
                .paths([c.expectation.path.clone()])
        })
        .collect();
    let unknown = checked
        .iter()
        .filter(|c| c.status == ExpectStatus::Unknown)
        .count();
    if !failed.is_empty() {
        return Verdict::Fail(failed);
    }
    let tail = if unknown > 0 {
        format!(", {unknown} not checked (outside the walk)")
    } else {
        String::new()
    };
    Verdict::Pass(format!(
        "{} of {} expectations hold{tail}",
        checked.len() - unknown,
        checked.len()
    ))
}

fn fix_for(c: &crate::files::expect::Checked) -> String {
    let e = &c.expectation;
    if !e.should_exist {
        return format!(
            "Keep {} out of the image: add it to .dockerignore, or delete it in the stage that makes it.",
            e.path
        );
    }
    if c.detail == "does not exist" {
        return format!(
            "Create {} in the Dockerfile (COPY it, or RUN install -d).",
            e.path
        );
    }
    let owner = match (e.uid, e.gid) {
        (Some(u), Some(g)) => format!("COPY --chown={u}:{g} (or RUN chown {u}:{g} {})", e.path),
        (Some(u), None) => format!("COPY --chown={u} (or RUN chown {u} {})", e.path),
        (None, Some(g)) => format!("RUN chgrp {g} {}", e.path),
        (None, None) => String::new(),
    };
    let mode = e
        .permissions
        .as_ref()
        .map(|p| {
            format!(
                "COPY --chmod={:o} (or RUN chmod {:o} {})",
                p.mode.perm, p.mode.perm, e.path
            )
        })
        .or_else(|| e.executable_by.map(|_| format!("RUN chmod +x {}", e.path)))
        .unwrap_or_default();
    [owner, mode]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}
