//! A private image registry for tests: Debian's `docker-registry` (distribution 2.8) on
//! loopback at a free port, in the network namespace of the engine that must reach it (the
//! host's for the shared daemon, the kit's current engine's own otherwise), its storage in
//! a temp dir; stopped on drop. Also a listener that accepts and never answers (a registry
//! that times out).
//!
//! Skips without `docker-registry` (tests/scripts/engines-up.sh installs it), unless
//! `DOCKTOR_REQUIRE_ENGINES=1`.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The registry's binary.
pub const BINARY: &str = "/usr/bin/docker-registry";

/// `docker-registry` is installed.
pub fn available() -> Result<(), String> {
    if std::path::Path::new(BINARY).is_file() {
        Ok(())
    } else {
        Err(format!(
            "{BINARY} is not installed (apt-get install docker-registry; tests/scripts/engines-up.sh)"
        ))
    }
}

/// `program` run in the network namespace of process `pid` (`None`: the host's).
pub fn in_netns(pid: Option<u32>, program: &str) -> Command {
    match pid {
        None => Command::new(program),
        Some(pid) => {
            let mut c = Command::new("nsenter");
            c.arg("-t").arg(pid.to_string()).arg("-n").arg(program);
            c
        }
    }
}

/// A free TCP port on the host's loopback (a fresh namespace has every port free).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub struct Registry {
    child: Option<Child>,
    dir: tempfile::TempDir,
    netns: Option<u32>,
    pub port: u16,
}

impl Registry {
    /// Starts a registry reachable at `127.0.0.1:<port>` from namespace `netns`; waits until
    /// `/v2/` answers (panics with its log after 20 s).
    pub fn start(netns: Option<u32>) -> Registry {
        let dir = tempfile::Builder::new()
            .prefix("dkt-buildcache-registry-")
            .tempdir()
            .expect("registry dir");
        let port = free_port();
        let config = dir.path().join("config.yml");
        std::fs::write(
            &config,
            format!(
                "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {}\nhttp:\n  addr: 127.0.0.1:{port}\n",
                dir.path().join("data").display()
            ),
        )
        .expect("registry config");
        let log = std::fs::File::create(dir.path().join("registry.log")).expect("registry log");
        let child = in_netns(netns, BINARY)
            .arg("serve")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start docker-registry");
        let r = Registry {
            child: Some(child),
            dir,
            netns,
            port,
        };
        let up = crate::common::wait_until(Duration::from_secs(20), || r.answers());
        if !up {
            panic!(
                "docker-registry did not answer on 127.0.0.1:{port}: {}",
                r.log()
            );
        }
        r
    }

    /// `127.0.0.1:<port>`, as image references name it.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("registry.log")).unwrap_or_default()
    }

    fn answers(&self) -> bool {
        in_netns(self.netns, "busybox")
            .args(["wget", "-q", "-O", "/dev/null"])
            .arg(format!("http://127.0.0.1:{}/v2/", self.port))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Stops the registry: connections to its port are refused from then on.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A TCP listener that accepts one connection and never answers: a registry that times out.
pub struct Silent {
    child: Child,
    pub port: u16,
}

impl Silent {
    pub fn start(netns: Option<u32>) -> Silent {
        let port = free_port();
        // stdin stays open and empty: nc sends nothing and keeps the connection.
        let child = in_netns(netns, "busybox")
            .args(["nc", "-l", "-p", &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("busybox nc -l");
        std::thread::sleep(Duration::from_millis(300));
        Silent { child, port }
    }
}

impl Drop for Silent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The PID of the kit's current engine's dockerd (its network namespace is the engine's).
pub fn current_engine_pid() -> Option<u32> {
    let run =
        std::env::var("DOCKTOR_TESTKIT_RUN").unwrap_or_else(|_| "/run/docktor-testkit".into());
    std::fs::read_to_string(PathBuf::from(run).join("docker28.pid"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
}
