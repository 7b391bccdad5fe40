//! From the engine's full inspect (and the image's config) to what the health history
//! needs: the [`Snapshot`] (check in effect, run, status, streak, the daemon's log) and
//! the context a probe runs in (user, working dir, environment, address). Pure.

use crate::model::Health;
use crate::model::image_config::ImageConfig;
use crate::model::inspect::{ContainerDetails, HealthConfig};

use super::config::{Origin, RawCheck, resolve};
use super::probe::Probe;
use super::snapshot::Snapshot;
use super::time::nanos_of;

/// The engine's health check as the history keeps it.
pub fn raw_check(h: &HealthConfig) -> RawCheck {
    RawCheck {
        test: h.test.clone(),
        interval: h.interval,
        timeout: h.timeout,
        retries: h.retries.filter(|r| *r > 0),
        start_period: h.start_period,
        start_interval: h.start_interval,
    }
}

/// Whether the container's own check leaves something to the image (no check, an empty
/// test, or a setting left at the daemon's default): then the image's config is read.
pub fn needs_image(d: &ContainerDetails) -> bool {
    match &d.config.healthcheck {
        None => true,
        Some(h) => {
            h.test.is_empty()
                || h.interval.is_none()
                || h.timeout.is_none()
                || h.retries.is_none()
                || h.start_period.is_none()
        }
    }
}

/// `8000/tcp` → 8000.
pub fn port_numbers(exposed: &[String]) -> Vec<u16> {
    let mut ports: Vec<u16> = exposed
        .iter()
        .filter_map(|p| p.split('/').next()?.parse().ok())
        .collect();
    ports.sort_unstable();
    ports.dedup();
    ports
}

/// The snapshot one inspect gives. The daemon copies the image's check into the
/// container's config when it creates it, so a test equal to the image's is told as the
/// image's.
pub fn snapshot(d: &ContainerDetails, image: Option<&ImageConfig>) -> Snapshot {
    let own = d.config.healthcheck.as_ref().map(raw_check);
    let img = image.and_then(|i| i.healthcheck.as_ref()).map(raw_check);
    let mut config = resolve(own.as_ref(), img.as_ref());
    if let (Some(c), Some(o), Some(i)) = (config.as_mut(), own.as_ref(), img.as_ref())
        && c.origin == Origin::Container
        && o.test == i.test
    {
        c.origin = Origin::Image;
    }
    let health = d.state.health.as_ref();
    let log = health
        .map(|h| {
            h.log
                .iter()
                .filter_map(|e| {
                    Some(Probe::daemon(
                        nanos_of(e.start?),
                        e.end.map(nanos_of),
                        e.exit_code,
                        &e.output,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut exposed = d.config.exposed_ports.clone();
    if let Some(i) = image {
        exposed.extend(i.exposed_ports.iter().cloned());
    }
    Snapshot {
        id: d.id.clone(),
        name: d.name.clone(),
        image: d.image.clone(),
        running: d.state.running,
        started_at: d.state.started_at.map(nanos_of).filter(|t| *t > 0),
        config,
        status: health.map_or(Health::None, |h| h.status),
        failing_streak: health.map_or(0, |h| h.failing_streak),
        log,
        exposed_ports: port_numbers(&exposed),
    }
}

/// The health facts of an image: the check it gives every container made from it, the
/// ports it exposes; no status and no probes (an image runs none). The tools are left
/// unknown: the rules read them from the image's files when those are analysed.
pub fn image_facts(image: &ImageConfig, start_interval_supported: bool) -> super::HealthFacts {
    let raw = image.healthcheck.as_ref().map(raw_check);
    super::HealthFacts {
        config: resolve(None, raw.as_ref()),
        status: Health::None,
        failing_streak: None,
        history: super::History::default(),
        tools: None,
        exposed_ports: port_numbers(&image.exposed_ports),
        start_interval_supported: Some(start_interval_supported),
        ..Default::default()
    }
}

/// Where and as whom the daemon runs a probe: the container's user, working directory
/// and environment (a probe is an exec with the container's settings).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProbeContext {
    pub user: String,
    pub working_dir: String,
    pub env: Vec<String>,
    /// The container's first network address, if it has one.
    pub address: Option<String>,
}

pub fn probe_context(d: &ContainerDetails) -> ProbeContext {
    ProbeContext {
        user: d.config.user.clone(),
        working_dir: d.config.working_dir.clone(),
        env: d
            .config
            .env
            .iter()
            .map(|e| format!("{}={}", e.key, e.value))
            .collect(),
        address: d
            .networks
            .iter()
            .map(|n| n.ip.clone())
            .find(|ip| !ip.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn details() -> ContainerDetails {
        let body = br#"{"Id":"c1","Name":"/web","Image":"sha256:i","Config":{"Image":"web:1",
          "User":"app","WorkingDir":"/app","Env":["A=1","URL=x=y"],
          "ExposedPorts":{"8000/tcp":{}},
          "Healthcheck":{"Test":["CMD-SHELL","wget -q -O- http://127.0.0.1:8000/health/"],"Interval":3000000000}},
          "State":{"Status":"running","Running":true,"StartedAt":"2026-12-01T08:00:00Z",
            "Health":{"Status":"unhealthy","FailingStreak":4,"Log":[
              {"Start":"2026-12-01T08:00:03.1Z","End":"2026-12-01T08:00:03.2Z","ExitCode":1,"Output":"refused\n"}]}},
          "NetworkSettings":{"Networks":{"bridge":{"IPAddress":"172.17.0.4"}}}}"#;
        crate::engine::details_parse::parse_container(body).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn one_inspect_gives_the_snapshot() {
        let d = details();
        assert!(
            needs_image(&d),
            "timeout and retries are the daemon's defaults"
        );
        let image = ImageConfig {
            healthcheck: Some(HealthConfig {
                test: vec!["CMD-SHELL".into(), "true".into()],
                timeout: Some(Duration::from_secs(2)),
                retries: Some(5),
                ..Default::default()
            }),
            exposed_ports: vec!["9000/tcp".into()],
            ..Default::default()
        };
        let s = snapshot(&d, Some(&image));
        let c = s.config.clone().unwrap_or_else(|| panic!("a check"));
        assert_eq!(c.origin, Origin::Container);
        assert_eq!(
            (c.interval(), c.timeout(), c.retries()),
            (Duration::from_secs(3), Duration::from_secs(2), 5)
        );
        assert_eq!((s.status, s.failing_streak), (Health::Unhealthy, 4));
        assert_eq!(s.log.len(), 1);
        assert_eq!(s.log[0].exit_code, Some(1));
        assert_eq!(s.exposed_ports, vec![8000, 9000]);
        let started = UNIX_EPOCH + Duration::from_secs(1_796_112_000);
        assert_eq!(s.started_at, Some(nanos_of(started)));
        let ctx = probe_context(&d);
        assert_eq!(ctx.env, vec!["A=1", "URL=x=y"]);
        assert_eq!(ctx.address.as_deref(), Some("172.17.0.4"));
        assert_eq!(
            (ctx.user.as_str(), ctx.working_dir.as_str()),
            ("app", "/app")
        );
    }

    #[test]
    fn a_check_the_daemon_copied_from_the_image_is_the_images() {
        let d = details();
        let same = ImageConfig {
            healthcheck: d.config.healthcheck.clone(),
            ..Default::default()
        };
        let c = snapshot(&d, Some(&same)).config;
        assert_eq!(c.map(|c| c.origin), Some(Origin::Image));
    }
}
