//! Helper containers against a real engine: run one command, read an image's files without
//! running it, probe from another container's network, and removal on drop.

use std::time::{Duration, Instant};

use docktor::engine::EngineError;
use docktor::model::helper::{HELPER_LABEL, HelperSpec};

use super::kit::Kit;

pub async fn helpers(k: &Kit) {
    let img = k.image();
    let e = &k.engine;

    // One command, output and exit code.
    let h = e
        .create_helper(
            &HelperSpec::new(&img.tag)
                .cmd(["sh", "-c", "echo hello; id -u >&2; exit 4"])
                .user("1001")
                .name(format!("{}-run", k.prefix)),
        )
        .await
        .expect("create");
    let out = h
        .run(Duration::from_secs(20), 4096)
        .await
        .expect("run the helper");
    assert_eq!(out.exit_code, Some(4));
    assert_eq!(out.stdout.text(), "hello\n");
    assert_eq!(out.stderr.text(), "1001\n");
    let labels = k.cli.ok(&[
        "inspect",
        "--format",
        &format!("{{{{index .Config.Labels \"{HELPER_LABEL}\"}}}}"),
        h.id(),
    ]);
    assert_eq!(labels, "1");
    h.remove().await.expect("remove");

    // An image's files without running it: created, never started.
    let h = e
        .create_helper(&HelperSpec::inert(&img.tag))
        .await
        .expect("create");
    let st = e.path_stat(h.id(), "/app/hello.txt").await.expect("stat");
    assert_eq!(st.size, 6);
    let state = k
        .cli
        .ok(&["inspect", "--format", "{{.State.Status}}", h.id()]);
    assert_eq!(state, "created");
    drop(h);

    // From the network namespace of a running container: its loopback is ours.
    let web = k.run(
        "web",
        &[
            &img.tag,
            "httpd",
            "-f",
            "-p",
            "127.0.0.1:8080",
            "-h",
            "/app",
        ],
    );
    let h = e
        .create_helper(&HelperSpec::new(&img.tag).in_network_of(&web.name).cmd([
            "wget",
            "-q",
            "-O-",
            "http://127.0.0.1:8080/hello.txt",
        ]))
        .await
        .expect("create");
    let out = h.run(Duration::from_secs(20), 4096).await.expect("probe");
    assert_eq!(
        out.stdout.text(),
        "hello\n",
        "stderr: {}",
        out.stderr.text()
    );
    assert_eq!(out.exit_code, Some(0));

    // A wait that times out says so.
    let slow = e
        .create_helper(&HelperSpec::new(&img.tag).cmd(["sleep", "30"]))
        .await
        .expect("create");
    slow.start().await.expect("start");
    let err = slow.wait(Duration::from_millis(300)).await.unwrap_err();
    assert!(matches!(err, EngineError::Timeout { .. }), "{err:?}");

    // Dropped: removed, running or not.
    let ids = [h.id().to_string(), slow.id().to_string()];
    drop(h);
    drop(slow);
    let deadline = Instant::now() + Duration::from_secs(15);
    for id in ids {
        while k.cli.run(&["inspect", &id]).status.success() {
            assert!(Instant::now() < deadline, "helper {id} still exists");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    // An image that does not exist.
    let err = e
        .create_helper(&HelperSpec::new(format!("{}-no-such-image:1", k.prefix)))
        .await
        .err()
        .expect("no image");
    assert!(matches!(err, EngineError::NotFound { .. }), "{err:?}");
}
