//! What every surface test needs: docktor's `Engine` on an engine of the kit (or a private
//! daemon) with its API version, the docker CLI aimed at the same daemon, a tiny busybox image
//! and containers that are removed when the test ends, however it ends.

use std::path::Path;
use std::process::{Command, Output};

use docktor::engine::Engine;
use docktor::engine::host::{Scheme, Source, Target};

use crate::common;
use crate::common::kit::KitEngine;

/// An engine to test against: one of the kit's, or a private daemon.
pub struct Kit {
    pub engine: Engine,
    /// The API version requests are sent as.
    pub api: (u32, u32),
    pub cli: Cli,
    /// Names everything this test creates: `dkt-surfaces-<test>-<pid>`.
    pub prefix: String,
}

impl Kit {
    /// An engine of the test kit (`common::kit::for_each_engine`); what it creates is named
    /// `dkt-surfaces-<test>-<engine>-<pid>`.
    pub async fn on(e: &KitEngine, test: &str) -> Kit {
        Kit::at_socket(&e.socket, &format!("{test}-{}", e.name)).await
    }

    /// A daemon at a unix socket (a `PrivateDaemon`, an engine of the kit).
    pub async fn at_socket(socket: &Path, test: &str) -> Kit {
        let target = Target {
            uri: format!("unix://{}", socket.display()),
            scheme: Scheme::Unix {
                path: socket.to_path_buf(),
            },
            source: Source::Flag,
        };
        let engine = Engine::connect(&target)
            .await
            .unwrap_or_else(|e| panic!("connect to {}: {e}", target.uri));
        let host = target.uri.clone();
        Kit::new(engine, Cli { host: Some(host) }, test)
    }

    fn new(engine: Engine, cli: Cli, test: &str) -> Kit {
        Kit {
            api: engine.api_version(),
            engine,
            cli,
            prefix: format!("dkt-surfaces-{test}-{}", std::process::id()),
        }
    }

    /// The test image, tagged for this test alone (untagged again on drop).
    pub fn image(&self) -> TestImage {
        TestImage::build(&self.cli, &format!("{}:1", self.prefix))
    }

    /// `docker run -d --name <prefix>-<suffix> ARGS…`, removed on drop.
    pub fn run(&self, suffix: &str, args: &[&str]) -> Ctr {
        let name = format!("{}-{suffix}", self.prefix);
        let c = Ctr {
            cli: self.cli.clone(),
            name: name.clone(),
        };
        let mut all = vec!["run", "-d", "--name", &name];
        all.extend_from_slice(args);
        self.cli.ok(&all);
        c
    }

    /// `docker create --name <prefix>-<suffix> ARGS…`, removed on drop.
    pub fn create(&self, suffix: &str, args: &[&str]) -> Ctr {
        let name = format!("{}-{suffix}", self.prefix);
        let c = Ctr {
            cli: self.cli.clone(),
            name: name.clone(),
        };
        let mut all = vec!["create", "--name", &name];
        all.extend_from_slice(args);
        self.cli.ok(&all);
        c
    }
}

/// The docker CLI against the kit's daemon.
#[derive(Clone)]
pub struct Cli {
    host: Option<String>,
}

impl Cli {
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(common::docker_cli_path());
        if let Some(h) = &self.host {
            cmd.arg("--host").arg(h);
        }
        cmd.args(args)
            .env("DOCKER_BUILDKIT", "0")
            .output()
            .unwrap_or_else(|e| panic!("cannot run docker {args:?}: {e}"))
    }

    /// Runs and panics unless it succeeds; trimmed stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "docker {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// A BuildKit build (`/usr/bin/docker`, Debian's CLI, has BuildKit built in) of `dir`
    /// tagged `tag`, without network; panics unless it succeeds.
    pub fn buildkit_build(&self, tag: &str, dir: &Path) {
        let mut cmd = Command::new("/usr/bin/docker");
        if let Some(h) = &self.host {
            cmd.arg("--host").arg(h);
        }
        let out = cmd
            .args(["build", "-q", "--network=none", "-t", tag])
            .arg(dir)
            .env("DOCKER_BUILDKIT", "1")
            .output()
            .unwrap_or_else(|e| panic!("cannot run /usr/bin/docker build: {e}"));
        assert!(
            out.status.success(),
            "BuildKit build of {tag} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A container removed (with its anonymous volumes) on drop.
pub struct Ctr {
    cli: Cli,
    pub name: String,
}

impl Ctr {
    pub fn id(&self) -> String {
        self.cli.ok(&["inspect", "--format", "{{.Id}}", &self.name])
    }
}

impl Drop for Ctr {
    fn drop(&mut self) {
        let _ = self.cli.run(&["rm", "-f", "-v", &self.name]);
    }
}

/// The Dockerfile of the test image: busybox FROM scratch, users, an `/app` with a file
/// of mode 0640, a symlink, a folder owned by 1001 and a 256 KiB file.
const DOCKERFILE: &str = r#"FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /app/media /tmp /etc && chmod 1777 /tmp \
 && printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1001:1001::/app:/bin/sh\n' > /etc/passwd \
 && printf 'root:x:0:\napp:x:1001:\n' > /etc/group \
 && echo hello > /app/hello.txt && chmod 640 /app/hello.txt \
 && ln -s hello.txt /app/link && chown 1001:1001 /app/media \
 && dd if=/dev/zero of=/app/big bs=1024 count=256 2>/dev/null
ENV APP_ENV=test DB_HOST=db
WORKDIR /app
HEALTHCHECK --interval=30s --timeout=3s --retries=2 CMD ["true"]
LABEL dkt.surfaces=1
CMD ["sleep", "3600"]
"#;

/// The test image under a tag of its own; the tag is removed on drop (the image goes with
/// the last tag).
pub struct TestImage {
    cli: Cli,
    pub tag: String,
}

impl TestImage {
    fn build(cli: &Cli, tag: &str) -> TestImage {
        let busybox = std::env::var("DOCKTOR_BUSYBOX").unwrap_or_else(|_| "/bin/busybox".into());
        let ctx = tempfile::tempdir().expect("build context");
        // A label of its own right after FROM: no other build (the parallel tests build the
        // same file) shares this image's cache chain, so removing it never removes a parent
        // another build is using.
        let dockerfile = DOCKERFILE.replacen(
            "FROM scratch\n",
            &format!("FROM scratch\nLABEL docktor.test.image=\"{tag}\"\n"),
            1,
        );
        std::fs::write(ctx.path().join("Dockerfile"), dockerfile).expect("Dockerfile");
        std::fs::copy(&busybox, ctx.path().join("busybox"))
            .unwrap_or_else(|e| panic!("copy {busybox} (install busybox-static): {e}"));
        let dir = ctx.path().to_string_lossy().to_string();
        let img = TestImage {
            cli: cli.clone(),
            tag: tag.to_string(),
        };
        cli.ok(&["build", "-q", "-t", tag, &dir]);
        img
    }
}

impl Drop for TestImage {
    fn drop(&mut self) {
        let _ = self.cli.run(&["rmi", &self.tag]);
    }
}
