//! Pairing probes from events: by execID, only the check's command, timeouts at their deadline.

use super::*;

const CMD: &str = "/bin/sh -c wget -q -O- http://127.0.0.1:8000/health/";

fn pairing() -> Pairing {
    let mut p = Pairing::new();
    p.watch(
        "c1",
        Some(Watched {
            command: CMD.into(),
            timeout: 2 * SECOND,
        }),
    );
    p
}

fn start(id: &str, cmd: &str, t: Nanos) -> Event {
    Event::ExecStart {
        container: "c1".into(),
        exec_id: id.into(),
        command: cmd.into(),
        time: t,
    }
}

fn die(id: &str, code: i64, t: Nanos) -> Event {
    Event::ExecDie {
        container: "c1".into(),
        exec_id: id.into(),
        exit_code: Some(code),
        time: t,
    }
}

#[test]
fn start_and_die_pair_by_exec_id() {
    let mut p = pairing();
    assert_eq!(p.on_event(start("a", CMD, 100)), None);
    assert_eq!(p.on_event(start("b", CMD, 200)), None);
    let Some(Step::Inspect { exec }) = p.on_event(die("b", 1, 300)) else {
        panic!("an inspect")
    };
    assert_eq!(
        (exec.start, exec.end, exec.exit_code),
        (200, Some(300), Some(1))
    );
    assert_eq!(p.open(), 1);
    assert_eq!(p.on_event(die("zzz", 0, 400)), None, "unknown exec");
}

#[test]
fn other_execs_are_not_probes() {
    let mut p = pairing();
    assert_eq!(p.on_event(start("a", "sh", 100)), None);
    assert_eq!(p.on_event(die("a", 0, 200)), None);
    let other = Event::ExecStart {
        container: "c2".into(),
        exec_id: "x".into(),
        command: CMD.into(),
        time: 1,
    };
    assert_eq!(p.on_event(other), None, "no check known for c2");
}

#[test]
fn a_probe_past_its_timeout_is_inspected_once_at_its_deadline() {
    let mut p = pairing();
    p.on_event(start("slow", CMD, 0));
    assert_eq!(p.next_deadline(), Some(3 * SECOND));
    assert!(p.overdue(2 * SECOND).is_empty());
    let due = p.overdue(3 * SECOND);
    assert!(matches!(due.as_slice(), [Step::Inspect { exec }] if exec.exit_code.is_none()));
    assert!(p.overdue(4 * SECOND).is_empty(), "once");
    // Its exec_die comes when the process ends: already inspected, exit code ignored.
    assert_eq!(p.on_event(die("slow", 0, 5 * SECOND)), None);
    assert_eq!(p.open(), 0);
}

#[test]
fn a_late_die_without_deadline_inspect_carries_no_exit_code() {
    let mut p = pairing();
    p.on_event(start("slow", CMD, 0));
    let Some(Step::Inspect { exec }) = p.on_event(die("slow", 0, 5 * SECOND)) else {
        panic!("an inspect")
    };
    assert_eq!(exec.probe().exit_code, None);
}

#[test]
fn an_exec_ended_at_its_timeout_carries_no_exit_code() {
    // The daemon starts the 2 s timeout a little before `exec_start`, and the exec it ends
    // then dies with a code of its own (127 seen on 20.10): that is the timeout, not a 127.
    let mut p = pairing();
    p.on_event(start("cut", CMD, 0));
    let Some(Step::Inspect { exec }) = p.on_event(die("cut", 127, 2 * SECOND - SECOND / 50)) else {
        panic!("an inspect")
    };
    assert_eq!(exec.exit_code, None);
    // Well within the timeout, the code is the probe's.
    p.on_event(start("quick", CMD, 0));
    let Some(Step::Inspect { exec }) = p.on_event(die("quick", 1, SECOND)) else {
        panic!("an inspect")
    };
    assert_eq!(exec.exit_code, Some(1));
}

#[test]
fn removal_forgets_the_container() {
    let mut p = pairing();
    p.on_event(start("a", CMD, 0));
    let step = p.on_event(Event::Removed {
        container: "c1".into(),
        time: 1,
    });
    assert_eq!(
        step,
        Some(Step::Removed {
            container: "c1".into()
        })
    );
    assert_eq!(p.open(), 0);
    assert!(!p.is_watched("c1"));
    assert_eq!(p.overdue(Nanos::MAX), vec![]);
}
