//! The build cache and registry reachability against real daemons. Reading: on both engines
//! of the kit (`docktor cache`'s totals equal `docker system df`'s; registries reached from
//! each engine's own network). Pruning: only on engines the test owns — a private Docker
//! 20.10 (`PrivateDaemon`) and a throw-away Docker 28 (`engine-current.sh private`) — never
//! on the shared ones. The TUI's prune flow in tmux on both (`buildcache_kit::tmux`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod buildcache_kit;
mod common;

use buildcache_kit::{Owned, flow};
use common::engines::{self, PrivateDaemon, throwaway};
use common::{kit, registry};

fn owned_old(name: &str) -> Option<Owned> {
    engines::ready(name, engines::netns_ready())
        .then(|| Owned::Old(PrivateDaemon::start(name, &[])))
}

fn owned_current(name: &str) -> Option<Owned> {
    engines::ready(name, throwaway::ready())
        .then(|| Owned::Current(throwaway::Throwaway::start(name)))
}

/// Reads only: another test may change the shared engines meanwhile, so a mismatch is
/// read again (docker system df before and after docktor must agree).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cache_totals_equal_docker_system_df_on_both_engines() {
    kit::for_each_engine(async |e| {
        let mut last = String::new();
        for _ in 0..5 {
            let cli = |k: &str| {
                let out = e.docker_ok(&["system", "df", "--format", "{{json .}}"]);
                out.lines()
                    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                    .find(|v| v["Type"] == k)
                    .map(|v| {
                        let r = v["Reclaimable"].as_str().unwrap_or_default();
                        (
                            v["TotalCount"].as_str().unwrap_or_default().to_string(),
                            v["Active"].as_str().unwrap_or_default().to_string(),
                            v["Size"].as_str().unwrap_or_default().to_string(),
                            r.split(' ').next().unwrap_or_default().to_string(),
                        )
                    })
                    .unwrap_or_default()
            };
            let kinds = ["Images", "Containers", "Local Volumes", "Build Cache"];
            let before: Vec<_> = kinds.iter().map(|k| cli(k)).collect();
            let out = std::process::Command::new(common::docktor_bin())
                .args(["-H", &e.host(), "cache", "--format", "json"])
                .output()
                .expect("docktor cache");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            let after: Vec<_> = kinds.iter().map(|k| cli(k)).collect();
            let ours: Vec<_> = ["images", "containers", "volumes", "build_cache"]
                .iter()
                .map(|k| buildcache_kit::as_df(&v[*k]))
                .collect();
            if before == after && ours == before {
                return;
            }
            last = format!("docker: {before:?}\nours: {ours:?}\ndocker after: {after:?}");
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
        panic!("on the {} engine the totals differ:\n{last}", e.name);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_on_a_private_docker_20_10() {
    let Some(o) = owned_old("bc-prune") else {
        return;
    };
    flow::prune_flow(&o).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_on_a_throwaway_docker_28() {
    let Some(o) = owned_current("bc-prune28") else {
        return;
    };
    flow::prune_flow(&o).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registries_up_down_silent_and_unresolvable_on_both_engines() {
    if !engines::ready("registries", registry::available()) {
        return;
    }
    kit::for_each_engine(async |e| buildcache_kit::registry::reachability(e).await).await;
}

/// The daemon's mirrors and insecure registries (from /info) are what the verdicts show.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mirrors_are_shown_beside_the_verdict() {
    if !engines::ready("mirrors", engines::netns_ready()) {
        return;
    }
    let d = PrivateDaemon::start(
        "bc-mirror",
        &[
            "--registry-mirror",
            "https://mirror.dkt-buildcache.invalid",
            "--insecure-registry",
            "10.99.0.0/16",
        ],
    );
    let o = Owned::Old(d);
    let engine = docktor::engine::Engine::connect(&flow::target(&o))
        .await
        .expect("connect");
    let mut t = docktor::registry::Targets::default();
    t.add("registry.dkt-buildcache.invalid/app:1", "test");
    let facts = docktor::registry::check(&engine, t.list(), std::time::Duration::from_secs(10))
        .await
        .expect("check");
    assert_eq!(facts.mirrors, ["https://mirror.dkt-buildcache.invalid/"]);
    assert!(
        facts
            .insecure_registries
            .iter()
            .any(|r| r == "10.99.0.0/16"),
        "{:?}",
        facts.insecure_registries
    );
    assert!(
        facts
            .settings()
            .contains("mirrors: https://mirror.dkt-buildcache.invalid/"),
        "{}",
        facts.settings()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tui_prune_flow_on_a_private_docker_20_10() {
    if !common::tmux::available() {
        common::skip::skip("tmux is not installed");
        return;
    }
    let Some(mut o) = owned_old("bc-tmux") else {
        return;
    };
    buildcache_kit::tmux::prune_flow(&mut o, "old");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tui_prune_flow_on_a_throwaway_docker_28() {
    if !common::tmux::available() {
        common::skip::skip("tmux is not installed");
        return;
    }
    let Some(mut o) = owned_current("bc-tmux28") else {
        return;
    };
    buildcache_kit::tmux::prune_flow(&mut o, "current");
}
