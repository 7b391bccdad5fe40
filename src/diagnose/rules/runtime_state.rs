//! Is the app running at all? A container that exited, crash-loops, is paused or was never
//! started answers no health check; Docker still shows its last health state (a stopped
//! container reads "unhealthy" with no probe behind it), so this is said first, with what
//! the exit code and the daemon's state tell about why.

use super::runtime::{facts, not_a_service, pending};
use crate::diagnose::Severity;
use crate::diagnose::registry::Input;
use crate::diagnose::verdict::Verdict;
use crate::health::time::{datetime, nanos_of};
use crate::model::State;
use crate::model::inspect::ContainerDetails;

/// What an exit code usually means (128 + n: killed by signal n).
fn meaning(code: i64, oom: bool) -> String {
    match code {
        _ if oom => "the kernel killed it for lack of memory (OOMKilled)".into(),
        0 => "the main process ended by itself".into(),
        1 => "the app failed with an error of its own".into(),
        2 => "often a usage error: a bad argument, option or setting".into(),
        126 => "the command is not executable (permissions, or a script without its interpreter)"
            .into(),
        127 => "the command was not found (a missing binary, or a wrong PATH)".into(),
        137 => {
            "killed with SIGKILL (`docker kill`, a stop that timed out, or the OOM killer)".into()
        }
        139 => "it crashed with a segmentation fault (SIGSEGV)".into(),
        143 => "stopped with SIGTERM (`docker stop`)".into(),
        c if c > 128 && c < 160 => format!("killed by signal {}", c - 128),
        c => format!("the app exited with its own code {c}"),
    }
}

/// `--memory` when one is set.
fn memory(d: &ContainerDetails) -> String {
    d.host_config
        .memory
        .map(|m| {
            format!(
                " (memory limit {})",
                crate::layers::units::format_size(m.max(0) as u64)
            )
        })
        .unwrap_or_default()
}

pub fn exited(i: &Input) -> Verdict {
    let Some(f) = facts(i) else { return pending() };
    let Some(d) = &f.details else {
        return Verdict::NotApplicable(
            "an image does not run: check a container made from it".into(),
        );
    };
    let s = &d.state;
    let name = &d.name;
    let health = s
        .health
        .as_ref()
        .filter(|_| !s.running || s.paused)
        .map(|h| {
            format!(
                "; Docker still reports it {} (its last state, no probe runs now)",
                h.status.as_str()
            )
        })
        .unwrap_or_default();
    let restarts = match d.restart_count {
        0 => String::new(),
        n => format!(
            "; restarted {n} times (policy `{}`)",
            d.host_config.restart_policy.name
        ),
    };
    let logs = format!("Read its last log lines (the Logs tab, or `docker logs --tail 50 {name}`)");
    let said = said(&f.last_logs);
    if s.paused {
        return Verdict::Fail(vec![i.finding()
            .severity(Severity::Warn)
            .title("The container is paused: its processes are frozen")
            .evidence(format!("`docker pause` froze every process; nothing answers and probes time out{health}"))
            .fix(format!("`docker unpause {name}`; if nobody meant to pause it, look for what did (a backup job, `docker compose pause`)."))]);
    }
    if s.running && !s.restarting {
        let since = s
            .started_at
            .map(|t| format!("running since {}", datetime(nanos_of(t))))
            .unwrap_or_else(|| "running".into());
        if d.restart_count > 0 {
            // The restart policy brought it back after it stopped by itself: it runs now,
            // but it stopped before (Docker does not count daemon restarts or `docker restart`).
            return Verdict::Fail(vec![i.finding()
                .severity(Severity::Warn)
                .title(format!("It keeps stopping: Docker restarted it {} times", d.restart_count))
                .evidence(format!("{since}{restarts}; each restart followed an exit of the container's own{said}"))
                .fix(format!("{logs}: the lines before each restart say why it stopped (the Logs tab shows them with timestamps, `t`)."))]);
        }
        return Verdict::Pass(since);
    }
    let code = s.exit_code;
    let why = meaning(code, s.oom_killed);
    let error = if s.error.is_empty() {
        String::new()
    } else {
        format!("; the daemon said: {}", s.error)
    };
    let when = s
        .finished_at
        .map(|t| format!(" at {}", datetime(nanos_of(t))))
        .unwrap_or_default();
    if s.restarting || (s.status == State::Restarting) {
        return Verdict::Fail(vec![i.finding()
            .title(format!("The container crash-loops: it exited with code {code} and Docker is restarting it"))
            .evidence(format!("last exit{when}: {why}{error}{restarts}{health}{said}"))
            .fix(format!("{logs}: each restart ends the same way until the cause is fixed.{}", oom_fix(s.oom_killed, d)))]);
    }
    match s.status {
        State::Created => Verdict::Fail(vec![i.finding()
            .severity(Severity::Warn)
            .title("The container was created but never started")
            .evidence(format!("state `created`{error}"))
            .fix(format!("`docker start {name}`; if it fails at once, the error names what is missing (an image, a volume, a port already in use)."))]),
        State::Exited | State::Dead if code == 0 && not_a_service(f).is_some() => {
            Verdict::NotApplicable(format!("a one-off task that finished{when} with code 0 (no port, health check or Compose service)"))
        }
        State::Exited | State::Dead => Verdict::Fail(vec![i.finding()
            .title(format!("The container is not running: it exited with code {code}{when}"))
            .evidence(format!("{why}{error}{restarts}{health}{said}"))
            .fix(format!("{logs}, fix the cause, then `docker start {name}`.{}", oom_fix(s.oom_killed, d)))]),
        other => Verdict::Pass(format!("state {}", other.as_str())),
    }
}

/// How many of the last log lines a finding quotes.
const QUOTED: usize = 3;

/// `; its last lines: «…» «…»` — what it wrote before it stopped (a traceback's last line
/// names the error), each cut at 200 characters.
fn said(lines: &[String]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let from = lines.len().saturating_sub(QUOTED);
    let quoted: Vec<String> = lines[from..]
        .iter()
        .map(|l| {
            let l = l.trim();
            match l.char_indices().nth(200) {
                Some((at, _)) => format!("«{}…»", &l[..at]),
                None => format!("«{l}»"),
            }
        })
        .collect();
    format!("; its last lines: {}", quoted.join(" "))
}

fn oom_fix(oom: bool, d: &ContainerDetails) -> String {
    if oom {
        format!(
            " It ran out of memory{}: raise `--memory`, or lower what it uses (fewer Gunicorn workers).",
            memory(d)
        )
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::diagnose::cases::runtime::facts;
    use crate::diagnose::{Part, Verdict, evaluate};
    use crate::model::Health;
    use crate::model::State;
    use crate::model::inspect::{ContainerDetails, HealthState};

    /// The verdict of `runtime.exited` on the guide's container, edited.
    fn verdict(edit: impl FnOnce(&mut ContainerDetails), lines: &[&str]) -> Verdict {
        let (mut f, p) = facts(|d, _, _| edit(d));
        if let Part::Ready(c) = &mut f.container {
            Arc::make_mut(c).last_logs = lines.iter().map(|l| l.to_string()).collect();
        }
        let out = evaluate(&f, &p, |r| r.id == "runtime.exited");
        out.into_iter()
            .next()
            .map(|o| o.verdict)
            .unwrap_or_else(|| panic!("the rule ran"))
    }

    fn exited(code: i64) -> impl FnOnce(&mut ContainerDetails) {
        move |d| {
            d.state.running = false;
            d.state.status = State::Exited;
            d.state.exit_code = code;
        }
    }

    fn text(v: &Verdict) -> String {
        match v {
            Verdict::Fail(f) => f
                .iter()
                .map(|f| {
                    format!(
                        "{} | {} | {} | {:?}",
                        f.title, f.evidence, f.fix, f.severity
                    )
                })
                .collect(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn an_exit_is_told_with_its_code_and_last_lines() {
        let tb = [
            "Traceback (most recent call last):",
            "  File \"/app/app.py\", line 1",
            "ModuleNotFoundError: No module named 'http'",
        ];
        let v = verdict(
            |d| {
                exited(1)(d);
                d.state.health = Some(HealthState {
                    status: Health::Unhealthy,
                    failing_streak: 0,
                    log: Vec::new(),
                });
            },
            &tb,
        );
        let t = text(&v);
        assert!(t.contains("it exited with code 1"), "{t}");
        assert!(t.contains("the app failed"), "{t}");
        assert!(
            t.contains("«ModuleNotFoundError: No module named 'http'»"),
            "{t}"
        );
        assert!(t.contains("Docker still reports it unhealthy"), "{t}");
        assert!(t.contains("docker logs --tail 50 web"), "{t}");
    }

    #[test]
    fn codes_say_what_they_usually_mean() {
        for (code, oom, said) in [
            (127, false, "not found"),
            (126, false, "not executable"),
            (137, false, "SIGKILL"),
            (137, true, "OOMKilled"),
            (143, false, "SIGTERM"),
            (130, false, "signal 2"),
        ] {
            let t = text(&verdict(
                |d| {
                    exited(code)(d);
                    d.state.oom_killed = oom;
                },
                &[],
            ));
            assert!(t.contains(said), "{code}: {t}");
            assert_eq!(t.contains("raise `--memory`"), oom, "{t}");
        }
    }

    #[test]
    fn running_passes_and_other_states_are_told() {
        assert!(matches!(verdict(|_| {}, &[]), Verdict::Pass(_)));
        let t = text(&verdict(|d| d.restart_count = 4, &[]));
        assert!(
            t.contains("restarted it 4 times") && t.contains("Warn"),
            "{t}"
        );
        let t = text(&verdict(
            |d| {
                d.state.restarting = true;
                d.state.status = State::Restarting;
                d.state.exit_code = 1;
                d.restart_count = 7;
            },
            &[],
        ));
        assert!(
            t.contains("crash-loops") && t.contains("restarted 7 times"),
            "{t}"
        );
        let t = text(&verdict(|d| d.state.paused = true, &[]));
        assert!(t.contains("paused") && t.contains("Warn"), "{t}");
        let t = text(&verdict(
            |d| {
                d.state.running = false;
                d.state.status = State::Created;
            },
            &[],
        ));
        assert!(t.contains("never started") && t.contains("Warn"), "{t}");
    }

    #[test]
    fn a_finished_task_passes_but_a_service_that_ended_fails() {
        // The guide's container is a service (it exposes 8000): exit 0 is still a stop.
        assert!(matches!(verdict(exited(0), &[]), Verdict::Fail(_)));
        let task = verdict(
            |d| {
                exited(0)(d);
                d.config.exposed_ports.clear();
            },
            &[],
        );
        assert!(matches!(task, Verdict::NotApplicable(_)), "{task:?}");
    }
}
