//! Tests for host resolution: precedence, context store layout, TLS files, Podman.

use std::collections::HashMap;
use std::path::PathBuf;

use super::testkit::*;
use super::*;

#[test]
fn context_dir_is_sha256_of_name() {
    let default_id = "37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f";
    assert_eq!(context_id("default"), default_id);
    let t1 = "628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02";
    assert_eq!(context_id("t1"), t1);
}

#[test]
fn nothing_set_gives_default_socket() {
    let t = Fx::new().ok(&none());
    assert_eq!(t.source, Source::Default);
    assert_eq!(t.uri, "unix:///var/run/docker.sock");
}

#[test]
fn host_flag_beats_env_and_contexts() {
    let mut fx = Fx::new();
    fx.set("DOCKER_HOST", "tcp://env:1")
        .set("DOCKER_CONTEXT", "c");
    fx.current("c");
    let t = fx.ok(&host("tcp://flag:2"));
    assert_eq!((t.source, t.uri.as_str()), (Source::Flag, "tcp://flag:2"));
}

#[test]
fn docker_host_beats_docker_context_and_config() {
    let mut fx = Fx::new();
    fx.set("DOCKER_HOST", "ssh://me@box")
        .set("DOCKER_CONTEXT", "nope");
    fx.current("nope-either");
    let t = fx.ok(&none());
    assert_eq!((t.source, t.uri.as_str()), (Source::Env, "ssh://me@box"));
}

#[test]
fn context_flag_beats_docker_host_like_docker() {
    let mut fx = Fx::new();
    fx.set("DOCKER_HOST", "tcp://env:1");
    fx.context("prod", "tcp://10.0.0.1:2375", false);
    let t = fx.ok(&ctx("prod"));
    assert_eq!(t.source, Source::Context("prod".into()));
    assert_eq!(t.uri, "tcp://10.0.0.1:2375");
}

#[test]
fn docker_context_beats_config() {
    let mut fx = Fx::new();
    fx.context("a", "tcp://a:1", false);
    fx.context("b", "tcp://b:2", false);
    fx.current("a");
    assert_eq!(fx.ok(&none()).source, Source::Context("a".into()));
    fx.set("DOCKER_CONTEXT", "b");
    assert_eq!(fx.ok(&none()).uri, "tcp://b:2");
}

#[test]
fn docker_config_overrides_home() {
    let mut fx = Fx::new();
    let other = fx.dir.path().join("elsewhere");
    fx.write(&other.join("config.json"), r#"{"currentContext":"x"}"#);
    let meta = other
        .join("contexts/meta")
        .join(context_id("x"))
        .join("meta.json");
    fx.write(
        &meta,
        r#"{"Endpoints":{"docker":{"Host":"unix:///x.sock"}}}"#,
    );
    fx.set("DOCKER_CONFIG", &other.display().to_string());
    assert_eq!(fx.ok(&none()).uri, "unix:///x.sock");
}

#[test]
fn context_default_means_docker_host_or_default_socket() {
    let mut fx = Fx::new();
    fx.current("default");
    assert_eq!(fx.ok(&none()).source, Source::Default);
    assert_eq!(fx.ok(&ctx("default")).source, Source::Default);
    fx.set("DOCKER_HOST", "tcp://env:1");
    assert_eq!(fx.ok(&ctx("default")).source, Source::Env);
}

#[test]
fn flags_that_pick_a_daemon_conflict() {
    let fx = Fx::new();
    let both = HostOptions {
        host: Some("tcp://a:1".into()),
        context: Some("b".into()),
        podman: false,
    };
    assert_eq!(
        fx.err(&both),
        "--host and --context cannot be used together (each picks the daemon); keep one"
    );
    assert!(
        fx.err(&HostOptions {
            podman: true,
            ..host("tcp://a:1")
        })
        .starts_with("--podman and --host")
    );
    assert!(
        fx.err(&HostOptions {
            podman: true,
            ..ctx("b")
        })
        .starts_with("--podman and --context")
    );
    // Empty flag values count as absent.
    assert_eq!(
        fx.ok(&HostOptions {
            host: Some(String::new()),
            ..ctx("default")
        })
        .source,
        Source::Default
    );
}

#[test]
fn context_tls_files_any_subset() {
    let fx = Fx::new();
    fx.context("tls", "tcp://box", false);
    let ca = fx.tls_file("tls", "ca.pem");
    let cert = fx.tls_file("tls", "cert.pem");
    let t = fx.ok(&ctx("tls"));
    let want = TlsFiles {
        ca: Some(ca),
        cert: Some(cert),
        key: None,
        verify: true,
    };
    assert_eq!(
        t.scheme,
        Scheme::Tcp {
            addr: "box:2376".into(),
            tls: Some(want)
        }
    );
}

#[test]
fn context_skip_verify_and_plain() {
    let fx = Fx::new();
    fx.context("skip", "tcp://box:2376", true);
    fx.context("plain", "tcp://box", false);
    let Scheme::Tcp { tls, .. } = fx.ok(&ctx("skip")).scheme else {
        panic!("tcp expected")
    };
    assert_eq!(tls.map(|t| (t.ca, t.verify)), Some((None, false)));
    let plain = fx.ok(&ctx("plain")).scheme;
    assert_eq!(
        plain,
        Scheme::Tcp {
            addr: "box:2375".into(),
            tls: None
        }
    );
}

#[test]
fn docker_host_tls_from_cert_path() {
    let mut fx = Fx::new();
    let certs = fx.dir.path().join("certs");
    fx.write(&certs.join("ca.pem"), "x");
    fx.write(&certs.join("key.pem"), "x");
    fx.set("DOCKER_HOST", "tcp://box")
        .set("DOCKER_TLS_VERIFY", "1");
    fx.set("DOCKER_CERT_PATH", &certs.display().to_string());
    let want = TlsFiles {
        ca: Some(certs.join("ca.pem")),
        cert: None,
        key: Some(certs.join("key.pem")),
        verify: true,
    };
    assert_eq!(
        fx.ok(&none()).scheme,
        Scheme::Tcp {
            addr: "box:2376".into(),
            tls: Some(want)
        }
    );
    // The --host flag gets the same treatment.
    assert_eq!(fx.ok(&host("tcp://h:9")).uri, "tcp://h:9");
    assert!(matches!(
        fx.ok(&host("tcp://h:9")).scheme,
        Scheme::Tcp { tls: Some(_), .. }
    ));
}

#[test]
fn docker_host_tls_defaults_to_config_dir() {
    let mut fx = Fx::new();
    let cert = fx.docker_dir().join("cert.pem");
    fx.write(&cert, "x");
    fx.set("DOCKER_HOST", "tcp://box:1")
        .set("DOCKER_TLS_VERIFY", "yes");
    let Scheme::Tcp { tls: Some(tls), .. } = fx.ok(&none()).scheme else {
        panic!("tls expected")
    };
    assert_eq!((tls.cert, tls.ca, tls.verify), (Some(cert), None, true));
}

#[test]
fn docker_tls_without_verify_and_no_tls() {
    let mut fx = Fx::new();
    fx.set("DOCKER_HOST", "tcp://box");
    assert_eq!(
        fx.ok(&none()).scheme,
        Scheme::Tcp {
            addr: "box:2375".into(),
            tls: None
        }
    );
    fx.set("DOCKER_TLS", "1");
    let Scheme::Tcp {
        tls: Some(tls),
        addr,
    } = fx.ok(&none()).scheme
    else {
        panic!("tls expected")
    };
    assert_eq!((addr.as_str(), tls.verify), ("box:2376", false));
    // TLS settings do not apply to sockets.
    fx.set("DOCKER_HOST", "unix:///s.sock");
    assert_eq!(fx.ok(&none()).uri, "unix:///s.sock");
}

#[test]
fn podman_flag_prefers_rootless_then_rootful() {
    let mut fx = Fx::new();
    fx.set("XDG_RUNTIME_DIR", "/run/user/1000")
        .set("DOCKER_HOST", "tcp://ignored:1");
    let t = fx.ok(&podman());
    assert_eq!(
        (t.source, t.uri.as_str()),
        (Source::Podman, "unix:///run/podman/podman.sock")
    );
    fx.sockets.push("/run/user/1000/podman/podman.sock".into());
    assert_eq!(
        fx.ok(&podman()).uri,
        "unix:///run/user/1000/podman/podman.sock"
    );
}

#[test]
fn podman_picked_automatically_only_when_nothing_chosen() {
    let mut fx = Fx::new();
    fx.sockets = vec![PathBuf::from(PODMAN_ROOTFUL_SOCKET)];
    let t = fx.ok(&none());
    assert_eq!(
        (t.source, t.uri.as_str()),
        (Source::PodmanAuto, "unix:///run/podman/podman.sock")
    );
    assert_eq!(fx.ok(&ctx("default")).source, Source::Default);
    fx.set("DOCKER_CONTEXT", "default");
    assert_eq!(fx.ok(&none()).source, Source::Default);
    fx.env.remove("DOCKER_CONTEXT");
    fx.sockets.push(PathBuf::from(DEFAULT_SOCKET));
    assert_eq!(fx.ok(&none()).source, Source::Default);
    fx.sockets.clear();
    assert_eq!(fx.ok(&none()).source, Source::Default);
}

#[test]
fn describe_sources() {
    assert_eq!(Source::Flag.describe(), "--host flag");
    assert_eq!(Source::Env.describe(), "DOCKER_HOST");
    assert_eq!(Source::Context("prod".into()).describe(), "context prod");
    assert_eq!(Source::Default.describe(), "default socket");
    assert_eq!(Source::Podman.describe(), "podman socket");
    assert!(
        Source::PodmanAuto
            .describe()
            .starts_with("podman socket (auto")
    );
}

#[test]
fn process_env_treats_missing_as_none() {
    assert_eq!(ProcessEnv.var("DOCKTOR_TEST_SURELY_UNSET_VARIABLE"), None);
    let mut m = HashMap::new();
    m.insert("E".to_string(), String::new());
    assert_eq!(m.var("E"), None);
}
