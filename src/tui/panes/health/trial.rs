//! "Probe now" and the HTTP probe, as a job (`health-probe`): the container's own check run
//! once through exec exactly as the daemon runs it, or the profile's endpoint fetched from
//! inside (curl, wget or python) or from the host. What came back, worded for the tab:
//! always saying that Docker's own health state is not changed by it.

use std::time::{Duration, Instant};

use crate::engine::EngineError;
use crate::health::http_host;
use crate::health::output;
use crate::health::probe_now::{self, HttpPlan, HttpResult, NOT_DOCKERS, parse_http};
use crate::health::time::{nanos_in, span};
use crate::model::exec::{ExecOutput, ExecSpec};
use crate::tui::jobs::{BoxFuture, Job, JobCtx, JobKey};

pub fn key(id: &str) -> JobKey {
    JobKey::new("health-probe", id)
}

/// What to try.
pub enum Ask {
    /// The container's own check.
    Check(probe_now::ExecSpec),
    /// The profile's endpoint (an `Impossible` plan never becomes a job).
    Http(HttpPlan),
}

pub struct Try {
    pub id: String,
    pub ask: Ask,
}

/// What a try found, for the output area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trial {
    pub title: String,
    /// Always [`NOT_DOCKERS`], and how it was run.
    pub note: String,
    pub passed: Option<bool>,
    pub lines: Vec<String>,
}

pub struct Tried(pub Trial);

impl Trial {
    /// The same try with its words masked by `m` (an HTTP body or a check's output may
    /// carry a secret value).
    pub fn masked(self, m: &crate::envcheck::Masker) -> Trial {
        Trial {
            title: m.text(&self.title),
            note: m.text(&self.note),
            passed: self.passed,
            lines: self.lines.iter().map(|l| m.text(l)).collect(),
        }
    }
}

fn spec(e: &probe_now::ExecSpec) -> ExecSpec {
    let mut s = ExecSpec::new(e.argv.clone()).timeout(e.timeout);
    if !e.user.is_empty() {
        s = s.user(e.user.clone());
    }
    if !e.working_dir.is_empty() {
        s = s.working_dir(e.working_dir.clone());
    }
    s.env = e.env.clone();
    s
}

fn took(d: Duration) -> String {
    span(nanos_in(d))
}

fn exec_failed(e: &EngineError) -> String {
    match e {
        EngineError::ExecutableNotFound {
            executable,
            message,
            ..
        } => format!("{executable} is not in the container ({message})"),
        EngineError::NotRunning { .. } => "the container is not running: start it first (s)".into(),
        other => other.to_string(),
    }
}

fn lines_of(out: &ExecOutput) -> Vec<String> {
    let mut all = out.stdout.bytes.clone();
    all.extend_from_slice(&out.stderr.bytes);
    output::lines(&output::from_bytes(&all))
        .into_iter()
        .map(str::to_string)
        .collect()
}

fn check_trial(r: Result<ExecOutput, EngineError>, timeout: Duration) -> Trial {
    let note =
        format!("{NOT_DOCKERS}; the container's own command, user, working dir and environment");
    let (title, passed, lines) = match r {
        Ok(out) if out.timed_out => (
            format!(
                "Probe now: no end within the check's timeout ({}): the daemon counts that as a failure (exit -1)",
                took(timeout)
            ),
            Some(false),
            lines_of(&out),
        ),
        Ok(out) => {
            let code = out.exit_code.map_or("?".into(), |c| c.to_string());
            let verdict = if out.exit_code == Some(0) {
                "passes"
            } else {
                "fails"
            };
            (
                format!(
                    "Probe now: {verdict}, exit {code} after {}",
                    took(out.duration)
                ),
                Some(out.exit_code == Some(0)),
                lines_of(&out),
            )
        }
        Err(e) => (
            format!("Probe now: could not run: {}", exec_failed(&e)),
            Some(false),
            vec![],
        ),
    };
    Trial {
        title,
        note,
        passed,
        lines,
    }
}

fn http_trial(url: &str, via: &str, r: HttpResult, t: Duration) -> Trial {
    let passed = r.status.map(|s| (200..400).contains(&s));
    let title = match r.status {
        Some(s) => format!("HTTP probe: {s} from GET {url} in {}", took(t)),
        None => format!("HTTP probe: no answer from GET {url} after {}", took(t)),
    };
    let mut lines = r.error.into_iter().collect::<Vec<_>>();
    lines.extend(r.body);
    Trial {
        title,
        note: format!("{via}; {NOT_DOCKERS}"),
        passed: passed.or(Some(false)),
        lines,
    }
}

impl Job for Try {
    fn key(&self) -> JobKey {
        key(&self.id)
    }

    fn run(self: Box<Self>, ctx: JobCtx) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            let Some(engine) = ctx.engine_or(|e| {
                Tried(Trial {
                    title: format!("Probe now: {e}"),
                    note: NOT_DOCKERS.into(),
                    passed: None,
                    lines: vec![],
                })
            }) else {
                return;
            };
            let started = Instant::now();
            let trial = match self.ask {
                Ask::Check(e) => check_trial(engine.exec(&self.id, &spec(&e)).await, e.timeout),
                Ask::Http(HttpPlan::Inside { tool, exec, url }) => {
                    let via = format!("from inside the container, with {tool}");
                    match engine.exec(&self.id, &spec(&exec)).await {
                        Ok(out) => {
                            let mut r = parse_http(&out.stdout.text(), &out.stderr.text());
                            if let Some(c) = out.exit_code.filter(|c| *c != 0 && r.status.is_none())
                            {
                                r.body.push(format!("{tool} exited with {c}"));
                            }
                            http_trial(&url, &via, r, out.duration)
                        }
                        Err(e) => Trial {
                            title: format!("HTTP probe: could not run {tool}: {}", exec_failed(&e)),
                            note: format!("{via}; {NOT_DOCKERS}"),
                            passed: Some(false),
                            lines: vec![],
                        },
                    }
                }
                Ask::Http(HttpPlan::Host { url, why }) => {
                    let r = http_host::get(&url, probe_now::HTTP_TIMEOUT).await;
                    http_trial(&url, &why, r, started.elapsed())
                }
                Ask::Http(HttpPlan::Impossible { why }) => Trial {
                    title: format!("HTTP probe: {why}"),
                    note: NOT_DOCKERS.into(),
                    passed: None,
                    lines: vec![],
                },
            };
            ctx.report.send(Tried(trial));
        })
    }
}
