//! Private engines for tests: a dockerd of our own in its own network namespace (start,
//! stop, start again, cleaned up on drop), plus the skip rules for the tools they need.
//!
//! Every extra dockerd runs in a network namespace of its own: started in the host's, it
//! would take over (or with `--bridge none`, delete) the host's `docker0` bridge. Its tcp
//! listeners are therefore reachable only inside the namespace: run clients with
//! [`Netns::command`]. Its unix socket ([`PrivateDaemon::socket`]) works from anywhere.
//!
//! Skips: without root, `ip`, `nsenter` or `dockerd` the tests print `skipped: …` and pass,
//! unless `DOCKTOR_REQUIRE_ENGINES=1` (set by `.ci/run`, which installs what they need via
//! `tests/scripts/engines-up.sh`), where they fail instead.

pub mod current;
pub mod podman;
pub mod sshd;
pub mod throwaway;
pub mod tls;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// True when `DOCKTOR_REQUIRE_ENGINES=1`: a missing tool fails the test instead of skipping.
pub fn require_engines() -> bool {
    std::env::var("DOCKTOR_REQUIRE_ENGINES").is_ok_and(|v| v.trim() == "1")
}

/// Whether `program` is on PATH (or is an existing path).
pub fn have(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Root and the namespace tools: what a [`PrivateDaemon`] needs.
pub fn netns_ready() -> Result<(), String> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let root = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        == Some("0");
    if !root {
        return Err("private daemons need root (network namespaces)".into());
    }
    match ["ip", "nsenter", "dockerd"].into_iter().find(|p| !have(p)) {
        Some(p) => Err(format!("`{p}` is not installed")),
        None => Ok(()),
    }
}

/// `Ok` → true. `Err(why)` → prints `skipped: {test}: {why}` and returns false, or panics
/// under `DOCKTOR_REQUIRE_ENGINES=1`.
pub fn ready(test: &str, check: Result<(), String>) -> bool {
    match check {
        Ok(()) => true,
        Err(why) if require_engines() => {
            panic!(
                "DOCKTOR_REQUIRE_ENGINES=1 but {test} cannot run: {why} (tests/scripts/engines-up.sh)"
            )
        }
        Err(why) => {
            crate::common::skip::skip(format!("{test}: {why}"));
            false
        }
    }
}

/// A network namespace with loopback up, deleted on drop.
pub struct Netns {
    name: String,
}

impl Netns {
    /// Creates `dkt-<name>-<pid>` (an old one of that name is replaced).
    pub fn new(name: &str) -> Netns {
        let name = format!("dkt-{name}-{}", std::process::id());
        let _ = Command::new("ip").args(["netns", "del", &name]).output();
        run_ok(Command::new("ip").args(["netns", "add", &name]));
        let ns = Netns { name };
        run_ok(ns.command("ip").args(["link", "set", "lo", "up"]));
        ns
    }

    pub fn path(&self) -> PathBuf {
        Path::new("/var/run/netns").join(&self.name)
    }

    /// `program` to run inside the namespace (nsenter execs it: same pid).
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new("nsenter");
        cmd.arg(format!("--net={}", self.path().display()))
            .arg(program);
        cmd
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["netns", "del", &self.name])
            .output();
    }
}

/// A dockerd of our own: unix socket in a temp dir, network namespace of its own.
pub struct PrivateDaemon {
    netns: Netns,
    dir: tempfile::TempDir,
    extra_args: Vec<String>,
    child: Option<Child>,
}

impl PrivateDaemon {
    /// Starts dockerd with `extra_args` (e.g. `["--host", "tcp://127.0.0.1:23750"]`) and
    /// waits until its socket answers. Panics when it does not come up (with its log).
    /// Check [`netns_ready`] first.
    pub fn start(name: &str, extra_args: &[&str]) -> PrivateDaemon {
        let dir = tempfile::Builder::new()
            .prefix(&format!("dkt-{name}-"))
            .tempdir()
            .expect("temp dir for a private dockerd");
        let mut daemon = PrivateDaemon {
            netns: Netns::new(name),
            dir,
            extra_args: extra_args.iter().map(|s| s.to_string()).collect(),
            child: None,
        };
        daemon.start_again();
        daemon
    }

    /// The daemon's unix socket (reachable from the host's namespace too).
    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("docker.sock")
    }

    /// `unix://` + [`Self::socket`].
    pub fn host(&self) -> String {
        format!("unix://{}", self.socket().display())
    }

    pub fn netns(&self) -> &Netns {
        &self.netns
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn is_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// Stops the daemon (SIGTERM, then SIGKILL after 20 s) and waits for it to exit.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let exited = crate::common::wait_until(Duration::from_secs(20), || {
            matches!(child.try_wait(), Ok(Some(_)))
        });
        // Its process group holds containerd and the shims.
        let signal = if exited { "-TERM" } else { "-KILL" };
        let _ = Command::new("kill")
            .args([signal, "--", &format!("-{pid}")])
            .output();
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Starts the daemon again (same data, same arguments) after [`Self::stop`], and waits
    /// until it answers. Does nothing while it runs.
    pub fn start_again(&mut self) {
        if self.is_running() {
            return;
        }
        let d = self.dir.path();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(d.join("dockerd.log"))
            .expect("dockerd log file");
        let err = log.try_clone().expect("dockerd log file");
        let mut cmd = self.netns.command("dockerd");
        cmd.arg("--host")
            .arg(format!("unix://{}", self.socket().display()))
            .args(&self.extra_args)
            .arg(format!("--data-root={}", d.join("root").display()))
            .arg(format!("--exec-root={}", d.join("exec").display()))
            .arg(format!("--pidfile={}", d.join("dockerd.pid").display()))
            .args(["--iptables=false", "--ip-masq=false", "--bridge=none"])
            .args(["--shutdown-timeout=2", "--log-level=warn"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .process_group(0);
        self.child = Some(cmd.spawn().expect("start dockerd"));
        let sock = self.socket();
        if !crate::common::wait_until(Duration::from_secs(30), || ping(&sock)) {
            let log = std::fs::read_to_string(d.join("dockerd.log")).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(15).collect();
            self.stop();
            panic!(
                "private dockerd did not answer on {}:\n{}",
                sock.display(),
                tail.join("\n")
            );
        }
    }

    /// The docker CLI against this daemon (its unix socket).
    pub fn docker(&self, args: &[&str]) -> Output {
        Command::new(crate::common::docker_cli_path())
            .arg("--host")
            .arg(self.host())
            .args(args)
            .env("DOCKER_BUILDKIT", "0")
            .output()
            .expect("run the docker CLI")
    }

    /// Copies `image` from the main daemon into this one (`docker save | docker load`).
    pub fn load_image(&self, image: &str) {
        let cli = crate::common::docker_cli_path();
        let mut save = Command::new(&cli)
            .args(["save", image])
            .stdout(Stdio::piped())
            .spawn()
            .expect("docker save");
        let stdout = save.stdout.take().expect("docker save output");
        let load = Command::new(&cli)
            .arg("--host")
            .arg(self.host())
            .args(["load", "-q"])
            .stdin(stdout)
            .output()
            .expect("docker load");
        let saved = save.wait().expect("docker save");
        assert!(
            saved.success() && load.status.success(),
            "copying {image} into the private daemon failed: {}",
            String::from_utf8_lossy(&load.stderr)
        );
    }
}

impl Drop for PrivateDaemon {
    fn drop(&mut self) {
        self.stop();
        // Mounts left under the data root (a daemon killed mid-way) would block removal.
        let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
        let dir = self.dir.path().display().to_string();
        let mut under: Vec<&str> = mounts
            .lines()
            .filter_map(|l| l.split_whitespace().nth(1))
            .filter(|m| m.starts_with(&dir))
            .collect();
        under.sort_by_key(|m| std::cmp::Reverse(m.len()));
        for m in under {
            let _ = Command::new("umount").args(["-l", m]).output();
        }
    }
}

/// `GET /_ping` on a unix socket answers `OK`.
pub fn ping(socket: &Path) -> bool {
    let Ok(mut s) = UnixStream::connect(socket) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /_ping HTTP/1.0\r\n\r\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.") && answer.trim_end().ends_with("OK")
}

/// Runs `cmd`, panics with its output unless it succeeds; returns trimmed stdout.
pub fn run_ok(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}): {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
