//! The gatherers and the runtime rules on the real daemon: containers of the Doctor's
//! fixture image (a stand-in Gunicorn under /app/start.sh, user 1001) run with and without
//! the guide's limits, a never-started one whose start.sh lacks its exec bit, the image on
//! its own; what each gatherer brings and what each runtime rule says of it. Skips without
//! a daemon unless DOCKTOR_REQUIRE_DOCKER=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod doctor_kit;

use std::time::Duration;

use docktor::diagnose::{Status, Subject, Verdict};
use doctor_kit::{Made, check, offline_profile, verdict};

fn status_of(o: &[docktor::diagnose::Outcome], id: &str) -> (Status, String) {
    let v = verdict(o, id);
    (v.status(), v.verdict.summary())
}

/// Waits until `docker top` shows `n` processes in the container.
fn wait_processes(name: &str, n: usize) {
    let ok = common::wait_until(Duration::from_secs(10), || {
        let out = common::docker_cli(&["top", name]);
        String::from_utf8_lossy(&out.stdout).lines().count() > n
    });
    assert!(ok, "{name} never showed {n} processes");
}

#[tokio::test]
async fn a_container_as_the_guide_runs_it_passes_every_runtime_rule() {
    let Some(engine) = common::engine().await else {
        return;
    };
    if doctor_kit::image().is_none() {
        return;
    }
    let c = Made::new(
        "good",
        true,
        &[
            "--cpus",
            "1",
            "--memory",
            "128m",
            "--restart",
            "unless-stopped",
        ],
    );
    wait_processes(&c.name, 7); // master, 3 workers and their sleeps
    let (facts, o) = check(&engine, &c.subject(), &offline_profile()).await;
    let cf = facts.container.get().expect("container facts");
    assert_eq!(cf.user(), "1001");
    let (script, _) = cf.script.as_ref().expect("start.sh looked at");
    assert_eq!(script.path, "/app/start.sh");
    for id in [
        "runtime.non-root-user",
        "runtime.start-script",
        "runtime.restart-policy",
        "runtime.memory-limit",
        "runtime.gunicorn-workers",
    ] {
        assert_eq!(
            status_of(&o, id).0,
            Status::Pass,
            "{id}: {}",
            status_of(&o, id).1
        );
    }
    let (_, workers) = status_of(&o, "runtime.gunicorn-workers");
    assert!(
        workers.starts_with("3 workers under 1 master(s) for a CPU limit of 1"),
        "{workers}"
    );
    assert!(
        status_of(&o, "runtime.start-script")
            .1
            .contains("-rwxr-xr-x")
    );
    // Layers and the build cache came too; nothing is left pending.
    assert!(facts.layers.get().is_some() && facts.build_cache.get().is_some());
    assert!(o.iter().all(|x| x.status() != Status::Pending));
    assert_eq!(status_of(&o, "registry.reachable").0, Status::NotApplicable);
}

#[tokio::test]
async fn root_too_many_workers_no_limits_each_fire() {
    let Some(engine) = common::engine().await else {
        return;
    };
    if doctor_kit::image().is_none() {
        return;
    }
    let c = Made::new(
        "bad",
        true,
        &["--user", "0:0", "--cpus", "1", "-e", "WORKERS=6"],
    );
    wait_processes(&c.name, 13);
    let (_, o) = check(&engine, &c.subject(), &offline_profile()).await;
    let f = |id| verdict(&o, id).verdict.findings().to_vec();
    let root = f("runtime.non-root-user");
    assert_eq!(root[0].title, "The container runs as root");
    assert!(
        root[0].evidence.contains("--user 0:0"),
        "{}",
        root[0].evidence
    );
    let workers = f("runtime.gunicorn-workers");
    assert!(
        workers[0]
            .title
            .starts_with("6 Gunicorn workers compete for 1 CPUs"),
        "{workers:?}"
    );
    assert!(workers[0].fix.contains("--workers 3"));
    assert!(
        f("runtime.restart-policy")[0]
            .fix
            .contains("--restart unless-stopped")
    );
    assert!(f("runtime.memory-limit")[0].fix.contains("--memory"));
}

#[tokio::test]
async fn without_a_cpu_limit_the_hosts_cpus_count() {
    let Some(engine) = common::engine().await else {
        return;
    };
    if doctor_kit::image().is_none() {
        return;
    }
    let c = Made::new("nolimit", true, &["-e", "WORKERS=2"]);
    wait_processes(&c.name, 5);
    let (facts, o) = check(&engine, &c.subject(), &offline_profile()).await;
    let cpus = facts
        .processes
        .get()
        .and_then(|p| p.host_cpus)
        .expect("the host's CPUs");
    let (_, s) = status_of(&o, "runtime.gunicorn-workers");
    assert!(
        s.contains(&format!("no CPU limit, so the host's {cpus} CPUs are used")),
        "{s}"
    );
}

#[tokio::test]
async fn a_start_script_without_its_exec_bit_fails_and_a_stopped_container_has_no_processes() {
    let Some(engine) = common::engine().await else {
        return;
    };
    if doctor_kit::image().is_none() {
        return;
    }
    let c = Made::new("noexec", false, &["--entrypoint", "/app/broken/start.sh"]);
    let (facts, o) = check(&engine, &c.subject(), &offline_profile()).await;
    let v = verdict(&o, "runtime.start-script");
    let f = v.verdict.findings();
    assert_eq!(f.len(), 1, "{:?}", v.verdict);
    assert!(
        f[0].title
            .contains("/app/broken/start.sh is not executable (-rw-r--r--)"),
        "{}",
        f[0].title
    );
    assert_eq!(f[0].paths, ["/app/broken/start.sh"]);
    let why = facts.processes.state();
    assert!(
        matches!(why, docktor::diagnose::PartState::Unavailable(w) if w.contains("is not running")),
        "{why:?}"
    );
    assert_eq!(
        verdict(&o, "runtime.gunicorn-workers").status(),
        Status::Unknown
    );
}

#[tokio::test]
async fn an_image_is_checked_from_its_config_and_layers() {
    let Some(engine) = common::engine().await else {
        return;
    };
    let Some(tag) = doctor_kit::image() else {
        return;
    };
    let subject = Subject::Image { reference: tag };
    let (_, o) = check(&engine, &subject, &offline_profile()).await;
    assert_eq!(status_of(&o, "runtime.non-root-user").0, Status::Pass);
    // start.sh read from the image's own layers: there, with its exec bit.
    let (st, s) = status_of(&o, "runtime.start-script");
    assert_eq!(st, Status::Pass, "{s}");
    assert!(s.contains("/app/start.sh -rwxr-xr-x"), "{s}");
    for id in ["runtime.restart-policy", "runtime.memory-limit"] {
        assert_eq!(status_of(&o, id).0, Status::NotApplicable);
    }
    let g = &verdict(&o, "runtime.gunicorn-workers").verdict;
    assert!(
        matches!(g, Verdict::NotApplicable(why) if why.contains("an image has no container's processes")),
        "{g:?}"
    );
    // Rules of a build context do not apply to an image.
    assert_eq!(status_of(&o, "context.secrets").0, Status::NotApplicable);
}

#[tokio::test]
async fn a_container_removed_meanwhile_is_unavailable_not_an_error() {
    let Some(engine) = common::engine().await else {
        return;
    };
    let subject = Subject::Container {
        id: "dkt-doctor-gone-0000".into(),
        name: "dkt-doctor-gone".into(),
    };
    let (facts, o) = check(&engine, &subject, &offline_profile()).await;
    assert!(
        matches!(facts.container.state(), docktor::diagnose::PartState::Unavailable(w) if w.contains("is gone"))
    );
    assert_eq!(
        verdict(&o, "runtime.memory-limit").status(),
        Status::Unknown
    );
    // The engine-wide facts still came.
    assert!(facts.build_cache.get().is_some());
}
