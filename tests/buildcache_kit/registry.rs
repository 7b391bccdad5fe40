//! Registry reachability from the daemon, against a real registry: Debian's
//! `docker-registry` on loopback in the engine's network namespace, an image built FROM
//! scratch pushed to it; then up (reachable, a missing tag is "no such image"), a listener
//! that never answers (timeout within the time given), stopped (refused), and a name that
//! does not resolve — with the daemon's proxy and mirror settings beside the verdicts.

use std::time::{Duration, Instant};

use docktor::model::registry::RegistryOutcome;
use docktor::registry::{self, Targets};

use crate::common::kit::KitEngine;
use crate::common::registry::{Registry, Silent, current_engine_pid};

/// Removes the pushed tag from the engine, however the test ends.
struct Untag<'a>(&'a KitEngine, String);

impl Drop for Untag<'_> {
    fn drop(&mut self) {
        let _ = self.0.docker(&["rmi", &self.1]);
    }
}

fn context() -> tempfile::TempDir {
    let ctx = tempfile::tempdir().expect("context");
    std::fs::copy("/bin/busybox", ctx.path().join("busybox")).expect("busybox");
    std::fs::write(
        ctx.path().join("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\nLABEL dkt.buildcache=registry\n",
    )
    .expect("Dockerfile");
    ctx
}

pub async fn reachability(e: &KitEngine) {
    let netns = if e.name == "shared" {
        None
    } else {
        Some(current_engine_pid().expect("the current engine's pid file"))
    };
    let mut reg = Registry::start(netns);
    let image = format!(
        "{}/dkt-buildcache-registry-{}/app:1",
        reg.host(),
        std::process::id()
    );
    let ctx = context();
    e.docker_ok(&[
        "build",
        "-q",
        "-t",
        &image,
        &ctx.path().display().to_string(),
    ]);
    let _untag = Untag(e, image.clone());
    e.docker_ok(&["push", &image]);
    let engine = e.engine().await;
    let timeout = Duration::from_secs(10);

    let mut t = Targets::default();
    t.add(&image, "test image");
    t.add(
        "registry.dkt-buildcache.invalid/app:1",
        "a name that does not resolve",
    );
    let facts = registry::check(&engine, t.list(), timeout)
        .await
        .expect("check");
    let outcome = |reg: &str| {
        facts
            .probes
            .iter()
            .find(|p| p.registry == reg)
            .unwrap_or_else(|| panic!("{reg} in {:?}", facts.probes))
            .clone()
    };
    let up = outcome(&reg.host());
    assert_eq!(up.outcome, RegistryOutcome::Reachable, "{up:?}");
    assert_eq!(up.named_by, ["test image: ".to_string() + &image]);
    let dns = outcome("registry.dkt-buildcache.invalid");
    assert_eq!(dns.outcome, RegistryOutcome::DnsFailure, "{dns:?}");
    assert!(!dns.message.is_empty(), "the daemon's words are kept");
    // The daemon's own settings are beside the verdicts.
    let info = engine.daemon_info().await.expect("info");
    assert_eq!(facts.mirrors, info.registry_mirrors);
    assert_eq!(facts.https_proxy, info.https_proxy);
    assert!(
        facts.settings().starts_with("the daemon uses "),
        "{}",
        facts.settings()
    );

    let missing = engine
        .distribution_inspect(&image.replace(":1", ":missing"), timeout)
        .await
        .expect("inspect");
    assert_eq!(missing.outcome, RegistryOutcome::NotFound, "{missing:?}");

    // A registry that accepts and never answers: a timeout, within the time asked.
    let silent = Silent::start(netns);
    let mut t = Targets::default();
    t.add(&format!("127.0.0.1:{}/app:1", silent.port), "silent");
    let started = Instant::now();
    let facts = registry::check(&engine, t.list(), Duration::from_secs(3))
        .await
        .expect("check");
    assert_eq!(
        facts.probes[0].outcome,
        RegistryOutcome::Timeout,
        "{:?}",
        facts.probes
    );
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    drop(silent);

    // Stopped: refused.
    reg.stop();
    let mut t = Targets::default();
    t.add(&image, "test image");
    let facts = registry::check(&engine, t.list(), timeout)
        .await
        .expect("check");
    assert_eq!(
        facts.probes[0].outcome,
        RegistryOutcome::Refused,
        "{:?}",
        facts.probes
    );
    assert!(
        facts.probes[0].message.contains("connection refused"),
        "{:?}",
        facts.probes
    );
}
