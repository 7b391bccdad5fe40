//! Does the health check run at all? A running container whose check has not run once
//! long after the first probe was due stays "starting" for ever: on Podman without systemd
//! (a container, WSL, a minimal host) no timer runs the probes; on Docker a stuck daemon or
//! an exec that cannot start does the same. No peer tells this from a slow start.

use std::time::Duration;

use super::health::{dur, probed};
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::health::{CheckConfig, HealthFacts, Runner};
use crate::model::Health;

/// Slack over the first probe's due time (scheduling, a slow exec start).
const SLACK: Duration = Duration::from_secs(10);

/// A running container whose check has not run in this run yet.
fn waiting(h: &HealthFacts) -> bool {
    h.running_for.is_some()
        && h.history.current().is_empty()
        && !matches!(h.status, Health::Healthy | Health::Unhealthy)
}

/// The first probe comes one interval after the start (the start interval inside a start
/// period, on a daemon that knows it).
fn first_interval(h: &HealthFacts, cfg: &CheckConfig) -> Duration {
    if cfg.start_period().is_zero() || h.start_interval_supported == Some(false) {
        cfg.interval()
    } else {
        cfg.start_interval().min(cfg.interval())
    }
}

/// When, after the start, a check that has not run is overdue: two first intervals, the
/// timeout, and some slack.
fn due(h: &HealthFacts, cfg: &CheckConfig) -> Duration {
    first_interval(h, cfg) * 2 + cfg.timeout() + SLACK
}

/// How long until `health.never-probed` would fail, when the check is waiting for its first
/// probe and it is not overdue yet: when a view should look again (one timer, no polling).
pub fn overdue_in(h: &HealthFacts) -> Option<Duration> {
    let cfg = h.config.as_ref().filter(|c| !c.is_disabled())?;
    if !waiting(h) {
        return None;
    }
    due(h, cfg)
        .checked_sub(h.running_for?)
        .filter(|d| !d.is_zero())
}

pub fn never_probed(i: &Input) -> Verdict {
    let h = match probed(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let Some(cfg) = &h.config else {
        return Verdict::NotApplicable("no health check".into());
    };
    let Some(up) = h.running_for else {
        return Verdict::NotApplicable("the container is not running".into());
    };
    if !waiting(h) {
        return Verdict::Pass(format!(
            "{} probes known since the container started",
            h.history.current().len()
        ));
    }
    let first = first_interval(h, cfg);
    let due = due(h, cfg);
    if up < due {
        return Verdict::Pass(format!(
            "started {} ago: the first probe is due within {}",
            dur(up),
            dur(due)
        ));
    }
    let name = i.facts.subject.label();
    let fix = match h.runner {
        Runner::SystemdTimers => format!(
            "Podman runs health checks from a systemd timer per container; without systemd (inside a container, WSL, a minimal host) none runs and the status stays starting. Run one by hand with `podman healthcheck run {name}`, start the container on a host with systemd, or let Quadlet manage it (HealthCmd=…)."
        ),
        Runner::Daemon => format!(
            "The daemon schedules the probes itself: none at all means it cannot start the check's exec. Try `docker exec {name} true`, and read the daemon's log (journalctl -u docker) for exec errors."
        ),
    };
    Verdict::Fail(vec![i.finding()
        .title(format!("The health check has not run once in {}", dur(up)))
        .evidence(format!(
            "running for {} (by this host's clock) with no probe, while one was due every {}; the status stays {} until one runs",
            dur(up),
            dur(first),
            h.status.as_str()
        ))
        .fix(fix)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{Facts, Part, Subject, evaluate};
    use crate::health::config::{RawCheck, resolve};
    use crate::health::{HealthFacts, History};
    use crate::profile::Profile;

    fn verdict(up: u64, runner: Runner, start_period: u64) -> Verdict {
        let raw = RawCheck {
            test: vec!["CMD".into(), "true".into()],
            interval: Some(Duration::from_secs(2)),
            timeout: Some(Duration::from_secs(1)),
            start_period: Some(Duration::from_secs(start_period)),
            ..Default::default()
        };
        let mut f = Facts::new(Subject::Container {
            id: "c0ffee".into(),
            name: "web".into(),
        });
        f.health = Part::Ready(HealthFacts {
            config: resolve(Some(&raw), None),
            status: Health::Starting,
            history: History::new(),
            running_for: Some(Duration::from_secs(up)),
            runner,
            ..Default::default()
        });
        let mut out = evaluate(&f, &Profile::default(), |r| r.id == "health.never-probed");
        out.pop()
            .map(|o| o.verdict)
            .unwrap_or_else(|| panic!("no rule"))
    }

    #[test]
    fn a_check_that_never_ran_is_told_from_a_slow_start() {
        // Due after 2 × 2 s + 1 s timeout + 10 s slack.
        assert!(matches!(verdict(14, Runner::Daemon, 0), Verdict::Pass(_)));
        let Verdict::Fail(f) = verdict(60, Runner::Daemon, 0) else {
            panic!("fails after a minute")
        };
        assert_eq!(f[0].title, "The health check has not run once in 1m00s");
        assert!(f[0].fix.contains("docker exec web true"), "{}", f[0].fix);
        let Verdict::Fail(f) = verdict(60, Runner::SystemdTimers, 0) else {
            panic!("fails on Podman too")
        };
        assert!(
            f[0].fix.contains("podman healthcheck run web"),
            "{}",
            f[0].fix
        );
    }

    #[test]
    fn inside_a_start_period_the_start_interval_sets_when_the_first_probe_is_due() {
        // The default start interval (5 s) is above the 2 s interval: 2 s it is.
        assert!(matches!(verdict(60, Runner::Daemon, 30), Verdict::Fail(_)));
        assert!(matches!(verdict(10, Runner::Daemon, 30), Verdict::Pass(_)));
    }
}
