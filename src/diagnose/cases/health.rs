//! Cases of the health rules: containers (facts built by hand, as the daemon reports them)
//! where each rule fires, and where it stays quiet.

use std::time::Duration;

use super::Case;
use crate::diagnose::{Facts, Part, Subject};
use crate::health::config::{RawCheck, resolve};
use crate::health::probe::Probe;
use crate::health::time::SECOND;
use crate::health::{HealthFacts, History, Tools};
use crate::model::Health;
use crate::profile::Profile;

const WGET: &str = "wget -q -O- http://127.0.0.1:8000/health/ || exit 1";

fn check(test: &[&str]) -> RawCheck {
    RawCheck {
        test: test.iter().map(|s| s.to_string()).collect(),
        interval: Some(Duration::from_secs(2)),
        timeout: Some(Duration::from_secs(2)),
        retries: Some(3),
        ..Default::default()
    }
}

fn busybox() -> Tools {
    Tools::probe(|p| matches!(p, "/bin/wget" | "/bin/sh"))
}

/// Probes every 2 s from t = 10 s, each ending 50 ms later, with these results.
fn probes(results: &[(i64, &str)]) -> History {
    let list = results
        .iter()
        .enumerate()
        .map(|(n, (code, out))| {
            let start = (10 + 2 * n as i64) * SECOND;
            Probe::daemon(start, Some(start + SECOND / 20), *code, out)
        })
        .collect();
    History::from_probes(list, &[0])
}

fn facts(
    raw: Option<RawCheck>,
    history: History,
    status: Health,
    tools: Tools,
) -> (Facts, Profile) {
    let mut f = Facts::new(Subject::Container {
        id: "c0ffee".into(),
        name: "web".into(),
    });
    f.health = Part::Ready(HealthFacts {
        config: raw.as_ref().and_then(|r| resolve(Some(r), None)),
        status,
        failing_streak: None,
        history,
        tools: Some(tools),
        exposed_ports: vec![8000],
        start_interval_supported: Some(true),
        running_for: Some(Duration::from_secs(600)),
        running: Some(true),
        runner: crate::health::Runner::Daemon,
    });
    (f, Profile::default())
}

fn with(test: &[&str], results: &[(i64, &str)], status: Health) -> (Facts, Profile) {
    facts(Some(check(test)), probes(results), status, busybox())
}

const OK: (i64, &str) = (0, "ok\n");
const REFUSED: (i64, &str) = (
    1,
    "wget: can't connect to remote host (127.0.0.1): Connection refused\n",
);

fn healthy() -> (Facts, Profile) {
    with(&["CMD-SHELL", WGET], &[OK, OK, OK, OK], Health::Healthy)
}

fn refused() -> (Facts, Profile) {
    with(
        &[
            "CMD-SHELL",
            "wget -q -O- http://127.0.0.1:8001/health/ || exit 1",
        ],
        &[OK, REFUSED, REFUSED, REFUSED],
        Health::Unhealthy,
    )
}

fn failing(out: &'static str, code: i64) -> (Facts, Profile) {
    with(
        &["CMD-SHELL", WGET],
        &[OK, (code, out), (code, out), (code, out)],
        Health::Unhealthy,
    )
}

fn not_found() -> (Facts, Profile) {
    failing("wget: server returned error: HTTP/1.1 404 Not Found\n", 1)
}

fn server_error() -> (Facts, Profile) {
    failing(
        "wget: server returned error: HTTP/1.1 500 Internal Server Error\n",
        1,
    )
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "health.none", quiet: healthy,
        fires: || facts(None, History::new(), Health::None, busybox()) },
    Case { id: "health.failing", quiet: healthy, fires: refused },
    Case { id: "health.flapping", quiet: refused,
        fires: || with(&["CMD-SHELL", WGET], &[OK, REFUSED, OK, REFUSED, OK, REFUSED, OK], Health::Healthy) },
    Case { id: "health.connection-refused", quiet: healthy, fires: refused },
    Case { id: "health.http-404", quiet: server_error, fires: not_found },
    Case { id: "health.http-5xx", quiet: not_found, fires: server_error },
    Case { id: "health.timeout", quiet: healthy,
        fires: || failing("Health check exceeded timeout (2s)", -1) },
    Case { id: "health.tool-missing", quiet: healthy,
        fires: || with(&["CMD-SHELL", "curl -fsS http://127.0.0.1:8000/health/"], &[(127, "/bin/sh: curl: not found\n")], Health::Starting) },
    Case { id: "health.exit-code-2", quiet: refused,
        fires: || failing("check: bad usage\n", 2) },
    Case { id: "health.shell-missing", quiet: healthy,
        fires: || facts(Some(check(&["CMD-SHELL", WGET])), probes(&[(-1, "OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: \"/bin/sh\": stat /bin/sh: no such file or directory: unknown")]), Health::Starting, Tools::default()) },
    Case { id: "health.never-probed", quiet: healthy,
        fires: || with(&["CMD-SHELL", WGET], &[], Health::Starting) },
    Case { id: "health.start-interval-ignored", quiet: healthy,
        fires: || {
            let mut c = check(&["CMD-SHELL", WGET]);
            c.start_interval = Some(Duration::from_secs(1));
            facts(Some(c), probes(&[OK]), Health::Healthy, busybox())
        } },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{Finding, Severity, evaluate, findings};

    fn found(setup: (Facts, Profile), id: &str) -> Finding {
        let (f, p) = setup;
        findings(&evaluate(&f, &p, |r| r.id == id))
            .pop()
            .unwrap_or_else(|| panic!("{id} did not fire"))
    }

    #[test]
    fn refused_names_the_port_the_check_uses_and_the_one_exposed() {
        let f = found(refused(), "health.connection-refused");
        assert!(
            f.evidence.contains("port 8001") && f.evidence.contains("exposes 8000"),
            "{}",
            f.evidence
        );
        assert!(f.fix.contains("0.0.0.0:8000"), "{}", f.fix);
        let f = found(refused(), "health.failing");
        assert!(
            f.title.starts_with("Unhealthy: 3 failed probes"),
            "{}",
            f.title
        );
        assert!(
            f.evidence.contains("last healthy at") && f.evidence.contains("after 6.0 s"),
            "{}",
            f.evidence
        );
    }

    #[test]
    fn a_missing_tool_names_the_one_that_is_there() {
        let setup = with(
            &["CMD-SHELL", "curl -f http://127.0.0.1:8000/health/"],
            &[(127, "/bin/sh: curl: not found\n")],
            Health::Starting,
        );
        let f = found(setup, "health.tool-missing");
        assert!(
            f.title.contains("`curl`") && f.evidence.contains("the image has wget"),
            "{f:?}"
        );
        assert!(
            f.fix
                .contains("CMD wget -q -O /dev/null http://127.0.0.1:8000/health/"),
            "{}",
            f.fix
        );
    }

    #[test]
    fn no_check_recommends_python_when_there_is_no_curl_or_wget() {
        let py = Tools::probe(|p| p == "/usr/local/bin/python3");
        let f = found(facts(None, History::new(), Health::None, py), "health.none");
        assert!(
            f.fix
                .contains("urllib.request.urlopen('http://127.0.0.1:8000/health/'"),
            "{}",
            f.fix
        );
    }

    #[test]
    fn a_cause_seen_before_a_recovery_is_a_warning() {
        let setup = with(
            &["CMD-SHELL", WGET],
            &[REFUSED, REFUSED, OK],
            Health::Healthy,
        );
        let f = found(setup, "health.connection-refused");
        assert_eq!(f.severity, Severity::Warn);
    }

    #[test]
    fn a_timeout_gives_the_durations_seen() {
        let f = found(
            failing("Health check exceeded timeout (2s)", -1),
            "health.timeout",
        );
        assert!(
            f.evidence.contains("timeout 2.0 s") && f.evidence.contains("3 probes timed out"),
            "{}",
            f.evidence
        );
    }

    #[test]
    fn a_5xx_says_when_the_database_does_not_answer_either() {
        use crate::envcheck::probe::Outcome;
        let f = found(server_error(), "health.http-5xx");
        assert!(!f.evidence.contains("env.database"), "{}", f.evidence);
        let (mut facts, p) = server_error();
        facts.database =
            crate::diagnose::Part::Ready(super::super::env::probed(Outcome::DnsFailure, None));
        let f = found((facts, p), "health.http-5xx");
        assert!(
            f.evidence.contains("its database does not answer from the container (env.database: dns-failure for db:5432)"),
            "{}",
            f.evidence
        );
        // A view that gets the database probe after the health facts checks the rule again.
        let rule = crate::diagnose::registry::RULES
            .iter()
            .find(|r| r.id == "health.http-5xx")
            .unwrap_or_else(|| panic!("the rule"));
        assert!(
            rule.reads(crate::diagnose::Fact::Database)
                && !rule.needs.contains(&crate::diagnose::Fact::Database)
        );
    }
}
