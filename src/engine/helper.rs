//! Short-lived helper containers: create (not started), start, wait with a timeout, logs,
//! remove. [`Helper`] removes its container when dropped, so a helper never outlives the
//! job that made it, even when that job fails or is cancelled.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures_util::StreamExt;
use http::StatusCode;
use serde_json::json;

use super::demux::{Channel, Demux};
use super::raw::{Query, Request, seg};
use super::{Engine, EngineError};
use crate::model::exec::{Captured, ExecOutput};
use crate::model::helper::{HELPER_LABEL, HelperSpec};

/// A helper container; removed (forced, with its anonymous volumes) when dropped.
pub struct Helper {
    engine: Engine,
    id: String,
    name: String,
    removed: bool,
}

fn unique_name() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "docktor-helper-{}-{}-{nanos:08x}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

impl Engine {
    /// Creates (does not start) a helper container from `spec`.
    pub async fn create_helper(&self, spec: &HelperSpec) -> Result<Helper, EngineError> {
        let name = spec.name.clone().unwrap_or_else(unique_name);
        let mut labels = spec.labels.clone();
        labels.insert(HELPER_LABEL.into(), "1".into());
        let mut body = json!({
            "Image": spec.image,
            "Labels": labels,
            "Env": spec.env,
            "Tty": false,
            "AttachStdout": true,
            "AttachStderr": true,
            "HostConfig": {},
        });
        let set = |b: &mut serde_json::Value, k: &str, v: serde_json::Value| {
            if let Some(o) = b.as_object_mut() {
                o.insert(k.to_string(), v);
            }
        };
        if let Some(u) = &spec.user {
            set(&mut body, "User", json!(u));
        }
        if let Some(ep) = &spec.entrypoint {
            // An empty list would mean "the image's"; `[""]` clears it, as `--entrypoint ""`.
            let ep = if ep.is_empty() {
                vec![String::new()]
            } else {
                ep.clone()
            };
            set(&mut body, "Entrypoint", json!(ep));
        }
        if let Some(cmd) = &spec.cmd {
            set(&mut body, "Cmd", json!(cmd));
        }
        if let Some(wd) = &spec.working_dir {
            set(&mut body, "WorkingDir", json!(wd));
        }
        if let Some(mode) = &spec.network_mode {
            set(&mut body, "HostConfig", json!({ "NetworkMode": mode }));
        }
        let doing = format!("create a helper container from {}", spec.image);
        let req = Request::post("/containers/create")
            .query(Query::new().push("name", &name))
            .json(&body);
        #[derive(serde::Deserialize)]
        struct Created {
            #[serde(rename = "Id")]
            id: String,
        }
        let created: Created = self.call_json(req, &doing).await?;
        Ok(Helper {
            engine: self.clone(),
            id: created.id,
            name,
            removed: false,
        })
    }
}

impl Helper {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub async fn start(&self) -> Result<(), EngineError> {
        let doing = format!("start helper container {}", self.name);
        let req = Request::post(format!("/containers/{}/start", seg(&self.id)));
        let resp = self.engine.send(req, &doing).await?;
        if resp.status.is_success() || resp.status == StatusCode::NOT_MODIFIED {
            return Ok(());
        }
        Err(resp.into_error().await)
    }

    /// Waits until it stops; its exit code. `Timeout` after `timeout` (it keeps running
    /// until removed).
    pub async fn wait(&self, timeout: Duration) -> Result<i64, EngineError> {
        let doing = format!("wait for helper container {}", self.name);
        #[derive(serde::Deserialize)]
        struct Waited {
            #[serde(rename = "StatusCode")]
            status_code: i64,
        }
        let req = Request::post(format!("/containers/{}/wait", seg(&self.id)))
            .query(Query::new().push("condition", "not-running"))
            .timeout(timeout);
        let wait = async { self.engine.call_json::<Waited>(req, &doing).await };
        match tokio::time::timeout(timeout, wait).await {
            Ok(r) => r.map(|w| w.status_code),
            Err(_) => Err(EngineError::Timeout {
                doing,
                after: timeout,
            }),
        }
    }

    /// What it wrote so far, stdout and stderr apart, each bounded by `limit` bytes.
    pub async fn logs(&self, limit: usize) -> Result<(Captured, Captured), EngineError> {
        let doing = format!("read the output of helper container {}", self.name);
        let req = Request::get(format!("/containers/{}/logs", seg(&self.id)))
            .query(Query::new().push("stdout", "1").push("stderr", "1"));
        let mut chunks = self.engine.call(req, &doing).await?.chunks();
        let (mut out, mut err) = (Captured::default(), Captured::default());
        let mut demux = Demux::default();
        while let Some(chunk) = chunks.next().await {
            for (ch, data) in demux.push(&chunk?) {
                match ch {
                    Channel::Stderr => err.push(&data, limit),
                    _ => out.push(&data, limit),
                }
            }
        }
        Ok((out, err))
    }

    /// Start, wait at most `timeout`, then collect the output: the helper as one command.
    pub async fn run(&self, timeout: Duration, limit: usize) -> Result<ExecOutput, EngineError> {
        let started = Instant::now();
        self.start().await?;
        let (exit_code, timed_out) = match self.wait(timeout).await {
            Ok(code) => (Some(code), false),
            Err(EngineError::Timeout { .. }) => (None, true),
            Err(e) => return Err(e),
        };
        let duration = started.elapsed();
        let (stdout, stderr) = self.logs(limit).await?;
        Ok(ExecOutput {
            exit_code,
            timed_out,
            stdout,
            stderr,
            duration,
        })
    }

    /// Removes it now (forced, with its anonymous volumes) and says how that went.
    pub async fn remove(mut self) -> Result<(), EngineError> {
        self.removed = true;
        remove(&self.engine, &self.id, &self.name).await
    }
}

async fn remove(engine: &Engine, id: &str, name: &str) -> Result<(), EngineError> {
    let doing = format!("remove helper container {name}");
    let req = Request::delete(format!("/containers/{}", seg(id)))
        .query(Query::new().push("force", "1").push("v", "1"));
    let resp = engine.send(req, &doing).await?;
    if resp.status.is_success() || resp.status == StatusCode::NOT_FOUND {
        return Ok(());
    }
    Err(resp.into_error().await)
}

impl Drop for Helper {
    /// Removes the container on a thread of its own, so it happens even while the async
    /// runtime that made the helper is shutting down.
    fn drop(&mut self) {
        if self.removed {
            return;
        }
        let (engine, id, name) = (self.engine.clone(), self.id.clone(), self.name.clone());
        let _ = std::thread::Builder::new()
            .name("docktor-helper-rm".into())
            .spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    let _ = rt.block_on(remove(&engine, &id, &name));
                }
            });
    }
}
