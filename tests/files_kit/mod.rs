//! Helpers of the Files tests: the dfx-files-* fixtures (tests/scripts/fixtures-files.sh),
//! a container's tree through the archive stream and through the local overlay2 walk, its
//! runtime facts, and the files rules run over them.
#![allow(dead_code)]

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};

use docktor::diagnose::{Facts, Finding, Part, Subject, evaluate, findings};
use docktor::files::gather::ViaChoice;
use docktor::files::mounts::{Mount, MountKind};
use docktor::files::walk::{Control, read_tar};
use docktor::files::{Entry, Runtime, Tree, Walked};
use docktor::profile::Profile;

use super::common;

pub mod cli_source;
pub use cli_source::CliSource;

/// Brings the dfx-files-* containers up once per test process; false (after saying why)
/// when there is no daemon.
pub fn fixtures() -> bool {
    static OUTCOME: OnceLock<Result<(), String>> = OnceLock::new();
    common::once::script(
        &OUTCOME,
        "fixtures-files.sh",
        &["--quiet"],
        "files fixtures",
    )
}

/// `docker inspect NAME` as JSON.
pub fn inspect(name: &str) -> serde_json::Value {
    let out = common::docker_cli_ok(&["inspect", name]);
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("inspect {name}: {e}"));
    v[0].clone()
}

pub fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The container's mounts: `Mounts` plus `HostConfig.Tmpfs`.
pub fn mounts(i: &serde_json::Value) -> Vec<Mount> {
    let mut out: Vec<Mount> = i["Mounts"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|m| {
                    let kind = match m["Type"].as_str() {
                        Some("volume") => MountKind::Volume,
                        Some("bind") => MountKind::Bind,
                        Some("tmpfs") => MountKind::Tmpfs,
                        _ => MountKind::Other,
                    };
                    let host = m["Source"].as_str().unwrap_or_default().to_string();
                    Mount {
                        source: match kind {
                            MountKind::Volume => m["Name"].as_str().unwrap_or_default().to_string(),
                            _ => host.clone(),
                        },
                        kind,
                        destination: m["Destination"].as_str().unwrap_or_default().to_string(),
                        rw: m["RW"].as_bool().unwrap_or(true),
                        host_path: (!host.is_empty()).then_some(host),
                        tmpfs: None,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    // The engine bind-mounts these files of its own (archive reads show them too).
    for (key, dest) in [
        ("HostnamePath", "/etc/hostname"),
        ("HostsPath", "/etc/hosts"),
        ("ResolvConfPath", "/etc/resolv.conf"),
    ] {
        if let Some(host) = i[key]
            .as_str()
            .filter(|h| !h.is_empty() && std::path::Path::new(h).exists())
        {
            out.push(Mount {
                kind: MountKind::Bind,
                source: host.to_string(),
                destination: dest.into(),
                rw: !i["HostConfig"]["ReadonlyRootfs"].as_bool().unwrap_or(false),
                host_path: Some(host.to_string()),
                tmpfs: None,
            });
        }
    }
    if let Some(t) = i["HostConfig"]["Tmpfs"].as_object() {
        for (dest, opts) in t {
            out.push(Mount::tmpfs(dest, opts.as_str().unwrap_or_default()));
        }
    }
    out
}

/// The runtime facts of a container, gathered as docktor does (inspect, /etc/passwd, /etc/group).
pub fn runtime(name: &str) -> Runtime {
    prepared(name).runtime
}

/// The gatherer's first step on a container.
pub fn prepared(name: &str) -> docktor::files::gather::Prepared {
    docktor::files::gather::prepare(&CliSource { name: name.into() }, ViaChoice::Archive)
        .unwrap_or_else(|e| panic!("prepare {name}: {e}"))
}

/// Every entry of `path` in the container through the archive stream (`docker cp … -`, the
/// endpoint docktor reads), as `(entries, tree)`.
pub fn archive(name: &str, path: &str) -> (Vec<Entry>, Tree) {
    let mut child = Command::new(common::docker_cli_path())
        .args(["cp", &format!("{name}:{path}"), "-"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("docker cp: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut entries = Vec::new();
    let mut tree = Tree::new(path);
    read_tar(stdout, &Control::new(), &mut |e| {
        entries.push(e.clone());
        tree.insert(e);
    })
    .unwrap_or_else(|e| panic!("{name}:{path}: {e}"));
    assert!(
        child.wait().map(|s| s.success()).unwrap_or(false),
        "docker cp {name}:{path}"
    );
    (entries, tree)
}

/// The container's overlay2 layers (top first), or why the local walk cannot be used.
pub fn layers(name: &str) -> Result<Vec<std::path::PathBuf>, String> {
    let i = inspect(name);
    let driver = i["GraphDriver"]["Name"].as_str().unwrap_or_default();
    let data: HashMap<String, String> = i["GraphDriver"]["Data"]
        .as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    docktor::files::local::layers(driver, &data)
}

/// Every entry of `path` through the local walk.
pub fn local(
    name: &str,
    path: &str,
    layers: &[std::path::PathBuf],
) -> (Vec<Entry>, docktor::files::local::LocalWalk) {
    let mounts = mounts(&inspect(name));
    let mut entries = Vec::new();
    let walk = docktor::files::local::walk(layers, path, &mounts, &Control::new(), &mut |e| {
        entries.push(e)
    })
    .unwrap_or_else(|e| panic!("local walk of {name}:{path}: {e}"));
    (entries, walk)
}

/// The facts of a container's `path` gathered as docktor does, through `via`.
pub fn gathered(
    name: &str,
    path: &str,
    via: ViaChoice,
    profile: &Profile,
) -> (Facts, Arc<Runtime>, Arc<Walked>) {
    let src = CliSource { name: name.into() };
    let (runtime, walked) = docktor::files::gather::collect(
        &src,
        path,
        via,
        &profile.files.expect,
        &Control::new(),
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("gather {name}:{path}: {e}"));
    let (runtime, walked) = (Arc::new(runtime), Arc::new(walked));
    let mut f = Facts::new(Subject::Container {
        id: name.into(),
        name: name.into(),
    });
    f.runtime_user = Part::Ready(runtime.clone());
    f.app_files = Part::Ready(walked.clone());
    (f, runtime, walked)
}

/// The facts of a container's `path` read through the archive stream.
pub fn facts(name: &str, path: &str) -> (Facts, Arc<Runtime>, Arc<Walked>) {
    gathered(name, path, ViaChoice::Archive, &Profile::default())
}

/// The findings of every files.* rule on a container's /app.
pub fn file_findings(name: &str) -> Vec<Finding> {
    let (f, _, _) = facts(name, "/app");
    findings(&evaluate(&f, &Profile::default(), |r| {
        r.id.starts_with("files.")
    }))
}

/// The rule ids among `findings`, sorted, once each.
pub fn ids(findings: &[Finding]) -> Vec<&'static str> {
    let mut ids: Vec<&str> = findings.iter().map(|f| f.id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Sorted (path, kind, mode, owner, size, link, device) of every entry.
pub fn comparable(mut entries: Vec<docktor::files::Entry>) -> Vec<docktor::files::Entry> {
    for e in &mut entries {
        e.content = None;
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    entries
}

/// A daemon answers and the Files fixtures are up (else the test skips, or fails when
/// required).
pub async fn ready() -> bool {
    common::engine().await.is_some() && fixtures()
}
