//! Inspect samples in the shapes of Docker 20.10 (API 1.41) and of current engines.

use std::time::{Duration, UNIX_EPOCH};

use super::*;

/// Trimmed from a Docker 20.10 inspect of a container with a health check, a memory limit,
/// a volume and a bind mount.
const CONTAINER_1_41: &str = r#"{
  "Id": "8c6beccdcc0b642cf84d43f97aff93f74d9f7f9a22743b72707a843a7f2f85f4",
  "Created": "2026-12-01T08:29:08.529234981Z",
  "Name": "/web",
  "Image": "sha256:3ffcb07cbeb83488df105ea1c225d0b6c222963902202f5c64c796ece7411a03",
  "RestartCount": 2,
  "Platform": "linux",
  "State": {"Status": "running", "Running": true, "Paused": false, "Restarting": false,
    "OOMKilled": false, "Dead": false, "Pid": 3924, "ExitCode": 0, "Error": "",
    "StartedAt": "2026-12-01T08:29:08.824042037Z", "FinishedAt": "0001-01-01T00:00:00Z",
    "Health": {"Status": "unhealthy", "FailingStreak": 4, "Log": [
      {"Start": "2026-12-01T08:43:07.633255726Z", "End": "2026-12-01T08:43:07.682777458Z",
       "ExitCode": 1, "Output": "wget: can't connect to remote host: Connection refused\n"},
      {"Start": "2026-12-01T09:43:09.686620326+01:00", "End": "2026-12-01T09:43:11.686620326+01:00",
       "ExitCode": -1, "Output": "Health check exceeded timeout (2s)"}]}},
  "Config": {"Hostname": "8c6beccdcc0b", "User": "app", "ExposedPorts": {"8000/tcp": {}},
    "Tty": false,
    "Env": ["LOG_LEVEL=info", "DATABASE_URL=postgres://u:p@db/app?sslmode=disable", "EMPTY="],
    "Cmd": ["gunicorn", "app.wsgi"],
    "Healthcheck": {"Test": ["CMD-SHELL", "wget -q -O- http://127.0.0.1:8000/health/ || exit 1"],
      "Interval": 2000000000, "Timeout": 2000000000, "Retries": 3},
    "Image": "web:1.2", "Volumes": null, "WorkingDir": "/app", "Entrypoint": null,
    "OnBuild": null, "Labels": {"com.example": "1"}},
  "HostConfig": {"Binds": ["/srv/media:/app/media:ro"], "NetworkMode": "default",
    "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 5}, "Memory": 67108864,
    "NanoCpus": 0, "CpuQuota": 150000, "CpuPeriod": 100000, "ReadonlyRootfs": false},
  "Mounts": [
    {"Type": "bind", "Source": "/srv/media", "Destination": "/app/media", "Mode": "ro",
     "RW": false, "Propagation": "rprivate"},
    {"Type": "volume", "Name": "pgdata", "Source": "/var/lib/docker/volumes/pgdata/_data",
     "Destination": "/app/data", "Driver": "local", "Mode": "z", "RW": true, "Propagation": ""}],
  "GraphDriver": {"Name": "overlay2", "Data": {"LowerDir": "/var/lib/docker/overlay2/a-init/diff:/var/lib/docker/overlay2/b/diff",
    "MergedDir": "/var/lib/docker/overlay2/a/merged", "UpperDir": "/var/lib/docker/overlay2/a/diff",
    "WorkDir": "/var/lib/docker/overlay2/a/work"}},
  "NetworkSettings": {"Networks": {"bridge": {"IPAMConfig": null, "Links": null, "Aliases": null,
    "NetworkID": "24376c1e99ea", "Gateway": "172.17.0.1", "IPAddress": "172.17.0.2"},
    "backend": {"Aliases": ["web", "8c6beccdcc0b"], "NetworkID": "9f1e", "Gateway": "172.20.0.1",
    "IPAddress": "172.20.0.3"}}}
}"#;

/// A current engine: `StartInterval` and `StartPeriod` set, a string `Entrypoint` as
/// Podman sends it, no health state, unknown fields and mount types.
const CONTAINER_NEW: &str = r#"{
  "Id": "abc", "Name": "/worker", "Image": "sha256:1", "Created": "2026-01-02T03:04:05Z",
  "State": {"Status": "exited", "Running": false, "OOMKilled": true, "ExitCode": 137,
    "Error": "", "StartedAt": "2026-01-02T03:04:06Z", "FinishedAt": "2026-01-02T03:05:06.5Z"},
  "Config": {"User": "", "Env": null, "Cmd": null, "Entrypoint": "/start.sh",
    "Healthcheck": {"Test": ["CMD", "python", "-c", "ok"], "Interval": 0,
      "StartPeriod": 30000000000, "StartInterval": 1000000000, "Retries": 0},
    "Image": "worker", "SomethingNew": {"x": 1}},
  "HostConfig": {"NetworkMode": "container:8c6beccdcc0b", "RestartPolicy": {"Name": ""},
    "Memory": 0, "NanoCpus": 1500000000},
  "Mounts": [{"Type": "image", "Source": "", "Destination": "/models", "RW": false}],
  "NetworkSettings": {"Networks": {}},
  "ImageManifestDescriptor": {"mediaType": "x"}
}"#;

#[test]
fn a_1_41_inspect_parses_whole() {
    let d = parse_container(CONTAINER_1_41.as_bytes()).unwrap();
    assert_eq!(d.name, "web");
    assert_eq!(d.image, "web:1.2");
    assert!(d.image_id.starts_with("sha256:3ffc"));
    assert_eq!(d.restart_count, 2);
    assert_eq!(d.platform, "linux");
    let env: Vec<(&str, &str)> = d
        .config
        .env
        .iter()
        .map(|e| (e.key.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(
        env,
        vec![
            ("LOG_LEVEL", "info"),
            ("DATABASE_URL", "postgres://u:p@db/app?sslmode=disable"),
            ("EMPTY", "")
        ]
    );
    assert_eq!(d.config.user, "app");
    assert_eq!(d.config.working_dir, "/app");
    assert_eq!(d.config.cmd, vec!["gunicorn", "app.wsgi"]);
    assert!(d.config.entrypoint.is_empty());
    assert_eq!(d.config.exposed_ports, vec!["8000/tcp"]);
    let hc = d.config.healthcheck.as_ref().unwrap();
    assert_eq!(hc.interval, Some(Duration::from_secs(2)));
    assert_eq!(hc.timeout, Some(Duration::from_secs(2)));
    assert_eq!(hc.retries, Some(3));
    assert_eq!(hc.start_period, None);

    let s = &d.state;
    assert_eq!(s.status, State::Running);
    assert!(s.running && !s.oom_killed);
    assert_eq!(s.finished_at, None, "the zero time is 'never'");
    let started = s.started_at.unwrap().duration_since(UNIX_EPOCH).unwrap();
    assert_eq!(started.subsec_nanos(), 824_042_037);
    let h = s.health.as_ref().unwrap();
    assert_eq!(h.status, Health::Unhealthy);
    assert_eq!(h.failing_streak, 4);
    assert_eq!(h.log.len(), 2);
    assert_eq!(h.log[0].exit_code, 1);
    assert!(h.log[0].output.contains("Connection refused"));
    assert_eq!(h.log[1].duration(), Some(Duration::from_secs(2)));
    assert_eq!(h.log[1].exit_code, -1);

    let hc = &d.host_config;
    assert_eq!(hc.restart_policy.name, "on-failure");
    assert_eq!(hc.restart_policy.max_retries, 5);
    assert_eq!(hc.memory, Some(64 << 20));
    assert_eq!(hc.nano_cpus, None);
    assert_eq!(hc.cpu_limit(), Some(1.5));
    assert_eq!(hc.binds, vec!["/srv/media:/app/media:ro"]);

    assert_eq!(d.mounts.len(), 2);
    assert_eq!(d.mounts[0].kind, "bind");
    assert!(!d.mounts[0].rw);
    assert_eq!(d.mounts[1].volume.as_deref(), Some("pgdata"));
    assert_eq!(
        d.mount_for("/app/media/x.png").map(|m| m.source.as_str()),
        Some("/srv/media")
    );
    assert!(d.mount_for("/app/mediafile").is_none());

    let backend = d.networks.iter().find(|n| n.name == "backend").unwrap();
    assert_eq!(backend.ip, "172.20.0.3");
    assert_eq!(backend.aliases, vec!["web", "8c6beccdcc0b"]);
    assert_eq!(backend.network_id, "9f1e");
    let g = d.graph_driver.as_ref().unwrap();
    assert_eq!(g.name, "overlay2");
    assert_eq!(g.data["UpperDir"], "/var/lib/docker/overlay2/a/diff");
}

#[test]
fn a_newer_or_odd_inspect_parses_too() {
    let d = parse_container(CONTAINER_NEW.as_bytes()).unwrap();
    assert_eq!(d.state.status, State::Exited);
    assert!(d.state.oom_killed);
    assert_eq!(d.state.exit_code, 137);
    assert!(d.state.health.is_none());
    assert_eq!(d.config.entrypoint, vec!["/start.sh"]);
    assert!(d.config.env.is_empty() && d.config.cmd.is_empty());
    let hc = d.config.healthcheck.as_ref().unwrap();
    assert_eq!(hc.interval, None, "0 means the daemon's default");
    assert_eq!(hc.retries, None);
    assert_eq!(hc.start_period, Some(Duration::from_secs(30)));
    assert_eq!(hc.start_interval, Some(Duration::from_secs(1)));
    assert_eq!(d.host_config.network_mode, "container:8c6beccdcc0b");
    assert_eq!(d.host_config.cpu_limit(), Some(1.5));
    assert_eq!(d.host_config.memory, None);
    assert_eq!(d.mounts[0].kind, "image");
    assert!(d.networks.is_empty());
    assert!(d.graph_driver.is_none());
}

#[test]
fn image_config_parses() {
    let body = r#"{"Id": "sha256:9", "RepoTags": ["web:1.2"], "Os": "linux",
      "Architecture": "amd64", "Size": 4010000,
      "Config": {"User": "1001:1001", "Env": ["PATH=/bin", "UV_COMPILE_BYTECODE=1"],
        "Cmd": ["/app/start.sh"], "WorkingDir": "/app",
        "Healthcheck": {"Test": ["CMD-SHELL", "curl -f http://localhost:8000/health/"],
          "Interval": 30000000000},
        "Labels": null, "ExposedPorts": {"8000/tcp": {}}},
      "ContainerConfig": {"User": "root"}}"#;
    let i = parse_image(body.as_bytes()).unwrap();
    assert_eq!(i.user, "1001:1001");
    assert_eq!(i.env[1].key, "UV_COMPILE_BYTECODE");
    assert_eq!(i.cmd, vec!["/app/start.sh"]);
    assert_eq!(i.working_dir, "/app");
    assert_eq!(
        i.healthcheck.unwrap().interval,
        Some(Duration::from_secs(30))
    );
    assert!(i.labels.is_empty());
    assert_eq!(i.tags, vec!["web:1.2"]);
    assert_eq!(i.size, 4_010_000);
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert!(parse_container(b"not json").is_err());
    assert!(parse_container(b"{}").is_ok());
}
