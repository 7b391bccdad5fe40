//! Tests for host-string parsing and its error messages.

use std::path::PathBuf;

use super::{HostError, Scheme, parse_host};

fn tcp(addr: &str) -> Scheme {
    Scheme::Tcp {
        addr: addr.into(),
        tls: None,
    }
}

fn err(s: &str) -> String {
    match parse_host(s) {
        Ok(scheme) => panic!("expected an error for {s}, got {scheme:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn unix_forms() {
    let sock = |p: &str| Scheme::Unix {
        path: PathBuf::from(p),
    };
    assert_eq!(
        parse_host("unix:///run/x.sock").ok(),
        Some(sock("/run/x.sock"))
    );
    assert_eq!(parse_host("/run/x.sock").ok(), Some(sock("/run/x.sock")));
    assert_eq!(
        parse_host("unix://").ok(),
        Some(sock("/var/run/docker.sock"))
    );
    assert_eq!(parse_host("UNIX:///a").ok(), Some(sock("/a")));
    assert_eq!(
        parse_host("unix:///var/run/docker.sock")
            .map(|s| s.uri())
            .ok(),
        Some("unix:///var/run/docker.sock".to_string())
    );
}

#[test]
fn tcp_forms_and_default_ports() {
    assert_eq!(
        parse_host("tcp://1.2.3.4:2376").ok(),
        Some(tcp("1.2.3.4:2376"))
    );
    assert_eq!(parse_host("tcp://box").ok(), Some(tcp("box:2375")));
    assert_eq!(parse_host("tcp://box:").ok(), Some(tcp("box:2375")));
    assert_eq!(parse_host("tcp://box/").ok(), Some(tcp("box:2375")));
    assert_eq!(parse_host("tcp://:2375").ok(), Some(tcp("localhost:2375")));
    assert_eq!(parse_host("http://box:80").ok(), Some(tcp("box:80")));
    assert_eq!(parse_host("box:1234").ok(), Some(tcp("box:1234")));
    assert_eq!(parse_host("tcp://[::1]:2375").ok(), Some(tcp("[::1]:2375")));
    assert_eq!(parse_host("tcp://[::1]").ok(), Some(tcp("[::1]:2375")));
    assert_eq!(
        super::parse::parse_scheme("tcp://box", true).ok(),
        Some(tcp("box:2376"))
    );
    assert_eq!(
        parse_host("tcp://1.2.3.4:2376").map(|s| s.uri()).ok(),
        Some("tcp://1.2.3.4:2376".to_string())
    );
}

#[test]
fn ssh_forms() {
    let ssh = |u: &str| Scheme::Ssh { url: u.into() };
    assert_eq!(parse_host("ssh://me@box").ok(), Some(ssh("ssh://me@box")));
    assert_eq!(
        parse_host("ssh://me@box:2222").ok(),
        Some(ssh("ssh://me@box:2222"))
    );
    assert_eq!(parse_host("ssh://box/").ok(), Some(ssh("ssh://box")));
    assert_eq!(
        parse_host("ssh://me@box").map(|s| s.uri()).ok(),
        Some("ssh://me@box".to_string())
    );
}

#[test]
fn unsupported_schemes_name_themselves() {
    assert_eq!(
        err("foo://x"),
        "host 'foo://x': unsupported scheme 'foo'; use unix://, tcp:// or ssh://"
    );
    let npipe = err("npipe:////./pipe/docker_engine");
    assert!(npipe.contains("not supported on this OS"), "{npipe}");
    assert!(err("https://box").contains("DOCKER_TLS_VERIFY"));
    assert!(err("://box").contains("missing scheme"));
    assert!(err("").contains("empty host"));
}

#[test]
fn bad_tcp_and_ssh_addresses() {
    assert!(err("tcp://box:http").contains("invalid port 'http'"));
    assert!(err("tcp://box:0").contains("1-65535"));
    assert!(err("tcp://box:70000").contains("1-65535"));
    assert!(err("tcp://::1:2375").contains("brackets"));
    assert!(err("tcp://[::1:2375").contains("missing ']'"));
    assert!(err("tcp://box:2375/v1.40").contains("path or query"));
    assert!(err("tcp://me@box").contains("user info"));
    assert!(err("ssh://me@box/path").contains("extra path"));
    assert!(err("ssh://me@").contains("missing host"));
    assert!(err("ssh://@box").contains("empty user"));
    assert!(err("ssh://box:x").contains("invalid port"));
}

#[test]
fn error_is_std_error() {
    let e: Box<dyn std::error::Error> = Box::new(HostError::Conflict {
        first: "--host",
        second: "--context",
    });
    assert_eq!(
        e.to_string(),
        "--host and --context cannot be used together (each picks the daemon); keep one"
    );
}
