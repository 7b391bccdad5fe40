//! Parsing host strings (`--host`, `DOCKER_HOST`, a context's endpoint) into a [`Scheme`],
//! following the docker CLI's rules: a bare `host:port` means tcp, a bare `/path` a socket.

use std::path::PathBuf;

use super::{DEFAULT_SOCKET, Scheme};

const USE: &str = "use unix://, tcp:// or ssh://";

/// Parses `s`; `tls` picks the default tcp port (2376 with TLS, 2375 without).
/// The error is a reason, to be prefixed with where the string came from.
pub(crate) fn parse_scheme(s: &str, tls: bool) -> Result<Scheme, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(format!("empty host; {USE}"));
    }
    if s.starts_with('/') {
        return Ok(Scheme::Unix {
            path: PathBuf::from(s),
        });
    }
    let Some((proto, rest)) = s.split_once("://") else {
        // Like the docker CLI: no scheme means tcp.
        return parse_tcp(s, tls);
    };
    match proto.to_ascii_lowercase().as_str() {
        "unix" => Ok(Scheme::Unix {
            path: PathBuf::from(if rest.is_empty() {
                DEFAULT_SOCKET
            } else {
                rest
            }),
        }),
        "tcp" | "http" => parse_tcp(rest, tls),
        "ssh" => parse_ssh(rest),
        "npipe" => Err(format!(
            "npipe:// (Windows named pipes) is not supported on this OS; {USE}"
        )),
        "https" => Err(
            "unsupported scheme 'https'; use tcp:// and set DOCKER_TLS_VERIFY=1 \
             (certificates from DOCKER_CERT_PATH) for TLS"
                .to_string(),
        ),
        "" => Err(format!("missing scheme before '://'; {USE}")),
        other => Err(format!("unsupported scheme '{other}'; {USE}")),
    }
}

/// `rest` is what follows `tcp://`: `host[:port][/]`.
fn parse_tcp(rest: &str, tls: bool) -> Result<Scheme, String> {
    let default_port: u16 = if tls { 2376 } else { 2375 };
    let hostport = rest.strip_suffix('/').unwrap_or(rest);
    if hostport.contains(['/', '?', '#']) {
        return Err(format!(
            "a path or query after the address is not supported ('{rest}'); use tcp://HOST:PORT"
        ));
    }
    if hostport.contains('@') {
        return Err("user info is not supported in tcp:// addresses; use tcp://HOST:PORT".into());
    }
    let (host, port) = if let Some(after_bracket) = hostport.strip_prefix('[') {
        let Some((ip6, tail)) = after_bracket.split_once(']') else {
            return Err(format!("missing ']' in IPv6 address '{hostport}'"));
        };
        let port = match tail {
            "" => None,
            t => match t.strip_prefix(':') {
                Some(p) => Some(p),
                None => return Err(format!("unexpected '{t}' after IPv6 address")),
            },
        };
        (format!("[{ip6}]"), port)
    } else {
        match hostport.split_once(':') {
            Some((_, p)) if p.contains(':') => {
                return Err(format!(
                    "'{hostport}' looks like an IPv6 address; put it in brackets, e.g. tcp://[::1]:2375"
                ));
            }
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (hostport.to_string(), None),
        }
    };
    let host = if host.is_empty() {
        "localhost".to_string()
    } else {
        host
    };
    // As the docker CLI: a host name is letters, digits, `.`, `-` and `_`.
    let bad = if host.starts_with('[') {
        host.chars()
            .find(|c| !(c.is_ascii_hexdigit() || "[]:.%".contains(*c)))
    } else {
        host.chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "._-".contains(*c)))
    };
    if let Some(c) = bad {
        return Err(format!("invalid character {c:?} in host name '{host}'"));
    }
    let port = match port {
        None | Some("") => default_port,
        Some(p) => parse_port(p)?,
    };
    Ok(Scheme::Tcp {
        addr: format!("{host}:{port}"),
        tls: None,
    })
}

/// `rest` is what follows `ssh://`: `[user@]host[:port]`, nothing after.
fn parse_ssh(rest: &str) -> Result<Scheme, String> {
    let target = rest.strip_suffix('/').unwrap_or(rest);
    if target.contains(['/', '?', '#']) {
        return Err(format!(
            "extra path or query after the host in ssh://{rest}; use ssh://USER@HOST[:PORT]"
        ));
    }
    let hostport = match target.rsplit_once('@') {
        Some(("", hp)) => {
            return Err(format!(
                "empty user before '@' in ssh://{rest}; use ssh://USER@{hp}"
            ));
        }
        Some((_, hp)) => hp,
        None => target,
    };
    let host = match hostport.rsplit_once(':') {
        Some((h, p)) if !hostport.ends_with(']') => {
            parse_port(p)?;
            h
        }
        _ => hostport,
    };
    if host.is_empty() || host == "[]" {
        return Err(format!(
            "missing host in ssh://{rest}; use ssh://USER@HOST[:PORT]"
        ));
    }
    Ok(Scheme::Ssh {
        url: format!("ssh://{target}"),
    })
}

fn parse_port(p: &str) -> Result<u16, String> {
    match p.parse::<u16>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "invalid port '{p}'; the port must be a number 1-65535"
        )),
    }
}
