//! Rules over how a container runs (`Fact::Container`): the guide's non-root user, a restart
//! policy and a memory limit for a service. (Whether the user exists in `/etc/passwd` is the
//! Files tab's `files.*` check; this one reads the configuration only.)

use crate::diagnose::Fact;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::layers::units::format_size;
use crate::model::inspect::HealthTest;
use crate::runtime::{ContainerFacts, user};

pub(crate) fn facts<'a>(i: &'a Input) -> Option<&'a ContainerFacts> {
    i.facts.container.get().map(|f| f.as_ref())
}

/// The verdict when the container facts are not there (the engine checks `needs` first).
pub(crate) fn pending() -> Verdict {
    Verdict::Pending(Fact::Container)
}

pub fn non_root_user(i: &Input) -> Verdict {
    let Some(f) = facts(i) else { return pending() };
    let u = f.user();
    let p = i.profile;
    if !user::is_root(u) {
        let expected = if u == p.app_user || u.split(':').next() == Some(&p.app_uid.to_string()) {
            String::new()
        } else {
            format!(" (the profile's user is {}, uid {})", p.app_user, p.app_uid)
        };
        return Verdict::Pass(format!("runs as {}{expected}", user::describe(u)));
    }
    let what = if f.details.is_some() {
        "container"
    } else {
        "image"
    };
    let from = match &f.details {
        Some(d) if !d.config.user.is_empty() && d.config.user != f.image.user => {
            format!("set by the container (`--user {}`)", d.config.user)
        }
        _ if f.image.user.is_empty() => "the image sets no USER".to_string(),
        _ => format!("the image's `USER {}`", f.image.user),
    };
    Verdict::Fail(vec![i.finding()
        .title(format!("The {what} runs as root"))
        .evidence(format!("user {}: {from}", user::describe(u)))
        .fix(format!(
            "Create a user and switch to it in the Dockerfile, as the guide does: `RUN groupadd -r {n} && useradd -r -g {n} {n}` then `USER {n}` (or run with `--user {uid}:{gid}`).",
            n = p.app_user, uid = p.app_uid, gid = p.app_gid
        ))])
}

/// Why a container is not a long-running service, if it is not one.
pub(crate) fn not_a_service(f: &ContainerFacts) -> Option<String> {
    let d = f.details.as_ref()?;
    let compose = d.config.labels.contains_key("com.docker.compose.service");
    let check = d
        .config
        .healthcheck
        .as_ref()
        .or(f.image.healthcheck.as_ref())
        .is_some_and(|h| !matches!(h.kind(), HealthTest::Disabled | HealthTest::Inherit));
    if compose || check || !f.exposed_ports().is_empty() {
        return None;
    }
    Some("no exposed port, health check or Compose service: a one-off task, not a service".into())
}

const NO_CONTAINER: &str = "an image has none: it is set when a container is run";

pub fn restart_policy(i: &Input) -> Verdict {
    let Some(f) = facts(i) else { return pending() };
    let Some(d) = &f.details else {
        return Verdict::NotApplicable(format!("restart policy: {NO_CONTAINER}"));
    };
    if let Some(why) = not_a_service(f) {
        return Verdict::NotApplicable(why);
    }
    let rp = &d.host_config.restart_policy;
    if !matches!(rp.name.as_str(), "" | "no") {
        let retries = if rp.name == "on-failure" && rp.max_retries > 0 {
            format!(" (at most {} retries)", rp.max_retries)
        } else {
            String::new()
        };
        return Verdict::Pass(format!("restart policy `{}`{retries}", rp.name));
    }
    Verdict::Fail(vec![i.finding()
        .title("No restart policy: the service stays down after a crash or a daemon restart")
        .evidence(format!(
            "RestartPolicy is `{}`; the container has been restarted {} times",
            if rp.name.is_empty() { "no" } else { &rp.name },
            d.restart_count
        ))
        .fix(format!(
            "Run it with `--restart unless-stopped` (Compose: `restart: unless-stopped`); `docker update --restart unless-stopped {}` changes it in place.",
            d.name
        ))])
}

pub fn memory_limit(i: &Input) -> Verdict {
    let Some(f) = facts(i) else { return pending() };
    let Some(d) = &f.details else {
        return Verdict::NotApplicable(format!("memory limit: {NO_CONTAINER}"));
    };
    match d.host_config.memory {
        Some(m) if m > 0 => Verdict::Pass(format!("memory limit {}", format_size(m as u64))),
        _ => Verdict::Fail(vec![i.finding()
            .title("No memory limit: one leak can take all of the host's memory")
            .evidence("HostConfig.Memory is 0 (unlimited)")
            .fix(format!(
                "Run it with `--memory 512m` (a size that fits the app; Compose: `mem_limit: 512m`); `docker update --memory 512m --memory-swap 512m {}` sets it in place.",
                d.name
            ))]),
    }
}
