//! Rules about the user the container runs as: not root, known to `/etc/passwd`, the UID
//! the profile expects; and the accounts files themselves read cleanly.

use super::files::runtime;
use crate::diagnose::finding::Severity;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::files::accounts::Presence;
use crate::files::user::UserProblem;

pub fn user_root(i: &Input) -> Verdict {
    // Where the container's config is known too (the Doctor, `docktor check`), the one
    // verdict on root is runtime.non-root-user's: the same mistake is not reported twice.
    if i.facts.container.get().is_some() {
        return Verdict::NotApplicable("runtime.non-root-user checks the user here".into());
    }
    let r = match runtime(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    if r.user.cannot_start() {
        return Verdict::NotApplicable(
            "the USER setting cannot be resolved (see files.user-unknown)".into(),
        );
    }
    if !r.user.is_root() {
        return Verdict::Pass(format!("runs as {}", r.user.label()));
    }
    let how = match r.user.spec.trim() {
        "" => "no USER is set, so it runs as root".to_string(),
        s => format!("USER is '{s}', which is root (uid 0)"),
    };
    let p = i.profile;
    Verdict::Fail(vec![i.finding()
        .title("The container runs as root")
        .evidence(how)
        .fix(format!(
            "Create a non-root user and switch to it: `RUN groupadd -g {gid} {name} && useradd -u {uid} -g {name} {name}`, then `USER {name}` (the guide runs as {name}, UID {uid}).",
            gid = p.app_gid, uid = p.app_uid, name = p.app_user
        ))])
}

pub fn user_unknown(i: &Input) -> Verdict {
    let r = match runtime(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    if r.user.problems.is_empty() {
        return Verdict::Pass(format!("{} is in /etc/passwd", r.user.label()));
    }
    let passwd = match &r.accounts.passwd {
        Presence::Found => "/etc/passwd".to_string(),
        Presence::Missing => "/etc/passwd (the image has none)".to_string(),
        Presence::Unreadable(why) => format!("/etc/passwd (unreadable: {why})"),
    };
    let found = r
        .user
        .problems
        .iter()
        .map(|p| match p {
            UserProblem::NameNotFound { name } => i.finding()
                .title(format!("User '{name}' does not exist: the container cannot start"))
                .evidence(format!("USER {} names '{name}', which is not in {passwd}; runc refuses to start (\"unable to find user {name}\")", r.user.spec))
                .fix(format!("Create the user in the image before `USER {name}`: `RUN groupadd -g {g} {name} && useradd -u {u} -g {name} {name}` (on a scratch or distroless image, write the /etc/passwd and /etc/group lines), or set USER to a number.", g = i.profile.app_gid, u = i.profile.app_uid))
                .paths(["/etc/passwd".to_string()]),
            UserProblem::GroupNotFound { name } => i.finding()
                .title(format!("Group '{name}' does not exist: the container cannot start"))
                .evidence(format!("USER {} names group '{name}', which is not in /etc/group", r.user.spec))
                .fix(format!("Create the group (`RUN groupadd {name}`) or use its number in USER."))
                .paths(["/etc/group".to_string()]),
            UserProblem::GroupAddNotFound { name } => i.finding()
                .title(format!("--group-add '{name}' is not a group of the image"))
                .evidence(format!("'{name}' is not in /etc/group; the engine refuses to start the container"))
                .fix("Use the group's number in --group-add (or group_add in Compose), or create the group in the image.")
                .paths(["/etc/group".to_string()]),
            UserProblem::UidNotInPasswd { uid } => i.finding()
                .severity(Severity::Warn)
                .title(format!("UID {uid} has no line in /etc/passwd"))
                .evidence(format!("USER {} is not in {passwd}: the process runs with no name, HOME=/ and, without a group in USER, gid 0 (the root group)", r.user.spec))
                .fix(format!("Add the user to the image (`RUN useradd -u {uid} …`, or a line `app:x:{uid}:{uid}::/app:/sbin/nologin` in /etc/passwd on scratch images) and give USER as `{uid}:{uid}`."))
                .paths(["/etc/passwd".to_string()]),
        })
        .collect();
    Verdict::Fail(found)
}

pub fn user_uid(i: &Input) -> Verdict {
    let r = match runtime(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    let p = i.profile;
    if r.user.is_root() || r.user.cannot_start() {
        return Verdict::NotApplicable(
            "the runtime user is root or does not exist (see files.user-root, files.user-unknown)"
                .into(),
        );
    }
    let id = &r.user.id;
    if id.uid == p.app_uid && id.gid == p.app_gid {
        return Verdict::Pass(format!("runs as {} as the profile expects", r.user.label()));
    }
    Verdict::Fail(vec![i.finding()
        .title(format!("The runtime user is {}, the profile expects {}:{}", r.user.label(), p.app_uid, p.app_gid))
        .evidence(format!("USER '{}' resolves to uid {} gid {}; [user] in the profile says {} ({}:{}); files owned by {} will not be the user's", r.user.spec, id.uid, id.gid, p.app_user, p.app_uid, p.app_gid, p.app_uid))
        .fix(format!("Create the user with fixed ids (`RUN groupadd -g {g} {n} && useradd -u {u} -g {g} {n}`) so ownership and volumes agree, or change [user] in docktor.toml.", g = p.app_gid, u = p.app_uid, n = p.app_user))])
}

pub fn accounts(i: &Input) -> Verdict {
    let r = match runtime(i) {
        Ok(r) => r,
        Err(v) => return v,
    };
    let a = &r.accounts;
    let mut out = Vec::new();
    for (file, state) in [("/etc/passwd", &a.passwd), ("/etc/group", &a.group)] {
        if let Presence::Unreadable(why) = state {
            out.push(i.finding()
                .title(format!("{file} could not be read"))
                .evidence(why.clone())
                .fix("Make it a regular, world-readable file (mode 0644); owner names are shown as numbers meanwhile.")
                .paths([file.to_string()]));
        }
    }
    if !a.problems.is_empty() {
        let lines: Vec<String> = a
            .problems
            .iter()
            .take(super::files::SHOWN)
            .map(|p| {
                format!(
                    "{}:{}: {} ('{}'{})",
                    p.file,
                    p.line,
                    p.why,
                    p.text,
                    if p.kept { ", kept" } else { ", ignored" }
                )
            })
            .collect();
        let more = a.problems.len().saturating_sub(super::files::SHOWN);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let mut files: Vec<String> = a.problems.iter().map(|p| p.file.to_string()).collect();
        files.dedup();
        out.push(i.finding()
            .title(format!("{} malformed line(s) in the accounts files", a.problems.len()))
            .evidence(format!("{}{tail}", lines.join("; ")))
            .fix("Write each /etc/passwd line as name:x:uid:gid:gecos:home:shell and each /etc/group line as name:x:gid:members; let useradd/groupadd write them where the image has them.")
            .paths(files));
    }
    if out.is_empty() {
        let state = match (&a.passwd, &a.group) {
            (Presence::Found, Presence::Found) => format!(
                "{} users, {} groups, no malformed line",
                a.users.len(),
                a.groups.len()
            ),
            _ => "no /etc/passwd or /etc/group to read (numbers are shown)".into(),
        };
        return Verdict::Pass(state);
    }
    Verdict::Fail(out)
}
