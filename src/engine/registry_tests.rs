//! Classification of the daemon's registry errors, on messages as daemons write them.

use super::*;

#[test]
fn daemon_messages_are_classified() {
    let cases: &[(u16, &str, RegistryOutcome)] = &[
        (
            500,
            r#"Get "https://nonexistent.invalid/v2/": dial tcp: lookup nonexistent.invalid on 10.255.255.53:53: no such host"#,
            RegistryOutcome::DnsFailure,
        ),
        (
            500,
            r#"Get "https://ghcr.io/v2/": dial tcp: lookup ghcr.io: Temporary failure in name resolution"#,
            RegistryOutcome::DnsFailure,
        ),
        (
            500,
            r#"Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused"#,
            RegistryOutcome::Refused,
        ),
        (
            500,
            r#"Get "https://nonexistent.invalid/v2/": dial tcp: lookup nonexistent.invalid on 10.255.255.53:53: dial udp 10.255.255.53:53: connect: network is unreachable"#,
            RegistryOutcome::DnsFailure,
        ),
        (
            500,
            r#"Get "https://10.1.2.3/v2/": dial tcp 10.1.2.3:443: connect: network is unreachable"#,
            RegistryOutcome::Unreachable,
        ),
        (
            500,
            r#"Get "https://10.1.2.3/v2/": dial tcp 10.1.2.3:443: i/o timeout"#,
            RegistryOutcome::Timeout,
        ),
        (
            500,
            r#"Get "https://ghcr.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"#,
            RegistryOutcome::Timeout,
        ),
        (
            500,
            r#"Get "https://reg.local/v2/": net/http: TLS handshake timeout"#,
            RegistryOutcome::Timeout,
        ),
        (
            500,
            r#"Get "https://reg.local/v2/": x509: certificate signed by unknown authority"#,
            RegistryOutcome::Tls,
        ),
        (
            500,
            r#"Get "https://reg.local:5000/v2/": http: server gave HTTP response to HTTPS client"#,
            RegistryOutcome::Tls,
        ),
        (
            500,
            r#"Get "https://ghcr.io/v2/": proxyconnect tcp: dial tcp 10.0.0.1:3128: connect: connection refused"#,
            RegistryOutcome::Proxy,
        ),
        (
            500,
            r#"Get "https://ghcr.io/v2/": proxyconnect tcp: dial tcp: lookup proxy.corp: no such host"#,
            RegistryOutcome::Proxy,
        ),
        (
            401,
            "errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n",
            RegistryOutcome::AuthRequired,
        ),
        (
            500,
            "Head \"https://ghcr.io/v2/x/manifests/1\": unauthorized",
            RegistryOutcome::AuthRequired,
        ),
        (
            404,
            "manifest unknown: manifest unknown",
            RegistryOutcome::NotFound,
        ),
        (500, "something else broke", RegistryOutcome::Other),
    ];
    for (status, message, want) in cases {
        assert_eq!(classify(*status, message), *want, "{message}");
    }
    assert!(RegistryOutcome::AuthRequired.registry_answered());
    assert!(!RegistryOutcome::Refused.registry_answered());
}

#[test]
fn info_essentials_parse() {
    let body = r#"{"Name": "vm", "ServerVersion": "20.10.24+dfsg1",
      "OperatingSystem": "Debian GNU/Linux 12 (bookworm)", "OSType": "linux",
      "Architecture": "x86_64", "KernelVersion": "6.1", "Driver": "overlay2",
      "CgroupDriver": "systemd", "CgroupVersion": "2",
      "HttpProxy": "http://xxxxx:xxxxx@proxy.corp:3128", "HttpsProxy": "", "NoProxy": "localhost",
      "RegistryConfig": {"InsecureRegistryCIDRs": ["127.0.0.0/8"],
        "IndexConfigs": {"docker.io": {"Name": "docker.io", "Mirrors": [], "Secure": true, "Official": true},
          "reg.local:5000": {"Name": "reg.local:5000", "Mirrors": [], "Secure": false, "Official": false}},
        "Mirrors": ["https://mirror.gcr.io/"]},
      "NCPU": 2, "MemTotal": 25275990016, "DockerRootDir": "/var/lib/docker"}"#;
    let i = parse_info(body.as_bytes()).unwrap();
    assert_eq!(i.server_version, "20.10.24+dfsg1");
    assert_eq!(i.cgroup_driver, "systemd");
    assert_eq!(i.cgroup_version, "2");
    assert_eq!(i.http_proxy, "http://xxxxx:xxxxx@proxy.corp:3128");
    assert_eq!(i.no_proxy, "localhost");
    assert_eq!(i.registry_mirrors, vec!["https://mirror.gcr.io/"]);
    assert_eq!(i.insecure_registries, vec!["127.0.0.0/8", "reg.local:5000"]);
    assert_eq!(i.ncpu, 2);
    assert_eq!(i.driver, "overlay2");
}
