//! Every way to reach an engine, end to end against real daemons: plain tcp, tcp with TLS
//! (DOCKER_TLS_VERIFY and a docker context), ssh (our dial-stdio transport, against the
//! main daemon) and Podman (flag, engine kind, auto-detection when there is no docker
//! socket). Private daemons run in network namespaces (tests/common/engines.rs); each case
//! skips when its tools are missing, unless DOCKTOR_REQUIRE_ENGINES=1 (.ci/run).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::process::{Command, Output};

use common::engines::{self, Netns, PrivateDaemon, podman, sshd, tls};
use docktor::engine::Engine;
use docktor::engine::host::{self, HostOptions};

const IMAGE: &str = "docktor-fixture/base:latest";

/// docktor with a clean engine environment (no DOCKER_*, an empty docker config), inside
/// `ns` when given, plus `env`.
fn docktor(ns: Option<&Netns>, args: &[&str], env: &[(&str, &str)]) -> Output {
    let empty_config = tempfile::tempdir().expect("temp docker config");
    let bin = common::docktor_bin();
    let mut cmd = match ns {
        Some(ns) => ns.command(&bin),
        None => Command::new(&bin),
    };
    for var in [
        "DOCKER_HOST",
        "DOCKER_CONTEXT",
        "DOCKER_TLS",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
        "XDG_RUNTIME_DIR",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("DOCKER_CONFIG", empty_config.path())
        .args(args)
        .envs(env.iter().copied());
    cmd.output().expect("run docktor")
}

/// Names in `docktor ps --format json` output; panics (with stderr) unless it succeeded.
fn ps_names(out: &Output) -> Vec<String> {
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success(),
        "docktor failed ({}): {stderr}",
        out.status
    );
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    rows.iter()
        .filter_map(|r| r["name"].as_str().map(String::from))
        .collect()
}

/// Exit 2, no panic, and stderr containing every one of `wanted`; returns stderr.
fn fails_with(out: &Output, wanted: &[&str]) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "exit code; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for w in wanted {
        assert!(stderr.contains(w), "{w:?} missing from: {stderr}");
    }
    stderr
}

/// A private daemon with one running container; `None` when the test is skipped.
fn daemon_with_container(test: &str, args: &[&str]) -> Option<(PrivateDaemon, String)> {
    if !engines::ready(test, engines::netns_ready()) || !common::fixtures() {
        return None;
    }
    let daemon = PrivateDaemon::start(test, args);
    daemon.load_image(IMAGE);
    let name = format!("{test}-1");
    let run = daemon.docker(&["run", "-d", "--network", "none", "--name", &name, IMAGE]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    Some((daemon, name))
}

#[test]
fn tcp_plain_with_flag_and_docker_host_and_restart() {
    let Some((mut daemon, name)) = daemon_with_container("tcp", &["--host=tcp://127.0.0.1:23750"])
    else {
        return;
    };
    let ns = Some(daemon.netns());
    let flag = docktor(
        ns,
        &["-H", "tcp://127.0.0.1:23750", "ps", "--format", "json"],
        &[],
    );
    assert_eq!(ps_names(&flag), vec![name.clone()]);
    let env = [("DOCKER_HOST", "tcp://127.0.0.1:23750")];
    assert_eq!(
        ps_names(&docktor(ns, &["ps", "--format", "json"], &env)),
        vec![name.clone()]
    );

    // The helpers another test uses for reconnection: stop, then start again.
    daemon.stop();
    let down = docktor(Some(daemon.netns()), &["ps"], &env);
    fails_with(
        &down,
        &[
            "tcp://127.0.0.1:23750",
            "Nothing listens at 127.0.0.1:23750",
        ],
    );
    daemon.start_again();
    let all = docktor(
        Some(daemon.netns()),
        &["ps", "--all", "--format", "json"],
        &env,
    );
    assert_eq!(ps_names(&all), vec![name]);
}

#[test]
fn tcp_tls_with_env_and_context_and_wrong_ca() {
    if !engines::ready("tls", engines::netns_ready().and(tool("openssl"))) {
        return;
    }
    let certs = tls::Certs::generate();
    let args = certs.daemon_args("127.0.0.1:23760");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let Some((daemon, name)) = daemon_with_container("tls", &args) else {
        return;
    };
    let ns = Some(daemon.netns());
    let dir = certs.dir().display().to_string();
    let env = [
        ("DOCKER_HOST", "tcp://127.0.0.1:23760"),
        ("DOCKER_TLS_VERIFY", "1"),
        ("DOCKER_CERT_PATH", dir.as_str()),
    ];
    assert_eq!(
        ps_names(&docktor(ns, &["ps", "--format", "json"], &env)),
        vec![name.clone()]
    );

    // A context made by the real docker CLI.
    let config = tempfile::tempdir().expect("docker config dir");
    let endpoint = format!(
        "host=tcp://127.0.0.1:23760,ca={},cert={},key={}",
        certs.path("ca.pem").display(),
        certs.path("cert.pem").display(),
        certs.path("key.pem").display()
    );
    let create = Command::new(common::docker_cli_path())
        .env("DOCKER_CONFIG", config.path())
        .args(["context", "create", "tls1", "--docker", &endpoint])
        .output()
        .expect("docker context create");
    assert!(
        create.status.success(),
        "{}",
        String::from_utf8_lossy(&create.stderr)
    );
    let cfg = config.path().display().to_string();
    let ctx = docktor(
        ns,
        &["--context", "tls1", "ps", "--format", "json"],
        &[("DOCKER_CONFIG", &cfg)],
    );
    assert_eq!(ps_names(&ctx), vec![name]);

    // The wrong CA, named like the right one (rustls: BadSignature) or not (UnknownIssuer):
    // the host is named, with advice to check the certificates.
    let other = tls::Certs::generate();
    let unrelated = other.ca("unrelated", "some-other-ca");
    for ca in [other.path("ca.pem"), unrelated] {
        let wrong = tempfile::tempdir().expect("wrong certs dir");
        std::fs::copy(&ca, wrong.path().join("ca.pem")).expect("copy");
        for f in ["cert.pem", "key.pem"] {
            std::fs::copy(certs.path(f), wrong.path().join(f)).expect("copy");
        }
        let wdir = wrong.path().display().to_string();
        let bad = docktor(ns, &["ps"], &[env[0], env[1], ("DOCKER_CERT_PATH", &wdir)]);
        let checks = [
            "tcp://127.0.0.1:23760",
            "Check the certificates",
            "not signed by the CA",
        ];
        fails_with(&bad, &checks);
    }
    // Plain HTTP to the TLS port.
    let plain = docktor(ns, &["ps"], &[env[0]]);
    fails_with(&plain, &["speaks TLS: set DOCKER_TLS_VERIFY=1"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ssh_reaches_the_main_daemon() {
    if !engines::ready("ssh", sshd::available()) || common::engine().await.is_none() {
        return;
    }
    if !common::fixtures() {
        return;
    }
    let server = sshd::Sshd::start("ssh");
    let path = server.path_env();
    let ns = Some(server.netns());
    let url = format!("ssh://root@127.0.0.1:{}", sshd::PORT);
    let out = docktor(
        ns,
        &["-H", &url, "ps", "--all", "--format", "json"],
        &[("PATH", &path)],
    );
    let names = ps_names(&out);
    for fixture in common::FIXTURE_NAMES {
        assert!(
            names.iter().any(|n| n == fixture),
            "{fixture} not in {names:?}"
        );
    }
    // A port where no sshd listens: ssh's own words, and the ssh hint.
    let bad = format!("ssh://root@127.0.0.1:{}", sshd::PORT + 1);
    let out = docktor(ns, &["-H", &bad, "ps"], &[("PATH", &path)]);
    fails_with(
        &out,
        &[&bad, "Connection refused", "ssh could not reach the host"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn podman_by_flag_by_kind_and_auto_detected() {
    if !engines::ready("podman", podman::available()) || !common::fixtures() {
        return;
    }
    let _podman = common::lock::exclusive("podman");
    let mut service = podman::PodmanService::start();
    let image = service.load_image(IMAGE);
    let name = format!("pdx-{}", std::process::id());
    service.run(&name, &image, &["sleep", "1000"]);
    let runtime = service.runtime_dir().display().to_string();
    let xdg = [("XDG_RUNTIME_DIR", runtime.as_str())];

    let out = docktor(None, &["--podman", "ps", "--format", "json"], &xdg);
    assert!(ps_names(&out).contains(&name));

    // The kind comes from /version's components ("Podman Engine"), not from the flag.
    let env: HashMap<String, String> = HashMap::new();
    let opts = HostOptions {
        host: Some(format!("unix://{}", service.socket().display())),
        ..HostOptions::default()
    };
    let target = host::resolve(&opts, &env, &|p| p.exists()).expect("resolve");
    let engine = Engine::connect(&target).await.expect("connect to podman");
    assert_eq!(engine.info.kind, "podman");

    // No docker socket (a tmpfs over /run in a private mount namespace): Podman is picked.
    let bin = common::docktor_bin().display().to_string();
    let script = format!("mount -t tmpfs none /run && exec {bin} ps --format json");
    if !engines::ready("podman auto-detection", tool("unshare")) {
        return;
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["-m", "--propagation", "private", "sh", "-c", &script])
        .env_remove("DOCKER_HOST")
        .env_remove("DOCKER_CONTEXT")
        .env(
            "DOCKER_CONFIG",
            service.runtime_dir().join("no-docker-config"),
        )
        .env("XDG_RUNTIME_DIR", &runtime);
    let out = cmd.output().expect("unshare");
    assert!(ps_names(&out).contains(&name));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("using Podman at unix://"), "{stderr}");
}

fn tool(program: &str) -> Result<(), String> {
    if engines::have(program) {
        Ok(())
    } else {
        Err(format!("`{program}` is not installed"))
    }
}
