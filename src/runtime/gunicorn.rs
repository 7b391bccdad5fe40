//! Gunicorn's workers, counted from a container's process list (`docker top`, no exec): the
//! processes whose command is gunicorn, less the master(s) — a gunicorn process whose
//! parent is not itself gunicorn. The guide's "Optimized Gunicorn configuration" with
//! Gunicorn's own advice: `2 × CPUs + 1` workers.

use crate::model::top::ProcessList;

/// What the process list shows of Gunicorn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workers {
    pub masters: usize,
    pub workers: usize,
    /// The first master's command line, for evidence.
    pub command: String,
}

fn base(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

/// Is this command line gunicorn? `gunicorn …`, `python …/gunicorn …` (or a shell running a
/// `gunicorn` script), `python -m gunicorn`, or a retitled `gunicorn: worker [app]`.
pub fn is_gunicorn(cmd: &str) -> bool {
    let mut words = cmd.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if base(first) == "gunicorn" || first.starts_with("gunicorn:") {
        return true;
    }
    let interpreter = base(first);
    if !interpreter.starts_with("python") && !matches!(interpreter, "sh" | "bash" | "dash") {
        return false;
    }
    match words.next() {
        Some("-m") => words.next() == Some("gunicorn"),
        Some(w) => base(w) == "gunicorn",
        None => false,
    }
}

/// Gunicorn's masters and workers in `list`; `None` when no gunicorn runs.
pub fn count(list: &ProcessList) -> Option<Workers> {
    let cmd = list.column("CMD").or_else(|| list.column("COMMAND"))?;
    let (pid, ppid) = (list.column("PID"), list.column("PPID"));
    let cell = |r: &Vec<String>, i: Option<usize>| i.and_then(|i| r.get(i)).cloned();
    let ours: Vec<&Vec<String>> = list
        .rows
        .iter()
        .filter(|r| r.get(cmd).is_some_and(|c| is_gunicorn(c)))
        .collect();
    if ours.is_empty() {
        return None;
    }
    let pids: Vec<String> = ours.iter().filter_map(|r| cell(r, pid)).collect();
    let masters: Vec<&&Vec<String>> = match (pid, ppid) {
        (Some(_), Some(_)) => ours
            .iter()
            .filter(|r| cell(r, ppid).is_none_or(|p| !pids.contains(&p)))
            .collect(),
        // Without PID columns (custom ps_args), the first one is taken for the master.
        _ => ours.iter().take(1).collect(),
    };
    Some(Workers {
        masters: masters.len(),
        workers: ours.len() - masters.len(),
        command: masters
            .first()
            .and_then(|r| r.get(cmd))
            .cloned()
            .unwrap_or_default(),
    })
}

/// Gunicorn's advice for `cpus` CPUs: `2 × CPUs + 1` (a fraction of a CPU rounds).
pub fn recommended(cpus: f64) -> usize {
    (2.0 * cpus).round().max(0.0) as usize + 1
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A `docker top` list: (pid, ppid, command) rows.
    pub fn top(rows: &[(u32, u32, &str)]) -> ProcessList {
        ProcessList {
            titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]
                .map(String::from)
                .to_vec(),
            rows: rows
                .iter()
                .map(|(pid, ppid, cmd)| {
                    vec![
                        "1001".into(),
                        pid.to_string(),
                        ppid.to_string(),
                        "0".into(),
                        "08:00".into(),
                        "?".into(),
                        "00:00:00".into(),
                        cmd.to_string(),
                    ]
                })
                .collect(),
        }
    }

    #[test]
    fn workers_are_the_gunicorn_processes_less_the_master() {
        let venv = "/app/.venv/bin/python /app/.venv/bin/gunicorn app.wsgi --workers 3";
        let p = top(&[
            (10, 1, venv),
            (11, 10, venv),
            (12, 10, venv),
            (13, 10, venv),
            (14, 11, "sleep 1"),
        ]);
        let w = count(&p).unwrap();
        assert_eq!((w.masters, w.workers), (1, 3));
        assert_eq!(w.command, venv);
        let titled = top(&[
            (7, 1, "gunicorn: master [app]"),
            (8, 7, "gunicorn: worker [app]"),
        ]);
        assert_eq!(count(&titled).map(|w| w.workers), Some(1));
        assert_eq!(count(&top(&[(1, 0, "httpd -f")])), None);
        assert!(is_gunicorn("python3 -m gunicorn app"));
        assert!(!is_gunicorn("python3 manage.py runserver"));
        assert!(is_gunicorn("/bin/sh /app/.venv/bin/gunicorn --worker"));
        assert!(!is_gunicorn("/bin/sh -c gunicorn"));
        assert!(!is_gunicorn(""));
    }

    #[test]
    fn two_per_cpu_plus_one() {
        assert_eq!(recommended(1.0), 3);
        assert_eq!(recommended(1.5), 4);
        assert_eq!(recommended(0.5), 2);
        assert_eq!(recommended(4.0), 9);
    }
}
