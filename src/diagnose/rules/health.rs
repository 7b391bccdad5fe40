//! Health rules about the check and the container's state: no check at all (with a
//! `HEALTHCHECK` line that fits the image), failing now, flapping rather than failing
//! steadily, `start_interval` without `start_period`, `CMD-SHELL` without a shell. The
//! causes read from the probes' output are in `health_causes.rs`.

use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::diagnose::{Fact, PartState, Severity, Subject};
use crate::health::config::Test;
use crate::health::recommend::healthcheck_line;
use crate::health::time::{clock, datetime, nanos_in, span};
use crate::health::{HealthFacts, Tools, output, summarize};
use crate::model::Health;

/// The facts, or the verdict to give without them.
pub(crate) fn facts<'a>(i: &'a Input) -> Result<&'a HealthFacts, Verdict> {
    i.health().ok_or(Verdict::Pending(Fact::Health))
}

/// The facts of a container that has a check (not applicable otherwise).
pub(crate) fn checked<'a>(i: &'a Input) -> Result<&'a HealthFacts, Verdict> {
    let h = facts(i)?;
    match &h.config {
        Some(c) if !c.is_disabled() => Ok(h),
        _ => Err(Verdict::NotApplicable(
            if is_image(i) {
                "the image has no health check"
            } else {
                "the container has no health check"
            }
            .into(),
        )),
    }
}

/// The facts of a target that runs probes: a container with a check (an image has none).
pub(crate) fn probed<'a>(i: &'a Input) -> Result<&'a HealthFacts, Verdict> {
    let h = checked(i)?;
    if is_image(i) {
        return Err(Verdict::NotApplicable(
            "an image runs no probes: check a container made from it".into(),
        ));
    }
    Ok(h)
}

pub(crate) fn is_image(i: &Input) -> bool {
    matches!(i.facts.subject, Subject::Image { .. })
}

/// The probe tools the target has: looked for in the container, or, for an image, read
/// from its analysed files (symlinks followed). An image's verdict waits for its files
/// (`Err(Pending)`); `Ok(None)`: they could not be had.
pub(crate) fn tools(i: &Input, h: &HealthFacts) -> Result<Option<Tools>, Verdict> {
    if h.tools.is_some() || !is_image(i) {
        return Ok(h.tools.clone());
    }
    match i.facts.state(Fact::Layers) {
        PartState::Pending => Err(Verdict::Pending(Fact::Layers)),
        PartState::Unavailable(_) => Ok(None),
        PartState::Ready => Ok(i.layers().map(|a| Tools::probe(|p| a.exists(p)))),
    }
}

/// `the profile's endpoint /health/ on port 8000`.
pub(crate) fn endpoint(i: &Input) -> String {
    format!(
        "the profile's endpoint {} on port {}",
        i.profile.health_path, i.profile.health_port
    )
}

pub fn none(i: &Input) -> Verdict {
    let h = match facts(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let found = match tools(i, h) {
        Ok(t) => t,
        Err(v) => return v,
    };
    let line = healthcheck_line(
        found.as_ref(),
        i.profile.health_port,
        &i.profile.health_path,
    );
    let tools = match &found {
        Some(t) if t.http_tools().is_empty() => "the image has no curl, wget or python".into(),
        Some(t) => format!("the image has {}", t.http_tools().join(", ")),
        None => "the image's tools could not be looked at; curl assumed".to_string(),
    };
    match &h.config {
        Some(c) if !c.is_disabled() => Verdict::Pass(format!(
            "HEALTHCHECK {} (from the {})",
            c.command_text(),
            match c.origin {
                crate::health::config::Origin::Container => "container",
                crate::health::config::Origin::Image => "image",
            }
        )),
        other => {
            let what = match (other.is_some(), is_image(i)) {
                (true, _) => {
                    "The health check is switched off (HEALTHCHECK NONE / --no-healthcheck)"
                }
                (false, true) => "The image has no health check",
                (false, false) => "The container has no health check",
            };
            Verdict::Fail(vec![i.finding()
                .title(what)
                .evidence(format!("Docker cannot tell whether the app answers, so orchestration cannot restart or route around it; {tools}"))
                .fix(format!("The guide's images carry a health check on {}. Add to the Dockerfile: {line}", endpoint(i)))])
        }
    }
}

pub fn failing(i: &Input) -> Verdict {
    let h = match probed(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let Some(cfg) = &h.config else {
        return Verdict::NotApplicable("no health check".into());
    };
    if h.running == Some(false) {
        return Verdict::NotApplicable(format!(
            "the container is not running, so no probe runs (Docker shows its last health state{}); runtime.exited says why it stopped",
            match h.status {
                Health::None => String::new(),
                s => format!(", {}", s.as_str()),
            }
        ));
    }
    let s = h.summary();
    let streak = h.failing_streak.unwrap_or(s.failing_streak);
    let latest_failed = h
        .history
        .probes()
        .iter()
        .rev()
        .find(|p| p.exit_code.is_some());
    let failing = h.status == Health::Unhealthy || latest_failed.is_some_and(|p| p.failed());
    if !failing {
        return Verdict::Pass(match h.status {
            Health::Starting => "starting: no verdict yet".into(),
            _ => format!("{}; last probe passed", h.status.as_str()),
        });
    }
    let since = s
        .since_text()
        .unwrap_or_else(|| "failing since before the probes known".into());
    let healthy = s
        .last_healthy
        .map(|t| format!("last healthy at {}", datetime(t)))
        .unwrap_or_else(|| "never healthy in the probes known".into());
    let said = latest_failed
        .and_then(|p| p.output.as_deref())
        .map(output::telling_line)
        .filter(|l| !l.is_empty())
        .map(|l| format!("; the last probe said: {l}"))
        .unwrap_or_default();
    let title = match h.status {
        Health::Unhealthy => format!("Unhealthy: {streak} failed probes in a row"),
        Health::Starting => {
            "Starting, and the check fails: failures inside the start period do not count yet"
                .into()
        }
        other => format!(
            "The health check fails ({streak} in a row; status {})",
            other.as_str()
        ),
    };
    // Inside the start period failures are expected while the app boots.
    let f = match h.status {
        Health::Starting => i.finding().severity(Severity::Warn),
        _ => i.finding(),
    };
    Verdict::Fail(vec![f
        .title(title)
        .evidence(format!(
            "{since}, {healthy}{said}. A failure turns the container unhealthy after {} ({} probes × {} interval, after a {} start period)",
            dur(cfg.time_to_unhealthy()),
            cfg.retries(),
            dur(cfg.interval()),
            dur(cfg.start_period())
        ))
        .fix(format!("Check that the app responds on {} (the guide's first runtime check): run the probe now, read the output of each probe, and the findings on the cause below.", endpoint(i)))])
}

pub fn flapping(i: &Input) -> Verdict {
    let h = match probed(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let s = summarize(&h.history, h.config.as_ref());
    let Some(f) = s.flapping else {
        return Verdict::Pass(if s.failing_streak > 0 {
            format!(
                "failing steadily ({} in a row), not alternating",
                s.failing_streak
            )
        } else {
            "results do not alternate".into()
        });
    };
    let timeout = h.config.as_ref().map(|c| c.timeout()).unwrap_or_default();
    Verdict::Fail(vec![i.finding()
        .title("The health check flaps: results alternate between pass and fail")
        .evidence(format!(
            "{} changes between pass and fail in the last {} probes ({} passed, {} failed); probes took {} at most, median {}, against a timeout of {}",
            f.changes, f.window, f.passes, f.fails,
            span(s.durations.max), span(s.durations.median), dur(timeout)
        ))
        .fix("Flapping is not a steady failure: look for what comes and goes — probes close to the timeout (raise --timeout or make the endpoint cheaper), a dependency that fails now and then, a worker pool that is sometimes full. Raise --retries so one blip does not flip the status.")])
}

pub fn start_interval(i: &Input) -> Verdict {
    let h = match checked(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let Some(c) = &h.config else {
        return Verdict::NotApplicable("no health check".into());
    };
    let Some(si) = c.set.start_interval.filter(|d| !d.is_zero()) else {
        return Verdict::NotApplicable("no start_interval set".into());
    };
    if c.start_period().is_zero() {
        let old = if h.start_interval_supported == Some(false) {
            " (and this daemon predates Docker 25, which ignores start_interval entirely)"
        } else {
            ""
        };
        return Verdict::Fail(vec![i.finding()
            .title("start_interval is set without start_period: the daemon ignores it")
            .evidence(format!("--start-interval={} with no start period: probes run every {} from the start{old} (moby #49900)", dur(si), dur(c.interval())))
            .fix("Set a start period that covers the app's boot, e.g. HEALTHCHECK --start-period=30s --start-interval=2s …, or drop --start-interval.")]);
    }
    Verdict::Pass(format!(
        "start_interval {} within a {} start period",
        dur(si),
        dur(c.start_period())
    ))
}

pub fn shell_missing(i: &Input) -> Verdict {
    let h = match checked(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let Some(c) = &h.config else {
        return Verdict::NotApplicable("no health check".into());
    };
    let Test::Shell(cmd) = &c.test else {
        return Verdict::NotApplicable("the check runs without a shell (CMD form)".into());
    };
    let seen = h.history.probes().iter().rev().find(|p| {
        crate::health::classify::cause(p) == Some(crate::health::classify::Cause::NoShell)
    });
    let no_shell = match tools(i, h) {
        Ok(t) => t.is_some_and(|t| t.shell.is_none()),
        Err(v) => return v,
    };
    if seen.is_none() && !no_shell {
        return Verdict::Pass("the image has /bin/sh for CMD-SHELL".into());
    }
    let evidence = match seen {
        Some(p) => format!(
            "CMD-SHELL `{cmd}` needs /bin/sh; the probe at {} said: {}",
            clock(p.start),
            p.output.as_deref().map(output::telling_line).unwrap_or("")
        ),
        None => format!(
            "CMD-SHELL `{cmd}` needs /bin/sh, which is not in the {}",
            if is_image(i) { "image" } else { "container" }
        ),
    };
    let exec: Vec<String> = cmd
        .split_whitespace()
        .take_while(|w| !matches!(*w, "||" | "&&" | "|" | ";"))
        .map(|w| format!("\"{w}\""))
        .collect();
    Verdict::Fail(vec![i.finding()
        .title("The health check needs a shell the image does not have")
        .evidence(evidence)
        .fix(format!("Use the exec form, which needs no shell: HEALTHCHECK CMD [{}] (distroless and scratch images have no /bin/sh).", exec.join(", ")))])
}

/// A configured duration for evidence: `2.0 s`, `500 ms`.
pub(crate) fn dur(d: std::time::Duration) -> String {
    span(nanos_in(d))
}
