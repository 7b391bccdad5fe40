//! Exec against a real engine: output apart and bounded, exit codes, user, working dir,
//! env, a timeout, a missing binary, a stopped container; and the process list.

use std::time::{Duration, Instant};

use docktor::engine::EngineError;
use docktor::model::exec::ExecSpec;

use super::kit::Kit;

pub async fn exec(k: &Kit) {
    let img = k.image();
    let c = k.run("exec", &[&img.tag]);
    let e = &k.engine;

    let out = e
        .exec(
            &c.name,
            &ExecSpec::new(["sh", "-c", "echo out; echo err >&2; exit 3"]),
        )
        .await
        .expect("exec");
    assert_eq!(out.exit_code, Some(3));
    assert!(!out.timed_out);
    assert_eq!(out.stdout.text(), "out\n");
    assert_eq!(out.stderr.text(), "err\n");
    assert!(out.duration < Duration::from_secs(10));

    let out = e
        .exec(
            &c.name,
            &ExecSpec::new(["sh", "-c", "id -u; pwd; echo $FOO"])
                .user("1001")
                .working_dir("/tmp")
                .env("FOO=bar baz"),
        )
        .await
        .expect("exec as 1001");
    assert_eq!(out.stdout.text(), "1001\n/tmp\nbar baz\n");
    assert_eq!(out.exit_code, Some(0));

    // Bounded: 100,000 bytes come, 64 KiB are kept.
    let out = e
        .exec(
            &c.name,
            &ExecSpec::new(["head", "-c", "100000", "/dev/zero"]),
        )
        .await
        .expect("exec big");
    assert_eq!(out.stdout.bytes.len(), 64 * 1024);
    assert!(out.stdout.truncated);
    assert_eq!(out.stdout.total, 100_000);

    // A timeout says so; the exit code stays unknown.
    let started = Instant::now();
    let out = e
        .exec(
            &c.name,
            &ExecSpec::new(["sleep", "30"]).timeout(Duration::from_millis(500)),
        )
        .await
        .expect("exec that times out");
    assert!(out.timed_out);
    assert_eq!(out.exit_code, None);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // A binary the image does not have.
    let err = e
        .exec(&c.name, &ExecSpec::new(["curl", "-f", "http://x/"]))
        .await
        .unwrap_err();
    match &err {
        EngineError::ExecutableNotFound { executable, .. } => assert_eq!(executable, "curl"),
        other => panic!("expected ExecutableNotFound, got {other:?}"),
    }
    assert!(err.to_string().contains("curl"), "{err}");
    // Through a shell, a missing tool is the shell's exit 127, not an error.
    let out = e
        .exec(&c.name, &ExecSpec::new(["sh", "-c", "curl -f http://x/"]))
        .await
        .expect("shell");
    assert_eq!(out.exit_code, Some(127));

    // A stopped container.
    let stopped = k.create("exec-stopped", &[&img.tag]);
    let err = e
        .exec(&stopped.name, &ExecSpec::new(["true"]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::NotRunning { .. }), "{err:?}");
    assert!(err.to_string().contains(&stopped.name), "{err}");
    // A container that does not exist.
    let err = e
        .exec(&format!("{}-none", k.prefix), &ExecSpec::new(["true"]))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::NotFound { .. }), "{err:?}");
}

pub async fn processes(k: &Kit) {
    let img = k.image();
    let c = k.run(
        "top",
        &[&img.tag, "sh", "-c", "sleep 300 & sleep 301 & wait"],
    );
    // `docker run -d` returns while the process may still be `runc init`: wait (a bounded
    // number of tries) until the shell has started both sleeps, then check the list.
    let sleeping = |p: &docktor::model::top::ProcessList| {
        p.commands()
            .iter()
            .filter(|c| c.starts_with("sleep "))
            .count()
    };
    let mut p = k.engine.processes(&c.name, None).await.expect("top");
    for _ in 0..100 {
        if sleeping(&p) == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        p = k.engine.processes(&c.name, None).await.expect("top");
    }
    assert!(p.column("PID").is_some(), "{:?}", p.titles);
    assert_eq!(sleeping(&p), 2, "{:?}", p.rows);
    assert_eq!(
        p.count_matching("sleep 301"),
        2,
        "the shell's line names it too"
    );
    let stopped = k.create("top-stopped", &[&img.tag]);
    let err = k.engine.processes(&stopped.name, None).await.unwrap_err();
    assert!(matches!(err, EngineError::NotRunning { .. }), "{err:?}");
}
