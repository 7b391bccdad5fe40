//! The engine's surfaces (inspect, archive, exec, events, df, prune, registry, process
//! list, helper containers) against real daemons: the shared one for everything that
//! deletes nothing, a private one (tests/common/engines.rs) for prunes. Skips without a
//! daemon unless DOCKTOR_REQUIRE_DOCKER=1; the private daemon's test skips without root
//! and dockerd unless DOCKTOR_REQUIRE_ENGINES=1.
//!
//! Multi-threaded runtimes: the drop guards run the docker CLI synchronously, and a
//! connection whose body was dropped is closed by its task on the runtime — on a single
//! thread blocked by the guard, the daemon would wait for it (it holds the container while
//! it writes an archive) and `docker rm` would wait for the daemon.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod surfaces;

use common::engines::{self, PrivateDaemon};
use surfaces::kit::Kit;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn container_details_and_image_config() {
    let Some(k) = Kit::shared("inspect").await else {
        return;
    };
    surfaces::inspect::container_details(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_requests_carry_the_version() {
    let Some(k) = Kit::shared("raw").await else {
        return;
    };
    surfaces::inspect::raw_requests(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_with_output_exit_codes_and_timeouts() {
    let Some(k) = Kit::shared("exec").await else {
        return;
    };
    surfaces::exec::exec(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn process_list() {
    let Some(k) = Kit::shared("top").await else {
        return;
    };
    surfaces::exec::processes(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn archive_stat_and_stream() {
    let Some(k) = Kit::shared("archive").await else {
        return;
    };
    surfaces::archive::stat_and_stream(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_of_health_probes() {
    let Some(k) = Kit::shared("events").await else {
        return;
    };
    surfaces::events::health_probes(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disk_usage() {
    let Some(k) = Kit::shared("df").await else {
        return;
    };
    surfaces::disk::disk_usage(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_previews_delete_nothing() {
    let Some(k) = Kit::shared("preview").await else {
        return;
    };
    surfaces::disk::prune_previews_delete_nothing(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_reachability_and_info() {
    let Some(k) = Kit::shared("registry").await else {
        return;
    };
    surfaces::disk::registries(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn helper_containers() {
    let Some(k) = Kit::shared("helper").await else {
        return;
    };
    surfaces::helper::helpers(&k).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_on_a_private_daemon() {
    if !engines::ready("prune_on_a_private_daemon", engines::netns_ready()) {
        return;
    }
    let daemon = PrivateDaemon::start("surf-prune", &[]);
    let k = Kit::at_socket(&daemon.socket(), "prune").await;
    surfaces::prune::prune_for_real(&k).await;
}
