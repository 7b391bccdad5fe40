//! A [`Source`] over the docker CLI (`docker inspect`, `docker cp NAME:PATH -`, which reads
//! the same archive endpoint docktor does), for the tests of the gatherer until they run
//! through docktor's own engine.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::process::{Child, Command, Stdio};

use docktor::files::gather::{Inspected, Source};
use docktor::files::{FilesError, RuntimeInput};

use super::{common, inspect, mounts, strings};

pub struct CliSource {
    pub name: String,
}

/// A `docker cp` child's stdout; the child is killed and reaped when dropped.
struct ChildReader {
    head: Cursor<Vec<u8>>,
    child: Child,
}

impl Read for ChildReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.head.read(buf)?;
        if n > 0 {
            return Ok(n);
        }
        match self.child.stdout.as_mut() {
            Some(out) => out.read(buf),
            None => Ok(0),
        }
    }
}

impl Drop for ChildReader {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Source for CliSource {
    fn inspect(&self) -> Result<Inspected, FilesError> {
        let out = common::docker_cli(&["inspect", &self.name]);
        if !out.status.success() {
            return Err(FilesError::Gone {
                target: self.name.clone(),
                detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        let i = inspect(&self.name);
        let driver = i["GraphDriver"]["Name"].as_str().map(|n| {
            let data: HashMap<String, String> = i["GraphDriver"]["Data"]
                .as_object()
                .map(|o| {
                    o.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default();
            (n.to_string(), data)
        });
        Ok(Inspected {
            name: self.name.clone(),
            input: RuntimeInput {
                user: i["Config"]["User"].as_str().unwrap_or_default().to_string(),
                group_add: strings(&i["HostConfig"]["GroupAdd"]),
                env: strings(&i["Config"]["Env"]),
                entrypoint: strings(&i["Config"]["Entrypoint"]),
                cmd: strings(&i["Config"]["Cmd"]),
                read_only_rootfs: i["HostConfig"]["ReadonlyRootfs"].as_bool().unwrap_or(false),
                cap_drop: strings(&i["HostConfig"]["CapDrop"]),
                mounts: mounts(&i),
                ..RuntimeInput::default()
            },
            driver,
            local_refused: None,
        })
    }

    fn archive(&self, path: &str) -> Result<Box<dyn Read + Send>, FilesError> {
        let mut child = Command::new(common::docker_cli_path())
            .args(["cp", &format!("{}:{path}", self.name), "-"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| FilesError::Stream {
                entries: 0,
                detail: e.to_string(),
            })?;
        let mut head = vec![0u8; 512];
        let mut got = 0;
        if let Some(out) = child.stdout.as_mut() {
            while got < head.len() {
                match out.read(&mut head[got..]) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(e) => {
                        return Err(FilesError::Stream {
                            entries: 0,
                            detail: e.to_string(),
                        });
                    }
                }
            }
        }
        head.truncate(got);
        if got == 0 {
            let mut err = String::new();
            if let Some(e) = child.stderr.as_mut() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.wait();
            if err.contains("Could not find the file") || err.contains("no such file") {
                return Err(FilesError::NoSuchPath {
                    target: self.name.clone(),
                    path: path.into(),
                });
            }
            return Err(FilesError::Gone {
                target: self.name.clone(),
                detail: err.trim().to_string(),
            });
        }
        Ok(Box::new(ChildReader {
            head: Cursor::new(head),
            child,
        }))
    }
}
