//! The current engine: Docker 28, API 1.51; `docker run`, `docker exec` and health checks
//! run in the container's file system (not the host's: runc exec must enter the image).

use std::time::Duration;

use crate::common::{self, engines::current, kit};
use crate::{cleanup, context, lines};

#[tokio::test]
async fn is_docker_28_with_api_1_51() {
    let Some(e) = kit::current_engine() else {
        return;
    };
    assert_eq!(e.api, current::API, "/_ping Api-Version of {}", e.host());
    assert_eq!(
        e.major(),
        current::MAJOR,
        "/_ping Server version {}",
        e.version
    );
    let engine = e.engine().await;
    assert_eq!(engine.info.kind, "docker");
    assert_eq!(engine.info.uri, e.host());
}

#[test]
fn runs_execs_and_checks_health_inside_the_container() {
    let Some(e) = kit::current_engine() else {
        return;
    };
    let id = std::process::id();
    let token = format!("inside-{id}");
    let (image, name) = (format!("dkt-kit-exec:{id}"), format!("dkt-kit-exec-{id}"));
    let mut made = cleanup(&e);
    made.images.push(image.clone());
    made.containers.push(name.clone());
    let ctx = context(&format!(
        "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n\
         RUN echo {token} > /dkt-kit-marker && mkdir -p /srv/work\nWORKDIR /srv/work\n\
         HEALTHCHECK --interval=1s --timeout=5s --retries=3 CMD cat /dkt-kit-marker && pwd\n\
         CMD [\"sleep\", \"600\"]\n"
    ));
    let ctx_path = ctx.path().display().to_string();
    e.docker_ok(&["build", "-q", "-t", &image, &ctx_path]);

    // The image has no /var; the host's / and the engine's own root both have one.
    let listed = e.docker_ok(&["run", "--rm", &image, "ls", "/"]);
    assert!(
        lines(&listed).contains(&"dkt-kit-marker"),
        "run lists the image's /: {listed}"
    );
    assert!(
        !lines(&listed).contains(&"var"),
        "run lists the image's /, not the host's: {listed}"
    );

    e.docker_ok(&["run", "-d", "--name", &name, &image]);
    let listed = e.docker_ok(&["exec", &name, "ls", "/"]);
    assert!(
        lines(&listed).contains(&"dkt-kit-marker"),
        "exec lists the container's /: {listed}"
    );
    assert!(
        !lines(&listed).contains(&"var"),
        "exec lists the container's /, not the host's: {listed}"
    );
    assert_eq!(
        e.docker_ok(&["exec", &name, "pwd"]),
        "/srv/work",
        "exec honours WORKDIR"
    );
    assert_eq!(
        e.docker_ok(&["exec", &name, "cat", "/dkt-kit-marker"]),
        token
    );

    let healthy = common::wait_until(Duration::from_secs(60), || {
        let out = e.docker(&["inspect", "-f", "{{.State.Health.Status}}", &name]);
        String::from_utf8_lossy(&out.stdout).trim() == "healthy"
    });
    let log = e.docker_ok(&["inspect", "-f", "{{json .State.Health.Log}}", &name]);
    assert!(healthy, "the health check passes in the container: {log}");
    // Its output is the marker's text and the WORKDIR: it ran in the container's file system.
    assert!(
        log.contains(&token) && log.contains("/srv/work"),
        "health check output: {log}"
    );
}
