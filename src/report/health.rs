//! Output of `docktor health CONTAINER`: JSON for machines (shape in the README) and text
//! for people — status and streak, the check as configured, since when it fails, every
//! probe known (start, duration, exit code, source, output), and the rules' findings.

use serde_json::{Value, json};

use crate::diagnose::Finding;
use crate::health::config::{CheckConfig, Origin, Test};
use crate::health::time::{Nanos, datetime, nanos_in, rfc3339, span};
use crate::health::{HealthFacts, History, Summary, output};

/// What the report is about.
pub struct Subject<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub image: &'a str,
    /// The engine's URI (or `store` for a container only the store remembers).
    pub engine: &'a str,
    /// Secret values are shown as they are (`--reveal`); else the facts come masked.
    pub revealed: bool,
}

fn secs(d: std::time::Duration) -> f64 {
    d.as_secs_f64()
}

fn config_json(c: &CheckConfig) -> Value {
    let (kind, test) = match &c.test {
        Test::Disabled => ("none", vec!["NONE".to_string()]),
        Test::Exec(a) => ("cmd", a.clone()),
        Test::Shell(s) => ("cmd-shell", vec![s.clone()]),
    };
    json!({
        "kind": kind,
        "test": test,
        "command": c.command_text(),
        "origin": match c.origin { Origin::Container => "container", Origin::Image => "image" },
        "interval_s": secs(c.interval()),
        "timeout_s": secs(c.timeout()),
        "retries": c.retries(),
        "start_period_s": secs(c.start_period()),
        "start_interval_s": c.set.start_interval.map(secs),
        "time_to_unhealthy_s": secs(c.time_to_unhealthy()),
    })
}

fn time(t: Option<Nanos>) -> Value {
    t.map_or(Value::Null, |t| Value::String(rfc3339(t)))
}

/// The JSON report.
pub fn json(s: &Subject, h: &HealthFacts, sum: &Summary, findings: &[Finding]) -> Value {
    let probes: Vec<Value> = h
        .history
        .probes()
        .iter()
        .map(|p| {
            json!({
                "start": rfc3339(p.start),
                "end": time(p.end),
                "duration_ms": p.duration().map(|d| d / 1_000_000),
                "exit_code": p.exit_code,
                "outcome": p.outcome(),
                "output": p.output,
                "source": p.source,
                "run": time(h.history.run_of(p.start)),
            })
        })
        .collect();
    json!({
        "container": { "id": s.id, "name": s.name, "image": s.image },
        "engine": s.engine,
        "status": h.status.as_str(),
        "running": h.running,
        "failing_streak": h.failing_streak.unwrap_or(sum.failing_streak),
        "failing_since": time(sum.failing_from().map(|(t, _)| t)),
        "failing_since_estimated": sum.earlier.is_some(),
        "last_healthy": time(sum.last_healthy),
        "flapping": sum.flapping,
        "config": h.config.as_ref().map(config_json),
        "runs": h.history.runs().iter().map(|r| rfc3339(*r)).collect::<Vec<_>>(),
        "probes": probes,
        "findings": findings,
        "revealed": s.revealed,
    })
}

/// The text report.
pub fn text(s: &Subject, h: &HealthFacts, sum: &Summary, findings: &[Finding]) -> String {
    let mut out = format!(
        "{} ({}), {}: {}",
        s.name,
        crate::model::short_id(s.id),
        s.image,
        h.status.as_str()
    );
    let streak = h.failing_streak.unwrap_or(sum.failing_streak);
    if streak > 0 {
        out.push_str(&format!(", failing streak {streak}"));
    }
    if h.running == Some(false) {
        out.push_str(" (not running: no probe runs, the status is the last one Docker kept)");
    }
    out.push('\n');
    match &h.config {
        None => out.push_str("no health check\n"),
        Some(c) if c.is_disabled() => out.push_str("health check switched off (NONE)\n"),
        Some(c) => out.push_str(&format!(
            "check ({}): {}\n  every {}, timeout {}, {} retries, start period {}{}; unhealthy after {} of failures\n",
            match c.origin { Origin::Container => "container", Origin::Image => "image" },
            c.command_text(),
            span(nanos_in(c.interval())),
            span(nanos_in(c.timeout())),
            c.retries(),
            span(nanos_in(c.start_period())),
            c.set
                .start_interval
                .map(|d| format!(", start interval {}", span(nanos_in(d))))
                .unwrap_or_default(),
            span(nanos_in(c.time_to_unhealthy())),
        )),
    }
    if let Some(since) = sum.since_text() {
        out.push_str(&since);
        out.push('\n');
    }
    if let Some(t) = sum.last_healthy {
        out.push_str(&format!("last healthy at {}\n", datetime(t)));
    }
    if let Some(f) = sum.flapping {
        out.push_str(&format!(
            "flapping: {} changes in the last {} probes\n",
            f.changes, f.window
        ));
    }
    out.push_str(if s.revealed {
        "secret values REVEALED in the outputs (without --reveal they are masked)\n"
    } else {
        "secret values masked in the outputs (--reveal shows them)\n"
    });
    out.push_str(&probes_text(&h.history));
    if !findings.is_empty() {
        out.push_str("\nWhy:\n");
        for x in findings {
            out.push_str(&format!("  [{}] {}: {}\n", x.severity, x.id, x.title));
            out.push_str(&format!(
                "      evidence: {}\n      fix: {}\n",
                x.evidence, x.fix
            ));
        }
    }
    out
}

fn probes_text(h: &History) -> String {
    let mut out = format!("\n{} probes known\n", h.len());
    if h.is_empty() {
        return out;
    }
    out.push_str("  START                DURATION  EXIT  SOURCE    OUTPUT\n");
    for seg in h.segments() {
        if let Some(r) = seg.started_at {
            out.push_str(&format!("  ── started {} ──\n", datetime(r)));
        }
        for p in &h.probes()[seg.probes] {
            let lines = p
                .output
                .as_deref()
                .map(output::lines)
                .unwrap_or_else(|| vec!["(output not captured)"]);
            out.push_str(&format!(
                "  {}  {:>8}  {:>4}  {:<8}  {}\n",
                datetime(p.start),
                p.duration().map(span).unwrap_or_else(|| "?".into()),
                p.exit_code.map_or("?".into(), |c| c.to_string()),
                p.source.as_str(),
                lines.first().copied().unwrap_or("")
            ));
            for l in lines.iter().skip(1) {
                out.push_str(&format!("  {:>46}{l}\n", ""));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::config::{RawCheck, resolve};
    use crate::health::time::SECOND;
    use crate::health::{Probe, summarize};
    use crate::model::Health;

    fn facts() -> HealthFacts {
        let raw = RawCheck {
            test: vec![
                "CMD-SHELL".into(),
                "wget -q -O- http://127.0.0.1:8001/ || exit 1".into(),
            ],
            interval: Some(std::time::Duration::from_secs(2)),
            retries: Some(2),
            ..Default::default()
        };
        let probes = vec![
            Probe::daemon(10 * SECOND, Some(10 * SECOND + 50_000_000), 0, "ok\n"),
            Probe::daemon(
                12 * SECOND,
                Some(12 * SECOND + 60_000_000),
                1,
                "refused\nline 2\n",
            ),
        ];
        HealthFacts {
            config: resolve(Some(&raw), None),
            status: Health::Unhealthy,
            failing_streak: Some(1),
            history: History::from_probes(probes, &[5 * SECOND]),
            ..Default::default()
        }
    }

    const S: Subject = Subject {
        id: "c0ffee1234567890",
        name: "web",
        image: "web:1",
        engine: "unix:///var/run/docker.sock",
        revealed: false,
    };

    #[test]
    fn json_has_the_documented_fields() {
        let h = facts();
        let v = json(&S, &h, &summarize(&h.history, h.config.as_ref()), &[]);
        for k in [
            "status",
            "failing_streak",
            "config",
            "probes",
            "findings",
            "failing_since",
            "last_healthy",
            "runs",
            "revealed",
        ] {
            assert!(v.get(k).is_some(), "{k} in {v}");
        }
        assert_eq!(v["status"], "unhealthy");
        assert_eq!(v["config"]["kind"], "cmd-shell");
        assert_eq!(v["config"]["time_to_unhealthy_s"], 4.0);
        let p = &v["probes"][1];
        assert_eq!(p["exit_code"], 1);
        assert_eq!(p["source"], "daemon");
        assert_eq!(p["outcome"], "fail");
        assert_eq!(p["duration_ms"], 60);
        assert_eq!(p["start"], "1970-01-01T00:00:12.000000000Z");
        assert_eq!(v["failing_since"], "1970-01-01T00:00:12.000000000Z");
    }

    #[test]
    fn text_lists_every_probe_with_its_output_lines() {
        let h = facts();
        let t = text(&S, &h, &summarize(&h.history, h.config.as_ref()), &[]);
        assert!(
            t.starts_with("web (c0ffee123456), web:1: unhealthy, failing streak 1\n"),
            "{t}"
        );
        assert!(t.contains("every 2.0 s, timeout 30.0 s, 2 retries"), "{t}");
        assert!(t.contains("── started 1970-01-01 00:00:05 ──"), "{t}");
        assert!(t.contains("     1  daemon    refused\n"), "{t}");
        assert!(t.contains("line 2"), "{t}");
    }
}
