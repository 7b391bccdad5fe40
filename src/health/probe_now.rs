//! "Probe now": the container's own check run once through exec, exactly as the daemon
//! runs it (same command, user, working directory, environment, timeout) — Docker's own
//! health state is not changed by it, the Engine API cannot trigger a real probe — and an
//! HTTP probe of the profile's endpoint: from inside with curl, wget or python, whichever
//! the container has, or from the host when it has none. This file plans them and reads
//! their output; the engine runs them.

use std::time::Duration;

use serde::Serialize;

use super::config::CheckConfig;
use super::facts::Tools;

/// What the result view says every time.
pub const NOT_DOCKERS: &str =
    "run by docktor through exec: Docker's own health status and streak are not changed";

/// An exec to run in the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExecSpec {
    pub argv: Vec<String>,
    /// As the container's `Config.User` (empty: the image's user).
    pub user: String,
    pub working_dir: String,
    pub env: Vec<String>,
    pub timeout: Duration,
}

/// The container's own check, as the daemon would run it; `None` without a check.
pub fn own_check(
    c: &CheckConfig,
    user: &str,
    working_dir: &str,
    env: &[String],
) -> Option<ExecSpec> {
    let argv = c.argv();
    if argv.is_empty() {
        return None;
    }
    Some(ExecSpec {
        argv,
        user: user.to_string(),
        working_dir: working_dir.to_string(),
        env: env.to_vec(),
        timeout: c.timeout(),
    })
}

/// How the HTTP probe reaches the endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "via", rename_all = "lowercase")]
pub enum HttpPlan {
    /// From inside the container with `tool`.
    Inside {
        tool: &'static str,
        exec: ExecSpec,
        url: String,
    },
    /// From the host (the container has no curl, wget or python): `url` is a published
    /// port on the host's loopback when there is one, else the container's address.
    Host { url: String, why: String },
    /// Neither works; why.
    Impossible { why: String },
}

/// Timeout of the HTTP probe.
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(5);

const PY: &str = "import sys,urllib.request as r,urllib.error as e
try:
    x=r.urlopen(sys.argv[1],timeout=float(sys.argv[2])); c=x.status; b=x.read(4096)
except e.HTTPError as h:
    c=h.code; b=h.read(4096)
print('HTTP/1.1 %d' % c); print(); sys.stdout.write(b.decode('utf-8','replace'))";

/// Plans the HTTP probe of `path` on `port`. `published` is the host address and port the
/// container port is published on (if any), `address` the container's own IP.
pub fn http_plan(
    tools: Option<&Tools>,
    port: u16,
    path: &str,
    published: Option<(&str, u16)>,
    address: Option<&str>,
) -> HttpPlan {
    let url = format!("http://127.0.0.1:{port}{path}");
    let t = HTTP_TIMEOUT.as_secs().to_string();
    let inside = |tool: &'static str, argv: Vec<String>| HttpPlan::Inside {
        tool,
        exec: ExecSpec {
            argv,
            user: String::new(),
            working_dir: String::new(),
            env: Vec::new(),
            timeout: HTTP_TIMEOUT + Duration::from_secs(1),
        },
        url: url.clone(),
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    if let Some(tools) = tools {
        if let Some(curl) = &tools.curl {
            return inside("curl", s(&[curl, "-sS", "-i", "--max-time", &t, &url]));
        }
        if let Some(wget) = &tools.wget {
            // Neither `-q` nor `-T`: BusyBox wget builds crash on them together with `-S`
            // (exit 139, seen with Debian's static busybox); the exec's own timeout bounds it.
            return inside("wget", s(&[wget, "-S", "-O", "-", &url]));
        }
        if let Some(py) = &tools.python {
            return inside("python", s(&[py, "-c", PY, &url, &t]));
        }
    }
    let lacks = if tools.is_some() {
        "the container has no curl, wget or python"
    } else {
        "the container's tools could not be looked at"
    };
    match (published, address) {
        (Some((ip, p)), _) => {
            let host = if ip.is_empty() || ip == "0.0.0.0" || ip == "::" {
                "127.0.0.1"
            } else {
                ip
            };
            HttpPlan::Host {
                url: format!("http://{host}:{p}{path}"),
                why: format!("{lacks}: from the host, through the port published for {port}"),
            }
        }
        (None, Some(a)) if !a.is_empty() => HttpPlan::Host {
            url: format!("http://{a}:{port}{path}"),
            why: format!("{lacks}: from the host, to the container's address"),
        },
        _ => HttpPlan::Impossible {
            why: format!(
                "{lacks}, and port {port} is neither published nor reachable at a container address"
            ),
        },
    }
}

/// What an HTTP probe found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpResult {
    /// `None` when no response came (refused, timeout…).
    pub status: Option<u16>,
    /// The first lines of the body (wget shows none for an error status).
    pub body: Vec<String>,
    /// What the tool said when there was no response.
    pub error: Option<String>,
}

/// How many body lines the result keeps.
pub const BODY_LINES: usize = 8;

/// Reads a tool's output: a status line `HTTP/1.x NNN` (curl's and python's on stdout,
/// wget's on stderr), headers until a blank line, then the body.
pub fn parse_http(stdout: &str, stderr: &str) -> HttpResult {
    let status_of = |l: &str| {
        let l = l.trim();
        l.strip_prefix("HTTP/")?
            .split_whitespace()
            .nth(1)?
            .parse::<u16>()
            .ok()
    };
    let status = stdout
        .lines()
        .chain(stderr.lines())
        .filter_map(status_of)
        .next_back();
    let body_text = if stdout.trim_start().starts_with("HTTP/") {
        // The last header block ends at the last blank line before the body (curl -i shows
        // every response of a redirect chain).
        let norm = stdout.replace("\r\n", "\n");
        match norm
            .rfind("\nHTTP/")
            .or(Some(0))
            .and_then(|i| norm[i..].find("\n\n").map(|j| i + j + 2))
        {
            Some(at) => norm[at..].to_string(),
            None => String::new(),
        }
    } else {
        stdout.to_string()
    };
    let body: Vec<String> = super::output::clean(&body_text)
        .lines()
        .take(BODY_LINES)
        .map(str::to_string)
        .collect();
    // The tool's last words say why (wget's "can't connect…", curl's "(7) Failed…",
    // python's last traceback line).
    let last = |t: &str| {
        t.lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(super::output::clean)
    };
    let error = status
        .is_none()
        .then(|| last(stderr).or_else(|| last(stdout)).unwrap_or_default());
    HttpResult {
        status,
        body,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::config::{RawCheck, resolve};

    #[test]
    fn the_own_check_runs_as_the_daemon_runs_it() {
        let raw = RawCheck {
            test: vec![
                "CMD-SHELL".into(),
                "wget -q -O- http://127.0.0.1:8000/health/".into(),
            ],
            timeout: Some(Duration::from_secs(3)),
            ..Default::default()
        };
        let c = resolve(Some(&raw), None).unwrap_or_else(|| panic!("check"));
        let e = own_check(&c, "app", "/app", &["A=1".into()]).unwrap_or_else(|| panic!("exec"));
        assert_eq!(e.argv[..2], ["/bin/sh".to_string(), "-c".to_string()]);
        assert_eq!(
            (e.user.as_str(), e.working_dir.as_str(), e.timeout),
            ("app", "/app", Duration::from_secs(3))
        );
    }

    #[test]
    fn the_http_probe_uses_what_the_container_has_else_the_host() {
        let t = Tools::probe(|p| p == "/bin/wget");
        assert!(matches!(
            http_plan(Some(&t), 8000, "/health/", None, None),
            HttpPlan::Inside { tool: "wget", .. }
        ));
        let none = Tools::default();
        let HttpPlan::Host { url, why } = http_plan(
            Some(&none),
            8000,
            "/health/",
            Some(("0.0.0.0", 32771)),
            Some("172.17.0.5"),
        ) else {
            panic!("from the host")
        };
        assert_eq!(url, "http://127.0.0.1:32771/health/");
        assert!(
            why.contains("no curl, wget or python") && why.contains("published"),
            "{why}"
        );
        let HttpPlan::Host { url, .. } =
            http_plan(Some(&none), 8000, "/health/", None, Some("172.17.0.5"))
        else {
            panic!("from the host")
        };
        assert_eq!(url, "http://172.17.0.5:8000/health/");
        assert!(matches!(
            http_plan(Some(&none), 8000, "/", None, None),
            HttpPlan::Impossible { .. }
        ));
    }

    #[test]
    fn responses_of_each_tool_are_read() {
        let curl = parse_http(
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nOperationalError: db\nline 2\n",
            "",
        );
        assert_eq!(curl.status, Some(500));
        assert_eq!(curl.body, vec!["OperationalError: db", "line 2"]);
        let wget = parse_http(
            "",
            "  HTTP/1.1 500 Internal Server Error\nwget: server returned error: HTTP/1.1 500 Internal Server Error\n",
        );
        assert_eq!((wget.status, wget.body.len()), (Some(500), 0));
        let ok = parse_http("ok\n", "  HTTP/1.1 200 OK\n  Date: x\n");
        assert_eq!(
            (ok.status, ok.body.clone()),
            (Some(200), vec!["ok".to_string()])
        );
        let refused = parse_http(
            "",
            "Connecting to 127.0.0.1:8001 (127.0.0.1:8001)\nwget: can't connect to remote host (127.0.0.1): Connection refused\n",
        );
        assert_eq!(refused.status, None);
        assert!(
            refused
                .error
                .is_some_and(|e| e.starts_with("wget: can't connect"))
        );
        let redirected = parse_http(
            "HTTP/1.1 301 Moved\nLocation: /health/\n\nHTTP/1.1 200 OK\n\nfine\n",
            "",
        );
        assert_eq!(
            (redirected.status, redirected.body.clone()),
            (Some(200), vec!["fine".to_string()])
        );
    }
}
