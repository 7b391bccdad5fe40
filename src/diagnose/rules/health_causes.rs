//! Health rules that read why probes fail from their output (`health::classify`):
//! connection refused, HTTP 404, HTTP 5xx, timeouts, a probe tool missing from the image,
//! and Docker's reserved exit code 2. Each looks at the latest probes: an error while the
//! latest one fails so, a warning when only earlier ones did.

use super::health::{dur, endpoint, is_image, probed};
use crate::diagnose::finding::{Finding, Severity};
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::health::classify::{Cause, cause};
use crate::health::probe::Probe;
use crate::health::recommend::healthcheck_line;
use crate::health::summary::FLAP_WINDOW;
use crate::health::time::{clock, span};
use crate::health::{HealthFacts, output, summarize};

/// The recent probes that failed for a cause `want` accepts.
struct Seen<'a> {
    probes: Vec<&'a Probe>,
    /// Finished probes looked at.
    window: usize,
    /// The latest finished probe is one of them.
    latest: bool,
}

fn seen<'a>(h: &'a HealthFacts, want: impl Fn(&Cause) -> bool) -> Seen<'a> {
    let recent: Vec<&Probe> = h
        .history
        .probes()
        .iter()
        .rev()
        .filter(|p| p.exit_code.is_some())
        .take(FLAP_WINDOW)
        .collect();
    let hit = |p: &&Probe| cause(p).is_some_and(|c| want(&c));
    Seen {
        latest: recent.first().is_some_and(hit),
        window: recent.len(),
        probes: recent.iter().copied().filter(hit).collect(),
    }
}

impl Seen<'_> {
    /// `3 of the last 20 probes, the latest at 08:52:41, said: wget: … refused`.
    fn evidence(&self) -> String {
        let last = self.probes.first();
        let said = last
            .and_then(|p| p.output.as_deref())
            .map(output::telling_line)
            .unwrap_or("");
        format!(
            "{} of the last {} probes, the latest at {}, said: {said}",
            self.probes.len(),
            self.window,
            last.map(|p| clock(p.start)).unwrap_or_default()
        )
    }

    fn severity(&self, f: Finding) -> Finding {
        if self.latest {
            f
        } else {
            f.severity(Severity::Warn)
        }
    }
}

/// Runs a cause rule: quiet when no recent probe failed so, else `make`'s finding.
fn cause_rule(
    i: &Input,
    what: &str,
    want: impl Fn(&Cause) -> bool,
    make: impl FnOnce(&HealthFacts, &Seen, Finding) -> Finding,
) -> Verdict {
    let h = match probed(i) {
        Ok(h) => h,
        Err(v) => return v,
    };
    let s = seen(h, want);
    if s.window == 0 {
        return Verdict::NotApplicable("no probe has finished yet".into());
    }
    if s.probes.is_empty() {
        return Verdict::Pass(format!("none of the last {} probes {what}", s.window));
    }
    let f = make(h, &s, i.finding());
    Verdict::Fail(vec![s.severity(f)])
}

/// The URL a check command asks for: (port, path).
pub(crate) fn url_in(cmd: &str) -> Option<(Option<u16>, String)> {
    let at = cmd.find("http://").or_else(|| cmd.find("https://"))?;
    let url: String = cmd[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | ')'))
        .collect();
    let rest = url.split_once("://")?.1;
    let (host, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let port = host.rsplit_once(':').and_then(|(_, p)| p.parse().ok());
    Some((port, path.to_string()))
}

fn command(h: &HealthFacts) -> String {
    h.config
        .as_ref()
        .map(|c| c.command_text())
        .unwrap_or_default()
}

pub fn connection_refused(i: &Input) -> Verdict {
    let port = i.profile.health_port;
    cause_rule(
        i,
        "had their connection refused",
        |c| *c == Cause::ConnectionRefused,
        |h, s, f| {
            let cmd = command(h);
            let probed = url_in(&cmd).and_then(|(p, _)| p);
            let mut ev = s.evidence();
            if let Some(p) = probed {
                ev.push_str(&format!("; the check connects to port {p}"));
                if !h.exposed_ports.is_empty() && !h.exposed_ports.contains(&p) {
                    let ports: Vec<String> = h.exposed_ports.iter().map(u16::to_string).collect();
                    ev.push_str(&format!(", the container exposes {}", ports.join(", ")));
                }
                if p != port {
                    ev.push_str(&format!(", the profile says {port}"));
                }
            }
            f.title("Connection refused: nothing listens where the health check connects")
            .evidence(ev)
            .fix(format!("Make the app listen on the port the check uses, on all addresses inside the container (e.g. gunicorn --bind 0.0.0.0:{port}; an app bound to 127.0.0.1 is unreachable from the host and other containers), or point the check at the port it serves — {}. If the app is still booting, give it a --start-period.", endpoint(i)))
        },
    )
}

pub fn not_found(i: &Input) -> Verdict {
    cause_rule(
        i,
        "got HTTP 404",
        |c| *c == Cause::NotFound,
        |h, s, f| {
            let path = url_in(&command(h)).map(|(_, p)| p).unwrap_or_default();
            let slash = if path.ends_with('/') {
                format!("{} without it", path.trim_end_matches('/'))
            } else {
                format!("{path}/ with one")
            };
            f.title(format!("HTTP 404: the app does not know the path the check asks for ({path})"))
            .evidence(s.evidence())
            .fix(format!("Ask for the path the app serves — {}. In Django, the URL conf needs it (path(\"health/\", …) in urls.py); mind the trailing slash: {path} and {slash} are different URLs.", endpoint(i)))
        },
    )
}

pub fn server_error(i: &Input) -> Verdict {
    cause_rule(
        i,
        "got HTTP 5xx",
        |c| matches!(c, Cause::ServerError { .. }),
        |_, s, f| {
            let status = s
                .probes
                .first()
                .and_then(|p| match cause(p) {
                    Some(Cause::ServerError { status }) => Some(status),
                    _ => None,
                })
                .unwrap_or(500);
            f.title(format!("HTTP {status}: the app answers but fails"))
            .evidence(format!("{}{}", s.evidence(), database_down(i)))
            .fix("The app runs and its health view raises: the response body and the container's logs say why — often a database it cannot reach (check DB_HOST and the DB_* variables, the guide's \"Database connection\"), a missing migration or setting. Run the HTTP probe to read the body.")
        },
    )
}

/// `; and its database does not answer from the container (env.database: …)` when the
/// database probe has run and failed: the likeliest cause of a 5xx, said beside it.
fn database_down(i: &Input) -> String {
    use crate::envcheck::DbFacts;
    let Some(DbFacts::Probed { target, .. }) = i.database() else {
        return String::new();
    };
    let result = i.database().map_or("", DbFacts::result);
    if matches!(result, "postgres" | "open" | "no-tool" | "error") {
        return String::new();
    }
    format!(
        "; and its database does not answer from the container (env.database: {result} for {}:{})",
        target.host, target.port
    )
}

pub fn timeout(i: &Input) -> Verdict {
    cause_rule(
        i,
        "timed out",
        |c| *c == Cause::Timeout,
        |h, s, f| {
            let d = summarize(&h.history, h.config.as_ref()).durations;
            let limit = h
                .config
                .as_ref()
                .map(|c| dur(c.timeout()))
                .unwrap_or_default();
            f.title("The health check times out")
            .evidence(format!(
                "{}; timeout {limit}, {} probes timed out, probes took median {}, at most {}",
                s.evidence(), d.timeouts, span(d.median), span(d.max)
            ))
            .fix(format!("Either the app hangs (all workers busy, a deadlock, a slow dependency on the health path) or the timeout is too short for {}: make the health view cheap, and set --timeout above the slowest good probe.", endpoint(i)))
        },
    )
}

pub fn tool_missing(i: &Input) -> Verdict {
    if is_image(i) {
        return super::health_image::tool_in_image(i);
    }
    let (port, path) = (i.profile.health_port, i.profile.health_path.clone());
    cause_rule(
        i,
        "missed their tool",
        |c| matches!(c, Cause::CommandNotFound { .. }),
        |h, s, f| {
            let tool = s
                .probes
                .first()
                .and_then(|p| match cause(p) {
                    Some(Cause::CommandNotFound { tool }) => Some(tool),
                    _ => None,
                })
                .unwrap_or_default();
            let there = match &h.tools {
                Some(t) if t.http_tools().is_empty() => {
                    "the image has no curl, wget or python".into()
                }
                Some(t) => format!("the image has {}", t.http_tools().join(" and ")),
                None => "which tools the image has could not be looked at".to_string(),
            };
            f.title(format!(
                "The health check runs `{tool}`, which is not in the image"
            ))
            .evidence(format!("{}; {there}", s.evidence()))
            .fix(format!(
                "Slim images often lack curl. Use a tool the image has: {}",
                healthcheck_line(h.tools.as_ref(), port, &path)
            ))
        },
    )
}

pub fn reserved_exit(i: &Input) -> Verdict {
    cause_rule(
        i,
        "exited with 2",
        |c| *c == Cause::ReservedExit,
        |_, s, f| {
            f.title("The health check exits with 2, a code Docker reserves")
            .evidence(s.evidence())
            .fix("Docker defines 0 (healthy) and 1 (unhealthy) and reserves 2: end the check with `|| exit 1` so every failure exits 1.")
        },
    )
}

#[cfg(test)]
mod tests {
    use super::url_in;

    #[test]
    fn urls_in_check_commands() {
        assert_eq!(
            url_in("wget -q -O- http://127.0.0.1:8001/health/ || exit 1"),
            Some((Some(8001), "/health/".into()))
        );
        assert_eq!(
            url_in("python -c \"urlopen('http://localhost/x')\""),
            Some((None, "/x".into()))
        );
        assert_eq!(url_in("curl https://h:9"), Some((Some(9), "/".into())));
        assert_eq!(url_in("pg_isready"), None);
    }
}
