//! A private Podman API service (rootful) on a socket in a temp dir laid out like a
//! rootless runtime dir (`<dir>/podman/podman.sock`), so `XDG_RUNTIME_DIR=<dir>` makes
//! docktor's `--podman` and its auto-detection find it. Containers made through
//! [`PodmanService::run`] are removed on drop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::{have, run_ok};

/// `podman` installed, and root.
pub fn available() -> Result<(), String> {
    super::netns_ready()?;
    if !have("podman") {
        return Err("`podman` is not installed".into());
    }
    Ok(())
}

pub struct PodmanService {
    dir: tempfile::TempDir,
    child: Child,
    containers: Vec<String>,
}

impl PodmanService {
    pub fn start() -> PodmanService {
        let dir = tempfile::Builder::new()
            .prefix("dkt-podman-")
            .tempdir()
            .expect("temp dir");
        std::fs::create_dir_all(dir.path().join("podman")).expect("podman dir");
        let sock = dir.path().join("podman/podman.sock");
        let child = Command::new("podman")
            .args(["system", "service", "--time=0"])
            .arg(format!("unix://{}", sock.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("service.log")).expect("log"))
            .spawn()
            .expect("start podman system service");
        let mut service = PodmanService {
            dir,
            child,
            containers: Vec::new(),
        };
        let up = crate::common::wait_until(Duration::from_secs(20), || super::ping(&sock));
        if !up {
            let log = std::fs::read_to_string(service.dir.path().join("service.log"));
            service.stop();
            panic!(
                "podman service did not answer on {}: {log:?}",
                sock.display()
            );
        }
        service
    }

    /// The directory to use as `XDG_RUNTIME_DIR`.
    pub fn runtime_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("podman/podman.sock")
    }

    /// Copies `image` from the main docker daemon into Podman's storage; returns the name
    /// Podman knows it by (`localhost/<image>` when it has no registry part).
    pub fn load_image(&self, image: &str) -> String {
        let cli = crate::common::docker_cli_path();
        let mut save = Command::new(&cli)
            .args(["save", image])
            .stdout(Stdio::piped())
            .spawn()
            .expect("docker save");
        let stdout = save.stdout.take().expect("docker save output");
        let load = Command::new("podman")
            .args(["load", "-q"])
            .stdin(stdout)
            .output()
            .expect("podman load");
        let saved = save.wait().expect("docker save");
        assert!(
            saved.success() && load.status.success(),
            "podman load of {image} failed: {}",
            String::from_utf8_lossy(&load.stderr)
        );
        format!("localhost/{image}")
    }

    /// `podman run -d --network none --name <name> <image> <cmd…>`, removed on drop.
    pub fn run(&mut self, name: &str, image: &str, cmd: &[&str]) -> String {
        self.run_with(name, &[], image, cmd)
    }

    /// [`PodmanService::run`] with `opts` (`--health-cmd …`) before the image.
    pub fn run_with(&mut self, name: &str, opts: &[&str], image: &str, cmd: &[&str]) -> String {
        let _ = Command::new("podman")
            .args(["rm", "-f", "-t", "0", name])
            .output();
        self.containers.push(name.to_string());
        run_ok(
            Command::new("podman")
                .args(["run", "-d", "--network", "none", "--name", name])
                .args(opts)
                .arg(image)
                .args(cmd),
        )
    }

    fn stop(&mut self) {
        for name in self.containers.drain(..) {
            let _ = Command::new("podman")
                .args(["rm", "-f", "-t", "0", &name])
                .output();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PodmanService {
    fn drop(&mut self) {
        self.stop();
    }
}
