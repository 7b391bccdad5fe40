//! What to do next after a failed connection, from the target and the error text.
//! The texts matched are hyper's, the OS's, rustls's (`invalid peer certificate: …`,
//! `received fatal alert: …`) and ssh's, as seen against real daemons.

use std::path::Path;

use super::host::{Scheme, Target, TlsFiles};

const ELSEWHERE: &str =
    "Or point docktor at another engine with --host, DOCKER_HOST, --context or --podman.";

/// What to do next, for a connection failure to `target` with error text `reason`.
pub fn hint_for(target: &Target, reason: &str) -> String {
    let r = reason.to_ascii_lowercase();
    match &target.scheme {
        Scheme::Unix { path } if !path.exists() => format!(
            "No socket at {}: the daemon is not running here. Start it (`sudo systemctl start docker`, or `sudo dockerd &`). {ELSEWHERE}",
            path.display()
        ),
        Scheme::Unix { path } if r.contains("permission denied") => format!(
            "Permission denied on {}: add your user to the `docker` group (`sudo usermod -aG docker $USER`, then log in again) or run docktor with sudo.",
            path.display()
        ),
        Scheme::Unix { .. } => format!(
            "The socket exists but nothing answers: the daemon may be starting, stopped or hung; check `systemctl status docker`. {ELSEWHERE}"
        ),
        Scheme::Tcp { addr, tls } => tcp_hint(addr, tls.as_ref(), &r),
        Scheme::Ssh { url } => ssh_hint(url, &r),
    }
}

fn tcp_hint(addr: &str, tls: Option<&TlsFiles>, r: &str) -> String {
    let shown = |p: &Option<std::path::PathBuf>, name: &str| {
        p.as_deref()
            .map(Path::display)
            .map_or_else(|| name.to_string(), |d| d.to_string())
    };
    let (ca, cert) = match tls {
        Some(t) => (shown(&t.ca, "ca.pem"), shown(&t.cert, "cert.pem")),
        None => ("ca.pem".into(), "cert.pem".into()),
    };
    let host = addr.rsplit_once(':').map_or(addr, |(h, _)| h);
    if r.contains("invalid peer certificate") {
        // BadSignature: an issuer of the same name (e.g. a regenerated CA) did not sign it.
        let what = if ["unknownissuer", "unknown issuer", "badsignature"]
            .iter()
            .any(|k| r.contains(k))
        {
            format!("is not signed by the CA in {ca}")
        } else if r.contains("not valid for name") || r.contains("notvalidforname") {
            format!("is not issued for '{host}' (its names/IPs must include the address you use)")
        } else if r.contains("expired") {
            "has expired".to_string()
        } else if r.contains("notvalidyet") || r.contains("not valid yet") {
            "is not valid yet (check the clocks)".to_string()
        } else {
            "was refused".to_string()
        };
        return format!(
            "The daemon at {addr} answered with a TLS certificate that {what}. Check the certificates: {ca} must be the CA that signed the daemon's certificate (its --tlscacert), from DOCKER_CERT_PATH or the context's TLS files. {ELSEWHERE}"
        );
    }
    if r.contains("received fatal alert") || r.contains("certificate required") {
        return format!(
            "The daemon at {addr} refused docktor's client certificate ({cert}). Check the certificates: cert.pem and key.pem must be a pair signed by the CA the daemon trusts (its --tlscacert). {ELSEWHERE}"
        );
    }
    if r.contains("http request to an https server") {
        return format!(
            "The daemon at {addr} speaks TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem, or use a docker context made with ca=, cert=, key=. {ELSEWHERE}"
        );
    }
    if tls.is_some() && (r.contains("corrupt message") || r.contains("invalidcontenttype")) {
        return format!(
            "The daemon at {addr} does not speak TLS on that port: unset DOCKER_TLS_VERIFY (or use a context without TLS files) for a plain tcp:// daemon, or use its TLS port (usually 2376). {ELSEWHERE}"
        );
    }
    if r.contains("refused") {
        return format!(
            "Nothing listens at {addr}: check the address and port, that the daemon listens there (dockerd -H tcp://…) and that no firewall is in the way. {ELSEWHERE}"
        );
    }
    let tls_hint = if tls.is_some() {
        " If the daemon uses TLS, check the certificates (DOCKER_CERT_PATH or the context's TLS files)."
    } else {
        ""
    };
    format!(
        "No usable answer from {addr}: check that the daemon listens there (dockerd -H tcp://…) and that no firewall is in the way.{tls_hint} {ELSEWHERE}"
    )
}

fn ssh_hint(url: &str, r: &str) -> String {
    let first = if r.contains("permission denied") || r.contains("host key verification") {
        "ssh could not log in without a prompt (docktor runs ssh with BatchMode=yes): load the key into ssh-agent or name it in ~/.ssh/config, and accept the host key once with a plain `ssh`."
    } else if r.contains("dial-stdio")
        || r.contains("docker: not found")
        || r.contains("command not found")
    {
        "ssh logged in, but `docker system dial-stdio` did not run there: docker (the CLI) must be installed and on PATH for that user on the remote host."
    } else if r.contains("connection refused") || r.contains("could not resolve hostname") {
        "ssh could not reach the host: check the host name and port (ssh://USER@HOST:PORT) and that sshd runs there."
    } else if r.contains("cannot run ssh") {
        "The `ssh` program is needed for ssh:// engines: install the OpenSSH client."
    } else {
        "Check that `ssh` to that host works without a password prompt and that `docker system dial-stdio` runs there."
    };
    format!("Over ssh at {url}: {first} {ELSEWHERE}")
}

#[cfg(test)]
mod tests {
    use super::hint_for;
    use crate::engine::host::{Scheme, Source, Target, TlsFiles};

    fn tcp(tls: bool) -> Target {
        let scheme = Scheme::Tcp {
            addr: "127.0.0.1:23760".into(),
            tls: tls.then(|| TlsFiles {
                ca: Some("/certs/ca.pem".into()),
                cert: Some("/certs/cert.pem".into()),
                key: Some("/certs/key.pem".into()),
                verify: true,
            }),
        };
        Target {
            uri: scheme.uri(),
            scheme,
            source: Source::Env,
        }
    }

    #[test]
    fn tls_server_certificate_problems_name_the_ca() {
        let h = hint_for(&tcp(true), "invalid peer certificate: UnknownIssuer");
        assert!(h.contains("not signed by the CA in /certs/ca.pem"), "{h}");
        assert!(h.contains("Check the certificates"), "{h}");
        let h = hint_for(&tcp(true), "invalid peer certificate: BadSignature");
        assert!(h.contains("not signed by the CA in /certs/ca.pem"), "{h}");
        let h = hint_for(
            &tcp(true),
            "invalid peer certificate: certificate not valid for name \"box\"",
        );
        assert!(h.contains("not issued for '127.0.0.1'"), "{h}");
    }

    #[test]
    fn tls_client_certificate_refused_names_the_cert() {
        let h = hint_for(&tcp(true), "received fatal alert: BadCertificate");
        assert!(h.contains("refused docktor's client certificate (/certs/cert.pem)"));
    }

    #[test]
    fn plain_http_to_a_tls_port_says_to_turn_tls_on() {
        let reason = "Docker responded with status code 400: Client sent an HTTP request to an HTTPS server.";
        assert!(hint_for(&tcp(false), reason).contains("speaks TLS: set DOCKER_TLS_VERIFY=1"));
    }

    #[test]
    fn refused_says_nothing_listens() {
        let h = hint_for(&tcp(true), "Connection refused (os error 111)");
        assert!(h.starts_with("Nothing listens at 127.0.0.1:23760"), "{h}");
    }

    #[test]
    fn ssh_login_failure() {
        let scheme = Scheme::Ssh {
            url: "ssh://me@box".into(),
        };
        let t = Target {
            uri: scheme.uri(),
            scheme,
            source: Source::Flag,
        };
        let h = hint_for(&t, "ssh: me@box: Permission denied (publickey).");
        assert!(h.contains("BatchMode=yes"), "{h}");
    }
}
