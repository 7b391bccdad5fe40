//! A private `sshd` for ssh:// tests: in a network namespace of its own, listening on
//! 127.0.0.1:2222 there, letting root in with a generated key only. The client side is a
//! `ssh` wrapper on PATH that adds `-F <our config>` (ssh reads `~/.ssh/config` from the
//! passwd entry, not `$HOME`, so a config cannot be slipped in otherwise).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::{Netns, have, run_ok};

pub const PORT: u16 = 2222;

/// `sshd` and `ssh-keygen` / `ssh` installed.
pub fn available() -> Result<(), String> {
    super::netns_ready()?;
    match ["/usr/sbin/sshd", "ssh", "ssh-keygen"]
        .into_iter()
        .find(|p| !have(p))
    {
        Some(p) => Err(format!(
            "`{p}` is not installed (openssh-server / openssh-client)"
        )),
        None => Ok(()),
    }
}

pub struct Sshd {
    netns: Netns,
    dir: tempfile::TempDir,
    child: Child,
}

impl Sshd {
    pub fn start(name: &str) -> Sshd {
        let dir = tempfile::Builder::new()
            .prefix("dkt-sshd-")
            .tempdir()
            .expect("temp dir");
        let d = &dir.path().to_path_buf();
        let p = |f: &str| d.join(f).display().to_string();
        for key in ["host_key", "client_key"] {
            run_ok(Command::new("ssh-keygen").args([
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-f",
                &p(key),
            ]));
        }
        std::fs::copy(d.join("client_key.pub"), d.join("authorized_keys"))
            .expect("authorized_keys");
        let config = format!(
            "Port {PORT}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
             PermitRootLogin prohibit-password\nPasswordAuthentication no\n\
             KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n",
            p("host_key"),
            p("sshd.pid"),
            p("authorized_keys")
        );
        std::fs::write(d.join("sshd_config"), config).expect("sshd_config");
        let client = format!(
            "Host *\n  IdentityFile {}\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  \
             UserKnownHostsFile /dev/null\n  LogLevel ERROR\n",
            p("client_key")
        );
        std::fs::write(d.join("ssh_config"), client).expect("ssh_config");
        std::fs::create_dir_all(d.join("bin")).expect("bin dir");
        let wrapper = format!(
            "#!/bin/sh\nexec {} -F {} \"$@\"\n",
            real_ssh().display(),
            p("ssh_config")
        );
        std::fs::write(d.join("bin/ssh"), wrapper).expect("ssh wrapper");
        run_ok(Command::new("chmod").args(["755", &p("bin/ssh")]));
        // sshd insists on its privilege separation directory.
        let _ = std::fs::create_dir_all("/run/sshd");

        let netns = Netns::new(name);
        let child = netns
            .command("/usr/sbin/sshd")
            .args(["-D", "-e", "-f", &p("sshd_config")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("sshd.log")).expect("sshd log"))
            .spawn()
            .expect("start sshd");
        let sshd = Sshd { netns, dir, child };
        let up = crate::common::wait_until(Duration::from_secs(10), || {
            sshd.netns
                .command(real_ssh())
                .args([
                    "-F",
                    &p("ssh_config"),
                    "-p",
                    &PORT.to_string(),
                    "root@127.0.0.1",
                    "true",
                ])
                .stdin(Stdio::null())
                .output()
                .is_ok_and(|o| o.status.success())
        });
        let log = std::fs::read_to_string(d.join("sshd.log")).unwrap_or_default();
        assert!(up, "private sshd did not let us in:\n{log}");
        sshd
    }

    pub fn netns(&self) -> &Netns {
        &self.netns
    }

    /// A PATH with the `ssh` wrapper first.
    pub fn path_env(&self) -> String {
        let rest = std::env::var("PATH").unwrap_or_default();
        format!("{}:{rest}", self.dir.path().join("bin").display())
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn real_ssh() -> PathBuf {
    ["/usr/bin/ssh", "/bin/ssh"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("ssh"))
}
