//! Test fixture for host resolution: a fake home in a temp dir and fake sockets outside it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::*;

/// A fake home in a temp dir plus a fake set of sockets outside it.
pub(super) struct Fx {
    pub(super) dir: tempfile::TempDir,
    pub(super) env: HashMap<String, String>,
    pub(super) sockets: Vec<PathBuf>,
}

impl Fx {
    pub(super) fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let mut env = HashMap::new();
        env.insert("HOME".into(), dir.path().display().to_string());
        Fx {
            dir,
            env,
            sockets: vec![PathBuf::from(DEFAULT_SOCKET)],
        }
    }
    pub(super) fn set(&mut self, k: &str, v: &str) -> &mut Fx {
        self.env.insert(k.into(), v.into());
        self
    }
    pub(super) fn docker_dir(&self) -> PathBuf {
        self.dir.path().join(".docker")
    }
    pub(super) fn write(&self, path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    pub(super) fn meta_path(&self, name: &str) -> PathBuf {
        let id = context_id(name);
        self.docker_dir()
            .join("contexts/meta")
            .join(id)
            .join("meta.json")
    }
    pub(super) fn context(&self, name: &str, host: &str, skip: bool) {
        let meta = format!(
            r#"{{"Name":"{name}","Metadata":{{}},"Endpoints":{{"docker":{{"Host":"{host}","SkipTLSVerify":{skip}}}}}}}"#
        );
        self.write(&self.meta_path(name), &meta);
    }
    pub(super) fn tls_file(&self, name: &str, file: &str) -> PathBuf {
        let p = self
            .docker_dir()
            .join("contexts/tls")
            .join(context_id(name));
        let p = p.join("docker").join(file);
        self.write(&p, "pem");
        p
    }
    pub(super) fn current(&self, name: &str) {
        let cfg = format!(r#"{{"auths":{{}},"currentContext":"{name}"}}"#);
        self.write(&self.docker_dir().join("config.json"), &cfg);
    }
    pub(super) fn run(&self, opts: &HostOptions) -> Result<Target, HostError> {
        let root = self.dir.path().to_path_buf();
        let exists = |p: &Path| {
            if p.starts_with(&root) {
                p.exists()
            } else {
                self.sockets.iter().any(|s| s == p)
            }
        };
        resolve(opts, &self.env, &exists)
    }
    pub(super) fn ok(&self, opts: &HostOptions) -> Target {
        self.run(opts).unwrap()
    }
    pub(super) fn err(&self, opts: &HostOptions) -> String {
        self.run(opts).unwrap_err().to_string()
    }
}

pub(super) fn none() -> HostOptions {
    HostOptions::default()
}
pub(super) fn host(h: &str) -> HostOptions {
    HostOptions {
        host: Some(h.into()),
        ..none()
    }
}
pub(super) fn ctx(c: &str) -> HostOptions {
    HostOptions {
        context: Some(c.into()),
        ..none()
    }
}
pub(super) fn podman() -> HostOptions {
    HostOptions {
        podman: true,
        ..none()
    }
}
