//! Drop guards for what a test makes on the local daemon: containers and images are
//! removed when the guard goes, however the test ends (a failed assert included).
#![allow(dead_code)]

/// Containers removed (`docker rm -f`) on drop.
pub struct Gone(pub Vec<String>);

impl Gone {
    /// One container.
    pub fn one(name: impl Into<String>) -> Gone {
        Gone(vec![name.into()])
    }
}

impl Drop for Gone {
    fn drop(&mut self) {
        for n in &self.0 {
            let _ = super::docker_cli(&["rm", "-f", n]);
        }
    }
}

/// An image removed (`docker rmi -f`) on drop.
pub struct GoneImage(pub String);

impl Drop for GoneImage {
    fn drop(&mut self) {
        let _ = super::docker_cli(&["rmi", "-f", &self.0]);
    }
}

/// The base fixture image every end-to-end container runs.
pub const BASE: &str = "docktor-fixture/base:latest";

/// `docker run -d --name NAME --network none OPTS… BASE CMD…`, removed when the guard goes
/// (the guard is made first: a run that fails half-way is cleaned up too).
pub fn started(name: &str, opts: &[&str], cmd: &[&str]) -> Gone {
    let gone = Gone::one(name);
    let mut args = vec!["run", "-d", "--name", name, "--network", "none"];
    args.extend_from_slice(opts);
    args.push(BASE);
    args.extend_from_slice(cmd);
    super::docker_cli_ok(&args);
    gone
}
