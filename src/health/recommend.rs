//! A `HEALTHCHECK` line that fits the image: curl when it has curl, else wget, else
//! python's urllib (exec form, no shell needed), for the profile's endpoint
//! (`/health/` on 8000 by default), with the guide's kind of settings.

use super::facts::Tools;

/// Settings every recommended line carries.
const SETTINGS: &str = "--interval=30s --timeout=5s --start-period=30s --retries=3";

/// The line for an image with `tools` (`None`: not known, curl assumed and said so).
pub fn healthcheck_line(tools: Option<&Tools>, port: u16, path: &str) -> String {
    let url = format!("http://127.0.0.1:{port}{path}");
    let shell = tools.is_none_or(|t| t.shell.is_some());
    let cmd = match tools {
        None => shell_or_exec(shell, &["curl", "-fsS", &url]),
        Some(t) if t.curl.is_some() => shell_or_exec(shell, &["curl", "-fsS", &url]),
        Some(t) if t.wget.is_some() => {
            shell_or_exec(shell, &["wget", "-q", "-O", "/dev/null", &url])
        }
        Some(t) => match &t.python {
            Some(py) => format!(
                "CMD [\"{py}\", \"-c\", \"import urllib.request; urllib.request.urlopen('{url}', timeout=4)\"]"
            ),
            None => {
                return format!(
                    "no curl, wget or python in the image: install one (e.g. `apt-get install -y --no-install-recommends curl`), then HEALTHCHECK {SETTINGS} CMD curl -fsS {url} || exit 1"
                );
            }
        },
    };
    format!("HEALTHCHECK {SETTINGS} {cmd}")
}

/// `CMD curl … || exit 1` with a shell (exit 1, not Docker's reserved 2), the exec form
/// without one.
fn shell_or_exec(shell: bool, argv: &[&str]) -> String {
    if shell {
        format!("CMD {} || exit 1", argv.join(" "))
    } else {
        let quoted: Vec<String> = argv.iter().map(|a| format!("\"{a}\"")).collect();
        format!("CMD [{}]", quoted.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tools(curl: bool, wget: bool, python: bool, shell: bool) -> Tools {
        let s = |b: bool, p: &str| b.then(|| p.to_string());
        Tools {
            curl: s(curl, "/usr/bin/curl"),
            wget: s(wget, "/bin/wget"),
            python: s(python, "/usr/local/bin/python3"),
            shell: s(shell, "/bin/sh"),
        }
    }

    #[test]
    fn the_line_uses_a_tool_the_image_has() {
        let l = healthcheck_line(Some(&tools(true, true, true, true)), 8000, "/health/");
        assert!(
            l.ends_with("CMD curl -fsS http://127.0.0.1:8000/health/ || exit 1"),
            "{l}"
        );
        let l = healthcheck_line(Some(&tools(false, true, false, true)), 8000, "/health/");
        assert!(
            l.contains("CMD wget -q -O /dev/null http://127.0.0.1:8000/health/"),
            "{l}"
        );
        let l = healthcheck_line(Some(&tools(false, false, true, false)), 9000, "/ping");
        assert!(
            l.contains("CMD [\"/usr/local/bin/python3\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:9000/ping', timeout=4)\"]"),
            "{l}"
        );
        let l = healthcheck_line(Some(&tools(true, false, false, false)), 8000, "/health/");
        assert!(l.contains("CMD [\"curl\", \"-fsS\""), "{l}");
        let l = healthcheck_line(Some(&tools(false, false, false, false)), 8000, "/health/");
        assert!(l.starts_with("no curl, wget or python"), "{l}");
    }
}
