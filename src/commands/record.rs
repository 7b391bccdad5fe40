//! `docktor record`: every health probe of every container of one engine (or of each
//! `--context` given), into the history store, until Ctrl-C or SIGTERM. It says as it goes
//! what it follows, when an engine goes away and comes back, and what it could not store:
//! lines for people, or one JSON object per line (`--format json`; shape in the README).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::signal::unix::{SignalKind, signal};

use super::{EXIT_CANNOT_RUN, EXIT_OK, emit_line};
use crate::cli::{Cli, RecordArgs, TextFormat};
use crate::engine::host::{self, HostOptions, ProcessEnv, Target};
use crate::health::follow::{Follower, RETRY, Report};
use crate::health::store::{Retention, Store, path};
use crate::health::time::{datetime, host_now, nanos_in, rfc3339, span};

/// The engines to follow: one per `--context` when several are given, else the one the
/// flags and environment choose (as every command does).
fn targets(cli: &Cli) -> Result<Vec<Target>, String> {
    let exists = |p: &Path| p.exists();
    if cli.contexts.len() <= 1 {
        let t =
            host::resolve(&cli.host_options(), &ProcessEnv, &exists).map_err(|e| e.to_string())?;
        return Ok(vec![t]);
    }
    if cli.host.is_some() || cli.podman {
        return Err(
            "several --context and --host or --podman: give either contexts or one host".into(),
        );
    }
    let mut out: Vec<Target> = Vec::new();
    for c in &cli.contexts {
        let opts = HostOptions {
            context: Some(c.clone()),
            ..Default::default()
        };
        let t =
            host::resolve(&opts, &ProcessEnv, &exists).map_err(|e| format!("context {c}: {e}"))?;
        if !out.iter().any(|o| o.uri == t.uri) {
            out.push(t);
        }
    }
    Ok(out)
}

/// The store's path: `--store`, else the XDG state directory.
pub fn store_path(given: Option<&PathBuf>) -> Result<PathBuf, String> {
    given.cloned().or_else(path::default_from_env).ok_or_else(|| {
        "neither XDG_STATE_HOME nor HOME is set, so there is no default history store: give --store FILE".into()
    })
}

pub async fn run(cli: &Cli, args: &RecordArgs) -> Result<u8, String> {
    let targets = targets(cli)?;
    let path = store_path(args.store.as_ref())?;
    // Refuse a foreign, newer or unwritable file before following anything.
    Store::open(&path).map_err(|e| e.to_string())?;
    let keep = Retention {
        max_age: Duration::from_secs(u64::from(args.keep_days) * 86_400),
        max_probes: args.keep_probes,
    };
    let json = args.format == TextFormat::Json;
    let say = move |r: Report| {
        let line = if json {
            report_json(&r).to_string()
        } else {
            format!("{} {}", datetime(host_now()), report_text(&r))
        };
        // A closed stdout ends the recorder quietly (exit 141), as for any Unix tool.
        let _ = emit_line(&line);
    };
    let start = json!({
        "time": rfc3339(host_now()), "event": "started", "store": path.display().to_string(),
        "keep_days": args.keep_days, "keep_probes": args.keep_probes,
        "engines": targets.iter().map(|t| t.uri.clone()).collect::<Vec<_>>(),
    });
    emit_line(&if json {
        start.to_string()
    } else {
        format!(
            "{} recording health probes into {} (keeping {} days, {} probes per container); Ctrl-C stops",
            datetime(host_now()),
            path.display(),
            args.keep_days,
            args.keep_probes
        )
    })?;
    let written = Arc::new(AtomicU64::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for target in targets {
        let f = Follower {
            target,
            store: path.clone(),
            keep,
            verbose: args.verbose,
            written: written.clone(),
        };
        tasks.spawn(async move { f.run(say).await });
    }
    let mut int =
        signal(SignalKind::interrupt()).map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    let mut term =
        signal(SignalKind::terminate()).map_err(|e| format!("cannot catch SIGTERM: {e}"))?;
    let code = loop {
        tokio::select! {
            _ = int.recv() => break EXIT_OK,
            _ = term.recv() => break EXIT_OK,
            done = tasks.join_next() => match done {
                None => break EXIT_OK,
                Some(Ok(Ok(()))) => continue,
                Some(Ok(Err(e))) => {
                    super::note(&format!("docktor: {e}"));
                    break EXIT_CANNOT_RUN;
                }
                Some(Err(e)) => {
                    super::note(&format!("docktor: a follower failed: {e}"));
                    break EXIT_CANNOT_RUN;
                }
            },
        }
    };
    tasks.abort_all();
    let n = written.load(Ordering::Relaxed);
    let end = json!({"time": rfc3339(host_now()), "event": "stopped", "probes": n});
    emit_line(&if json {
        end.to_string()
    } else {
        format!("{} stopped: {n} probes recorded", datetime(host_now()))
    })?;
    Ok(code)
}

fn report_text(r: &Report) -> String {
    match r {
        Report::Following {
            engine,
            after,
            containers,
            checks,
            stored,
        } => {
            let what = format!(
                "{containers} containers, {checks} with a health check; {stored} probes the daemon {}held were stored",
                if after.is_some() { "still " } else { "" }
            );
            match after {
                None => format!("following {engine}: {what}"),
                Some(d) => format!(
                    "reconnected to {engine} after {}: {what}",
                    span(nanos_in(*d))
                ),
            }
        }
        Report::Lost { engine, reason } => format!(
            "lost {engine}: {}; retrying every {} s",
            reason.lines().next().unwrap_or_default(),
            RETRY.as_secs()
        ),
        Report::Probe {
            container, probe, ..
        } => format!(
            "{container}: probe at {} exit {} ({})",
            datetime(probe.start),
            probe.exit_code.map_or("?".into(), |c| c.to_string()),
            probe.source.as_str()
        ),
        Report::Trouble { engine, message } => format!("{engine}: {message}"),
    }
}

fn report_json(r: &Report) -> Value {
    let time = rfc3339(host_now());
    match r {
        Report::Following {
            engine,
            after,
            containers,
            checks,
            stored,
        } => json!({
            "time": time,
            "event": if after.is_some() { "reconnected" } else { "following" },
            "engine": engine, "after_s": after.map(|d| d.as_secs_f64()),
            "containers": containers, "checks": checks, "stored": stored,
        }),
        Report::Lost { engine, reason } => json!({
            "time": time, "event": "lost", "engine": engine, "reason": reason,
            "retry_s": RETRY.as_secs(),
        }),
        Report::Probe {
            engine,
            container,
            probe,
        } => json!({
            "time": time, "event": "probe", "engine": engine, "container": container,
            "start": rfc3339(probe.start), "exit_code": probe.exit_code, "source": probe.source,
        }),
        Report::Trouble { engine, message } => {
            json!({"time": time, "event": "trouble", "engine": engine, "message": message})
        }
    }
}
