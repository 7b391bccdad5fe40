//! Rules about what the runtime user can do with the app's files, and about their owners
//! and modes: must-write folders, unreadable files, a start script it cannot execute, files
//! not owned by the app user, world-writable entries, setuid/setgid binaries.

use super::files::{described, parts, spots_verdict, who};
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::files::audit::Audit;
use crate::files::audit::owners::{foreign_owned, world_writable as find_open};
use crate::files::audit::perms::{
    WriteProblem, must_write as check_write, not_executable, setuid as find_setuid,
    unreadable as find_unreadable,
};

macro_rules! audit {
    ($i:expr) => {
        match parts($i) {
            Ok((r, w)) => Audit::new(w, r),
            Err(v) => return v,
        }
    };
}

/// The rights of a user the engine cannot resolve mean nothing: the container does not start.
macro_rules! rights_audit {
    ($i:expr) => {{
        let a = audit!($i);
        if a.runtime.user.cannot_start() {
            return Verdict::NotApplicable(format!(
                "USER '{}' cannot be resolved, so the container does not start (see files.user-unknown)",
                a.runtime.user.spec
            ));
        }
        a
    }};
}

pub fn must_write(i: &Input) -> Verdict {
    let a = rights_audit!(i);
    let p = i.profile;
    let (problems, checked) = check_write(&a, &p.files.must_write);
    if problems.is_empty() {
        return if checked == 0 {
            Verdict::NotApplicable(format!(
                "none of {:?} is under {}",
                p.files.must_write,
                a.tree.root()
            ))
        } else {
            Verdict::Pass(format!(
                "{} can write {checked} folder(s): {}",
                who(a.runtime),
                p.files.must_write.join(", ")
            ))
        };
    }
    let user = &p.app_user;
    let found = problems
        .into_iter()
        .map(|m| {
            let path = m.path.clone();
            let install = format!("`RUN install -d -o {user} -g {user} {path}` (or `COPY --chown={user}:{user}`)");
            let (title, evidence, fix) = match m.problem {
                WriteProblem::Missing { parent } => (
                    format!("{path} does not exist and the app cannot create it"),
                    match parent {
                        Some(pid) => format!("{} cannot create it in {} ({})", who(a.runtime), a.tree.path_of(pid), described(&a, pid)),
                        None => format!("neither {path} nor its parent folder is in the image"),
                    },
                    format!("Create it in the image: {install}."),
                ),
                WriteProblem::NotADirectory { id } => (
                    format!("{path} is not a folder"),
                    format!("{path} is a {} ({})", a.tree.node(id).kind.word(), described(&a, id)),
                    format!("Replace it with a folder the app owns: {install}."),
                ),
                WriteProblem::NotWritable { id, blocked_by, read_only } => {
                    let evidence = if read_only {
                        let m = crate::files::mounts::mount_of(a.tree, id, crate::files::mounts::mount_above(a.tree.root(), &a.runtime.mounts))
                            .and_then(|m| a.runtime.mounts.get(m))
                            .map_or("the root filesystem is read-only (--read-only)".to_string(), |m| format!("it is on a read-only mount ({})", m.label()));
                        format!("{path}: {m}")
                    } else if let Some(b) = blocked_by {
                        format!("{} cannot enter {} ({}), on the way to {path}", who(a.runtime), a.tree.path_of(b), described(&a, b))
                    } else {
                        let mount = a.tree.node(id).mount.and_then(|m| a.runtime.mounts.get(m as usize)).map(|m| format!(", mounted from {}", m.label())).unwrap_or_default();
                        format!("{path} is {}{mount}; {} is not allowed to create files there", described(&a, id), who(a.runtime))
                    };
                    let fix = if read_only {
                        format!("Mount {path} read-write (drop `:ro` / `read_only: true`), or write elsewhere.")
                    } else if let Some(m) = a.tree.node(id).mount.and_then(|m| a.runtime.mounts.get(m as usize)) {
                        match m.kind {
                            crate::files::mounts::MountKind::Bind => format!("The folder is bind-mounted from {}: `chown {}:{}` it on the host (or mount a folder the app user owns).", m.source, p.app_uid, p.app_gid),
                            crate::files::mounts::MountKind::Tmpfs => format!("The folder is a tmpfs: mount it for the app user (`--tmpfs {path}:uid={u},gid={g},mode=0755`, or in Compose `tmpfs: [\"{path}:uid={u},gid={g}\"]`).", u = p.app_uid, g = p.app_gid),
                            _ => format!("The folder is the volume {}: create {path} owned by {user} in the image ({install}) so a new volume copies that ownership, or fix the volume once (`docker run --rm -v {}:/v busybox chown -R {}:{} /v`).", m.source, m.source, p.app_uid, p.app_gid),
                        }
                    } else {
                        format!("Give the folder to the app user: {install}.")
                    };
                    (format!("The runtime user cannot write {path}"), evidence, fix)
                }
            };
            i.finding().title(title).evidence(evidence).fix(fix).paths([path])
        })
        .collect();
    Verdict::Fail(found)
}

pub fn unreadable(i: &Input) -> Verdict {
    let a = rights_audit!(i);
    let spots = find_unreadable(&a);
    let user = &i.profile.app_user;
    spots_verdict(
        &a,
        &spots,
        format!("{} can read all {} entries", who(a.runtime), a.tree.len()),
        |ev| {
            i.finding()
            .title(format!("{} cannot read some application files", who(a.runtime)))
            .evidence(ev)
            .fix(format!("Copy them readable and owned by the app user: `COPY --chown={user}:{user} . /app`, or `RUN chmod -R a+rX /app` for files that must stay root's."))
        },
    )
}

pub fn start_script(i: &Input) -> Verdict {
    let a = rights_audit!(i);
    let p = i.profile;
    let (mut bad, checked) = not_executable(&a, &p.files.executable);
    // Where the container's config is gathered too (the Doctor, `docktor check`), a start.sh
    // that runtime.start-script already reports (missing, not executable) is its finding
    // alone: the same mistake is not reported twice.
    if i.facts.container.get().is_some()
        && let Verdict::Fail(theirs) = super::runtime_entry::start_script(i)
    {
        let before = bad.len();
        bad.retain(|b| !theirs.iter().any(|f| f.paths.contains(&b.path)));
        if bad.is_empty() && before > 0 {
            return Verdict::NotApplicable("runtime.start-script reports the start script".into());
        }
    }
    if bad.is_empty() {
        return if checked == 0 {
            Verdict::NotApplicable(format!(
                "no {} under {}",
                p.files.executable.join(", "),
                a.tree.root()
            ))
        } else {
            Verdict::Pass(format!(
                "{} can execute {checked} script(s)",
                who(a.runtime)
            ))
        };
    }
    let found = bad
        .into_iter()
        .map(|b| {
            let (title, evidence) = match b.id {
                None => (format!("The command {} does not exist", b.path), format!("the container's command starts {}, which is not in the image", b.path)),
                Some(id) => (
                    format!("{} cannot execute {}", who(a.runtime), b.path),
                    format!("{} is {}{}", b.path, described(&a, id), if b.is_command { "; it is the container's command, so the container fails to start (permission denied)" } else { "" }),
                ),
            };
            i.finding()
                .title(title)
                .evidence(evidence)
                .fix(format!("`COPY --chown={u}:{u} --chmod=755 {name} {path}` (or `RUN chmod 755 {path}`); keep LF line endings and a `#!/bin/sh` first line.", u = p.app_user, name = b.path.rsplit('/').next().unwrap_or("start.sh"), path = b.path))
                .paths([b.path])
        })
        .collect();
    Verdict::Fail(found)
}

pub fn owner(i: &Input) -> Verdict {
    let a = audit!(i);
    let p = i.profile;
    let spots = foreign_owned(&a, p.app_uid, &p.files.owner_exempt);
    spots_verdict(
        &a,
        &spots,
        format!(
            "every image file under {} is owned by uid {}",
            a.tree.root(),
            p.app_uid
        ),
        |ev| {
            i.finding()
            .title(format!("Application files not owned by {} ({})", p.app_user, p.app_uid))
            .evidence(ev)
            .fix(format!("Copy with ownership: `COPY --chown={u}:{u} source destination` (no separate `chown -R` layer, which copies every file again); list deliberate exceptions in [files] owner_exempt.", u = p.app_user))
        },
    )
}

pub fn world_writable(i: &Input) -> Verdict {
    let a = audit!(i);
    let spots = find_open(&a);
    spots_verdict(
        &a,
        &spots,
        format!("nothing under {} is writable by everyone", a.tree.root()),
        |ev| {
            i.finding()
            .title("World-writable files or folders")
            .evidence(ev)
            .fix(format!("Drop the write bit for others (`RUN chmod -R o-w {}`, or `COPY --chmod=755`); give write access to the app user instead (`install -d -o {u} -g {u}`).", a.tree.root(), u = i.profile.app_user))
        },
    )
}

pub fn setuid(i: &Input) -> Verdict {
    let a = audit!(i);
    let spots = find_setuid(&a);
    spots_verdict(
        &a,
        &spots,
        format!("no setuid or setgid binary under {}", a.tree.root()),
        |ev| {
            i.finding()
            .title("Setuid or setgid binaries (dockle CIS-DI-0008)")
            .evidence(ev)
            .fix("Remove the bits unless the app needs them: `RUN chmod u-s,g-s <file>` (or `find / -perm /6000 -type f -exec chmod a-s {} +` in the last stage).")
        },
    )
}
