//! How long the Health tab takes to open a container with 10,000 recorded probes, timed on
//! the code the tab runs: `health::open` (the inspect and the image's config, the engine's
//! key and the store read together, then history, summary and rules) and the tab's first
//! frame at 120x40. The probes are written for a real container of the engine (default
//! dfx-health-unhealthy; tests/scripts/health-fixtures.sh) into a temporary store.
//! Run: `cargo run --release --example health_open [N] [CONTAINER]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Instant;

use docktor::engine::Engine;
use docktor::engine::host::{HostOptions, ProcessEnv, resolve};
use docktor::health::Probe;
use docktor::health::gather::engine_key;
use docktor::health::store::{ContainerRef, EngineRef, Store};
use docktor::health::time::{SECOND, host_now};
use docktor::profile::Profile;
use docktor::tui::app::Conn;
use docktor::tui::pane::{Env, Pane};
use docktor::tui::panes::health::{Health, open};
use docktor::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let n: i64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let name = args.next().unwrap_or_else(|| "dfx-health-unhealthy".into());
    let target = resolve(&HostOptions::default(), &ProcessEnv, &|p| p.exists()).unwrap();
    let engine = Engine::connect(&target).await.unwrap();
    let d = engine.container_details(&name).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("health.sqlite3");
    let mut s = Store::open(&path).unwrap();
    let e = s
        .engine(&EngineRef {
            key: engine_key(&engine).await,
            uri: engine.info.uri.clone(),
            label: "bench".into(),
        })
        .unwrap();
    let c = ContainerRef {
        id: d.id.clone(),
        name: d.name.clone(),
        image: d.image.clone(),
    };
    let c = s.container(e, &c, host_now()).unwrap();
    let t = Instant::now();
    // Probes every 5 s before now, a run every 2,000: failing and passing by turns of 40.
    let first = host_now() - (n + 10) * 5 * SECOND;
    for i in 0..n {
        let start = first + i * 5 * SECOND;
        let (code, out) = if (i / 40) % 3 == 0 {
            (
                1,
                "wget: can't connect to remote host (127.0.0.1): Connection refused\n",
            )
        } else {
            (0, "ok\n")
        };
        let p = Probe::daemon(start, Some(start + 40_000_000), code, out);
        s.add_probe(c, &p, start).unwrap();
        if i % 2_000 == 0 {
            s.add_run(c, start).unwrap();
        }
    }
    eprintln!(
        "wrote {n} probes, one transaction each, in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    drop(s);
    let profile = Arc::new(Profile::default());
    let conn = Conn::Connecting(engine.info.uri.clone());
    let theme = Theme { mono: false };
    let mut times = Vec::new();
    for _ in 0..11 {
        let t = Instant::now();
        let o = open(&engine, &d.id, profile.clone(), Some(path.clone()))
            .await
            .unwrap();
        assert!(o.model.len() as i64 >= n, "{} probes", o.model.len());
        let mut pane = Health::default();
        pane.set_model(o.model);
        let env = Env {
            containers: &[],
            listed: true,
            conn: &conn,
            now: host_now() / SECOND,
            page: 20,
            read_only: false,
            theme: &theme,
        };
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| {
            pane.draw(f, f.area(), &env);
        })
        .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "health_open probes={n} container={name} median_ms={:.1} max_ms={:.1}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
