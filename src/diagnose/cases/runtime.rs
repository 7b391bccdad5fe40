//! Cases of the runtime rules: the guide's container (user app, `/app/start.sh` executable,
//! restart policy, memory and CPU limits, 3 Gunicorn workers on 1 CPU), and worse ones.

use std::sync::Arc;

use super::Case;
use crate::diagnose::{Facts, Part, Subject};
use crate::model::State;
use crate::model::archive::{FileKind, PathStat};
use crate::model::image_config::ImageConfig;
use crate::model::inspect::{
    ContainerConfig, ContainerDetails, ContainerState, HostConfig, RestartPolicy,
};
use crate::model::top::ProcessList;
use crate::profile::Profile;
use crate::runtime::{ContainerFacts, ProcessFacts, ScriptLookup};

fn v(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

pub(crate) fn details() -> ContainerDetails {
    ContainerDetails {
        id: "c0ffee".into(),
        name: "web".into(),
        image: "app:1".into(),
        image_id: "sha256:app".into(),
        created: None,
        restart_count: 0,
        platform: "linux".into(),
        config: ContainerConfig {
            user: "app".into(),
            working_dir: "/app".into(),
            entrypoint: v(&["/app/start.sh"]),
            exposed_ports: v(&["8000/tcp"]),
            image: "app:1".into(),
            ..ContainerConfig::default()
        },
        state: ContainerState {
            status: State::Running,
            running: true,
            paused: false,
            restarting: false,
            oom_killed: false,
            dead: false,
            pid: 42,
            exit_code: 0,
            error: String::new(),
            started_at: None,
            finished_at: None,
            health: None,
        },
        host_config: HostConfig {
            restart_policy: RestartPolicy {
                name: "unless-stopped".into(),
                max_retries: 0,
            },
            memory: Some(512 << 20),
            nano_cpus: Some(1_000_000_000),
            ..HostConfig::default()
        },
        mounts: vec![],
        networks: vec![],
        graph_driver: None,
    }
}

fn script(mode: u32) -> ScriptLookup {
    ScriptLookup::Found(PathStat {
        name: "start.sh".into(),
        size: 120,
        kind: FileKind::File,
        mode: FileKind::File.unix_bits() | mode,
        mtime: None,
        link_target: String::new(),
    })
}

fn gunicorn(workers: u32) -> ProcessList {
    let cmd = "/app/.venv/bin/python /app/.venv/bin/gunicorn app.wsgi --bind 0.0.0.0:8000";
    let mut rows = vec![(10, 1)];
    rows.extend((0..workers).map(|w| (11 + w, 10)));
    ProcessList {
        titles: v(&["UID", "PID", "PPID", "CMD"]),
        rows: rows
            .into_iter()
            .map(|(pid, ppid)| vec!["1001".into(), pid.to_string(), ppid.to_string(), cmd.into()])
            .collect(),
    }
}

/// The guide's container, edited.
pub(crate) fn facts(
    edit: impl FnOnce(&mut ContainerDetails, &mut ScriptLookup, &mut ProcessList),
) -> (Facts, Profile) {
    let mut d = details();
    let mut s = script(0o755);
    let mut p = gunicorn(3);
    edit(&mut d, &mut s, &mut p);
    let c = ContainerFacts {
        script: crate::runtime::entry::find(&d.config.entrypoint, &d.config.cmd, "/app")
            .map(|e| (e, s)),
        details: Some(d),
        image: ImageConfig {
            user: "app".into(),
            ..ImageConfig::default()
        },
        last_logs: Vec::new(),
    };
    let mut f = Facts::new(Subject::Container {
        id: "c0ffee".into(),
        name: "web".into(),
    });
    f.container = Part::Ready(Arc::new(c));
    f.processes = Part::Ready(Arc::new(ProcessFacts {
        list: p,
        host_cpus: Some(8),
    }));
    (f, Profile::default())
}

fn quiet() -> (Facts, Profile) {
    facts(|_, _, _| {})
}

#[rustfmt::skip]
pub static CASES: &[Case] = &[
    Case { id: "runtime.non-root-user", quiet, fires: || facts(|d, _, _| d.config.user = "0:0".into()) },
    Case { id: "runtime.start-script", quiet, fires: || facts(|_, s, _| *s = script(0o644)) },
    Case { id: "runtime.restart-policy", quiet, fires: || facts(|d, _, _| d.host_config.restart_policy.name = "no".into()) },
    Case { id: "runtime.memory-limit", quiet, fires: || facts(|d, _, _| d.host_config.memory = None) },
    Case { id: "runtime.gunicorn-workers", quiet, fires: || facts(|_, _, p| *p = gunicorn(9)) },
    Case { id: "runtime.exited", quiet, fires: || facts(|d, _, _| {
        d.state.running = false;
        d.state.status = State::Exited;
        d.state.exit_code = 1;
    }) },
];
