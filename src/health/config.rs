//! The health check as configured: the container's own settings, falling back field by
//! field to the image's (as the daemon merges them), with the daemon's defaults for what
//! neither sets, and what follows from them: the command a probe runs and how long a
//! failure takes to turn the container unhealthy.

use std::time::Duration;

use serde::Serialize;

/// The daemon's defaults (moby `daemon/health.go`).
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_START_INTERVAL: Duration = Duration::from_secs(5);
pub const DEFAULT_RETRIES: u32 = 3;

/// A health check as the daemon stores it (container `Config.Healthcheck` or the image's):
/// durations and retries the daemon leaves at 0 are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RawCheck {
    /// `["CMD-SHELL", "curl -f …"]`, `["CMD", "curl", …]`, `["NONE"]`, or empty (inherit).
    pub test: Vec<String>,
    pub interval: Option<Duration>,
    pub timeout: Option<Duration>,
    pub retries: Option<u32>,
    pub start_period: Option<Duration>,
    pub start_interval: Option<Duration>,
}

/// What a probe runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "command", rename_all = "kebab-case")]
pub enum Test {
    /// `NONE`: health checks switched off.
    Disabled,
    /// `CMD`: executed directly, no shell.
    Exec(Vec<String>),
    /// `CMD-SHELL`: run by the container's shell, `/bin/sh -c`.
    Shell(String),
}

impl Test {
    fn parse(test: &[String]) -> Option<Test> {
        let (first, rest) = test.split_first()?;
        Some(match first.as_str() {
            "NONE" => Test::Disabled,
            "CMD" => Test::Exec(rest.to_vec()),
            "CMD-SHELL" => Test::Shell(rest.join(" ")),
            // Older daemons kept a bare command, run by the shell.
            _ => Test::Shell(test.join(" ")),
        })
    }
}

/// Where the check's command comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Container,
    Image,
}

/// The check in effect for a container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckConfig {
    pub test: Test,
    /// Where `test` comes from.
    pub origin: Origin,
    /// The merged settings as set (`None`: the daemon's default applies).
    pub set: RawCheck,
}

/// The check in effect: the container's settings, each unset one taken from the image.
/// `None` when neither has a check.
pub fn resolve(container: Option<&RawCheck>, image: Option<&RawCheck>) -> Option<CheckConfig> {
    let c = container.cloned().unwrap_or_default();
    let i = image.cloned().unwrap_or_default();
    let (test, origin) = match Test::parse(&c.test) {
        Some(t) => (t, Origin::Container),
        None => (Test::parse(&i.test)?, Origin::Image),
    };
    let set = RawCheck {
        test: if c.test.is_empty() { i.test } else { c.test },
        interval: c.interval.or(i.interval),
        timeout: c.timeout.or(i.timeout),
        retries: c.retries.or(i.retries),
        start_period: c.start_period.or(i.start_period),
        start_interval: c.start_interval.or(i.start_interval),
    };
    Some(CheckConfig { test, origin, set })
}

impl CheckConfig {
    pub fn is_disabled(&self) -> bool {
        self.test == Test::Disabled
    }

    pub fn interval(&self) -> Duration {
        self.set.interval.unwrap_or(DEFAULT_INTERVAL)
    }

    pub fn timeout(&self) -> Duration {
        self.set.timeout.unwrap_or(DEFAULT_TIMEOUT)
    }

    pub fn retries(&self) -> u32 {
        self.set
            .retries
            .filter(|r| *r > 0)
            .unwrap_or(DEFAULT_RETRIES)
    }

    pub fn start_period(&self) -> Duration {
        self.set.start_period.unwrap_or_default()
    }

    /// The interval during the start period (Docker ≥ 25, API 1.44; older daemons ignore it).
    pub fn start_interval(&self) -> Duration {
        self.set.start_interval.unwrap_or(DEFAULT_START_INTERVAL)
    }

    /// How long failing probes take to turn a healthy container unhealthy: `retries`
    /// probes, one every `interval` (after the start period).
    pub fn time_to_unhealthy(&self) -> Duration {
        self.interval().saturating_mul(self.retries())
    }

    /// The same when every probe runs into its timeout: the daemon waits `interval` after a
    /// probe ends before it starts the next one.
    pub fn time_to_unhealthy_worst(&self) -> Duration {
        (self.interval() + self.timeout()).saturating_mul(self.retries())
    }

    /// The argv a probe executes (`/bin/sh -c …` for `CMD-SHELL`).
    pub fn argv(&self) -> Vec<String> {
        match &self.test {
            Test::Disabled => Vec::new(),
            Test::Exec(args) => args.clone(),
            Test::Shell(cmd) => vec!["/bin/sh".into(), "-c".into(), cmd.clone()],
        }
    }

    /// The command as the daemon's `exec_start:` event spells it (argv joined by spaces).
    pub fn event_command(&self) -> String {
        self.argv().join(" ")
    }

    /// The command's words passed through `f` (masking secrets, for output only).
    pub fn mask_command(&mut self, f: impl Fn(&str) -> String) {
        match &mut self.test {
            Test::Disabled => {}
            Test::Exec(args) => args.iter_mut().for_each(|a| *a = f(a)),
            Test::Shell(cmd) => *cmd = f(cmd),
        }
        self.set.test.iter_mut().for_each(|a| *a = f(a));
    }

    /// The command as people read it: the shell line itself, or the argv.
    pub fn command_text(&self) -> String {
        match &self.test {
            Test::Disabled => "NONE".into(),
            Test::Exec(args) => args.join(" "),
            Test::Shell(cmd) => cmd.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(test: &[&str]) -> RawCheck {
        RawCheck {
            test: test.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_container_wins_field_by_field_over_the_image() {
        let mut image = raw(&["CMD-SHELL", "wget -q -O- http://127.0.0.1:8000/health/"]);
        image.interval = Some(Duration::from_secs(2));
        image.retries = Some(5);
        let mut container = raw(&[]);
        container.interval = Some(Duration::from_secs(10));
        let c = resolve(Some(&container), Some(&image)).unwrap_or_else(|| panic!("a check"));
        assert_eq!(c.origin, Origin::Image);
        assert_eq!(c.interval(), Duration::from_secs(10));
        assert_eq!(c.retries(), 5);
        assert_eq!(c.timeout(), DEFAULT_TIMEOUT);
        assert_eq!(c.time_to_unhealthy(), Duration::from_secs(50));
        assert_eq!(c.time_to_unhealthy_worst(), Duration::from_secs(200));
        assert_eq!(
            c.event_command(),
            "/bin/sh -c wget -q -O- http://127.0.0.1:8000/health/"
        );
    }

    #[test]
    fn none_and_absent_are_told_apart() {
        assert_eq!(resolve(None, None), None);
        assert_eq!(resolve(Some(&raw(&[])), Some(&raw(&[]))), None);
        let off = resolve(Some(&raw(&["NONE"])), Some(&raw(&["CMD", "true"])));
        assert!(off.is_some_and(|c| c.is_disabled()));
        let exec = resolve(Some(&raw(&["CMD", "curl", "-f", "x"])), None);
        assert_eq!(exec.map(|c| c.event_command()), Some("curl -f x".into()));
    }
}
