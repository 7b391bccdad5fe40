//! The engine's surfaces (inspect, archive, exec, events, df, prune, registry, process
//! list, helper containers) against real daemons: every engine of the test kit (the shared
//! Docker 20.10 and the kit's Docker 28, `common::kit::for_each_engine`) for everything that
//! deletes nothing, a private one (tests/common/engines.rs) for prunes. An engine that does
//! not answer skips (counted) unless DOCKTOR_REQUIRE_DOCKER=1; the private daemon's test
//! skips without root and dockerd unless DOCKTOR_REQUIRE_ENGINES=1.
//!
//! Multi-threaded runtimes: the drop guards run the docker CLI synchronously, and a
//! connection whose body was dropped is closed by its task on the runtime — on a single
//! thread blocked by the guard, the daemon would wait for it (it holds the container while
//! it writes an archive) and `docker rm` would wait for the daemon.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod surfaces;

use common::engines::{self, PrivateDaemon};
use common::kit::for_each_engine;
use surfaces::kit::Kit;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn container_details_and_image_config() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "inspect").await;
        surfaces::inspect::container_details(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_requests_carry_the_version() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "raw").await;
        surfaces::inspect::raw_requests(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_with_output_exit_codes_and_timeouts() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "exec").await;
        surfaces::exec::exec(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn process_list() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "top").await;
        surfaces::exec::processes(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn archive_stat_and_stream() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "archive").await;
        surfaces::archive::stat_and_stream(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_of_health_probes() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "events").await;
        surfaces::events::health_probes(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disk_usage() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "df").await;
        surfaces::disk::disk_usage(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_previews_delete_nothing() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "preview").await;
        surfaces::disk::prune_previews_delete_nothing(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_reachability_and_info() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "registry").await;
        surfaces::disk::registries(&k).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn helper_containers() {
    for_each_engine(async |e| {
        let k = Kit::on(e, "helper").await;
        surfaces::helper::helpers(&k).await;
    })
    .await;
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
