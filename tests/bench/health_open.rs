//! How long the Health tab takes to open a container with 10,000 recorded probes: open the
//! store, read the probes, build the history, summarize, run the health rules — what the
//! tab does before its first frame. Run: `cargo run --release --example health_open [N]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use docktor::diagnose::{Facts, Part, Subject, evaluate};
use docktor::health::config::{RawCheck, resolve};
use docktor::health::store::{ContainerRef, EngineRef, Store};
use docktor::health::time::SECOND;
use docktor::health::{HealthFacts, History, Probe, summarize};
use docktor::model::Health;
use docktor::profile::Profile;

fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("health.sqlite3");
    let mut s = Store::open(&path).unwrap();
    let e = s
        .engine(&EngineRef {
            key: "bench".into(),
            uri: "unix:///var/run/docker.sock".into(),
            label: "bench".into(),
        })
        .unwrap();
    let c = s
        .container(
            e,
            &ContainerRef {
                id: "bench-10k".into(),
                name: "bench-10k".into(),
                image: "bench".into(),
            },
            0,
        )
        .unwrap();
    let t = Instant::now();
    for i in 0..n {
        let start = i * 5 * SECOND;
        let (code, out) = if (i / 40) % 3 == 0 {
            (
                1,
                "wget: can't connect to remote host (127.0.0.1): Connection refused\n",
            )
        } else {
            (0, "ok\n")
        };
        s.add_probe(
            c,
            &Probe::daemon(start, Some(start + 40_000_000), code, out),
            start,
        )
        .unwrap();
        if i % 2_000 == 0 {
            s.add_run(c, start).unwrap();
        }
    }
    eprintln!(
        "wrote {n} probes, one transaction each, in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    drop(s);
    let raw = RawCheck {
        test: vec![
            "CMD-SHELL".into(),
            "wget -q -O- http://127.0.0.1:8000/health/ || exit 1".into(),
        ],
        interval: Some(std::time::Duration::from_secs(5)),
        ..Default::default()
    };
    let mut times = Vec::new();
    for _ in 0..11 {
        let t = Instant::now();
        let store = Store::open_existing(&path).unwrap().unwrap();
        let row = store.row_of("bench", "bench-10k").unwrap().unwrap();
        let rec = store.recorded(row, 20_000).unwrap();
        let history = History::from_probes(rec.probes, &rec.runs);
        let config = resolve(Some(&raw), None);
        let sum = summarize(&history, config.as_ref());
        let mut f = Facts::new(Subject::Container {
            id: "bench-10k".into(),
            name: "bench-10k".into(),
        });
        let probes = history.len();
        f.health = Part::Ready(HealthFacts {
            config,
            status: Health::Healthy,
            history,
            ..Default::default()
        });
        let outcomes = evaluate(&f, &Profile::default(), |r| r.id.starts_with("health."));
        assert_eq!(probes as i64, n);
        assert!(!outcomes.is_empty() && sum.probes as i64 == n);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "health_open probes={n} median_ms={:.1} max_ms={:.1}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
